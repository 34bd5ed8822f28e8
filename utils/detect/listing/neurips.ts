import { linkUrl, textOf } from './read';
import type { ListingSite } from './types';

/*
 * NeurIPS proceedings year pages (papers.nips.cc, proceedings.neurips.cc,
 * the 2021 datasets track's host): `/paper_files/paper/<year>` (and the
 * older `/paper/<year>`), a `<ul class="paper-list">` of `<li>`s holding the
 * abstract link `<a title="…" href="/paper_files/paper/<year>/hash/<hash>-Abstract….html">`
 * and the authors. The badge goes at the end of the entry, after the authors.
 *
 * Listing pages tested:
 *   https://papers.nips.cc/paper_files/paper/2023
 *   https://proceedings.neurips.cc/paper_files/paper/2022
 *   https://proceedings.neurips.cc/paper/2020
 *   https://datasets-benchmarks-proceedings.neurips.cc/paper_files/paper/2021
 * Not listing pages: https://papers.nips.cc/paper_files/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html, https://papers.nips.cc/
 */
const HOST = /^(?:papers\.nips\.cc|(?:datasets-benchmarks-)?proceedings\.neurips\.cc)$/;
const LISTING = /^\/(?:paper_files\/)?paper\/\d{4}\/?$/;

export const neuripsListing: ListingSite = {
  id: 'neurips',
  isListing: (url) => HOST.test(url.hostname) && LISTING.test(url.pathname),
  links: 'li a[href*="/hash/"]',
  kind: 'neurips',
  entry(link, page) {
    const url = linkUrl(link, page);
    const li = link.closest('li');
    if (!url || !li) return null;
    return { url, place: () => ({ in: li, at: 'inline' }), title: () => textOf(link) };
  },
};
