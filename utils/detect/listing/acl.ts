import { linkUrl, textOf } from './read';
import type { ListingSite } from './types';

/*
 * ACL Anthology event pages (`/events/<event>/`: every volume of a
 * conference) and volume pages (`/volumes/<volume>/`). Each paper is a
 * `<p class="d-sm-flex">`: a row of pdf/bib/abs buttons, then `<span
 * class="d-block"><strong><a class="align-middle" href="/<anthology id>/">
 * title</a></strong><br>authors</span>` (the Anthology's Hugo
 * papers/list-entry template). The title line ends at the `<br>`, so the
 * badge goes there.
 *
 * Listing pages tested:
 *   https://aclanthology.org/events/naacl-2021/
 *   https://aclanthology.org/volumes/2021.naacl-main/
 *   https://aclanthology.org/volumes/P19-1/
 * Not listing pages: https://aclanthology.org/2021.naacl-main.208/, https://aclanthology.org/venues/acl/
 */
const LISTING = /^\/(?:events|volumes)\/[\w.-]+\/?$/;

export const aclListing: ListingSite = {
  id: 'acl',
  isListing: (url) =>
    (url.hostname === 'aclanthology.org' || url.hostname === 'www.aclanthology.org') &&
    LISTING.test(url.pathname),
  links: 'p > span.d-block > strong > a[href]',
  kind: 'acl',
  entryHref: '/{id}/',
  entry(link, page) {
    const url = linkUrl(link, page);
    const strong = link.parentElement;
    if (!url || !strong) return null;
    return { url, place: () => ({ in: strong, at: 'inline' }), title: () => textOf(link) };
  },
};
