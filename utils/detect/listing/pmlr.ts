import { linkUrl, textOf } from './read';
import type { ListingSite } from './types';

/*
 * PMLR volume pages (`proceedings.mlr.press/v<vol>/`): each paper is a
 * `<div class="paper">` with `<p class="title">`, `<p class="details">` and
 * `<p class="links">[<a href="…/v<vol>/<id>.html">abs</a>][<a …>Download PDF</a>]`.
 * The key comes from the abs link; the badge goes after the title.
 *
 * Listing pages tested:
 *   https://proceedings.mlr.press/v139/
 *   https://proceedings.mlr.press/v37/
 *   https://proceedings.mlr.press/v202/index.html
 * Not listing pages: https://proceedings.mlr.press/v139/radford21a.html, https://proceedings.mlr.press/
 */
const LISTING = /^\/v\d+\/?(?:index\.html)?$/;

export const pmlrListing: ListingSite = {
  id: 'pmlr',
  isListing: (url) => url.hostname === 'proceedings.mlr.press' && LISTING.test(url.pathname),
  links: 'div.paper > p.links > a[href$=".html"]',
  kind: 'pmlr',
  entryHref: '/{id}.html',
  entry(link, page) {
    const url = linkUrl(link, page);
    const paper = link.closest('div.paper');
    const title = paper?.querySelector(':scope > p.title');
    if (!url || !title) return null;
    return { url, place: () => ({ in: title, at: 'inline' }), title: () => textOf(title) };
  },
};
