import { linkUrl, textOf } from './read';
import type { ListingSite } from './types';

/*
 * arXiv's lists (arxiv-browse's list templates) and search results
 * (arxiv-search's result macros):
 * - `/list/<archive>/{new,recent,pastweek,<yymm>,<yy>}` (any `?skip=&show=`) and
 *   `/catchup/…`: a `<dl>` of `<dt>` (`[n]`, the id link `<a href="/abs/<id>"
 *   title="Abstract" id="<id>">`, then pdf/html/other links) and `<dd>` (title,
 *   authors, comments, subjects);
 * - `/search/…`: `<li class="arxiv-result">` with `<p class="list-title">` (the
 *   abs link first) and `<p class="title">`.
 * The entry's key comes from the abs link only: the pdf and format links
 * name the same paper, and ids in the text (comments, titles) name none.
 *
 * Listing pages tested:
 *   https://arxiv.org/list/cs.LG/new
 *   https://arxiv.org/list/cs.LG/recent?skip=0&show=2000
 *   https://arxiv.org/list/hep-th/pastweek?show=25
 *   https://arxiv.org/list/cs.CL/2401
 *   https://www.arxiv.org/list/math.AG/24
 *   https://arxiv.org/catchup/cs.LG/2024-06-03
 *   https://arxiv.org/search/?query=lottery+ticket&searchtype=all
 *   https://arxiv.org/search/advanced?terms-0-term=bert
 * Not listing pages: https://arxiv.org/abs/2007.12223, https://arxiv.org/list/cs.LG/
 */
const HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org']);
const LIST = /^\/list\/[a-z-]+(?:\.[A-Za-z-]+)?\/(?:new|recent|pastweek|\d{2}|\d{4})\/?$/;
const OTHER = /^\/(?:catchup|search)(?:\/|$)/;

export const arxivListing: ListingSite = {
  id: 'arxiv',
  isListing: (url) =>
    HOSTS.has(url.hostname) && (LIST.test(url.pathname) || OTHER.test(url.pathname)),
  links: 'dl dt a[title="Abstract"], li.arxiv-result > div > p.list-title > a:first-child',
  kind: 'arxiv',
  entryHref: '/abs/{id}',
  entryVersions: true,
  // Which of the two forms an entry is, is asked only of the entries that get a badge: a
  // list's ~1,000 entries read at DOMContentLoaded cost it ~10 ms of closest() here.
  entry(link, page) {
    const url = linkUrl(link, page);
    if (!url) return null;
    const dt = () => link.closest('dt');
    const title = () => link.closest('li.arxiv-result')?.querySelector(':scope > p.title') ?? null;
    return {
      url,
      place: () => {
        const at = dt() ?? title();
        return at ? { in: at, at: 'inline' } : null;
      },
      title: () => {
        const at = dt();
        if (!at) return textOf(title());
        const dd = at.nextElementSibling;
        return dd?.tagName === 'DD' ? textOf(dd.querySelector('.list-title'), /^Title:/) : '';
      },
    };
  },
};
