import { linkUrl, textOf } from './read';
import type { ListingSite } from './types';

/*
 * OpenReview venue pages (`/group?id=<venue>`, openreview-web): a
 * single-page app whose tabs (`#tab-accept-oral`…) and pages of results
 * replace the list without a page load, so it is followed live. Each paper
 * is `<ul class="submissions-list"><li><div class="note"><h4><a
 * href="/forum?id=<forum>">title</a><a class="pdf-link" …></h4>`; a link with
 * `noteId` is a reply in a forum, not a paper.
 *
 * Listing pages tested:
 *   https://openreview.net/group?id=ICLR.cc/2020/Conference
 *   https://openreview.net/group?id=ICLR.cc/2024/Conference#tab-accept-oral
 *   https://openreview.net/group?id=NeurIPS.cc/2023/Conference&referrer=%5BHomepage%5D(%2F)
 * Not listing pages: https://openreview.net/forum?id=rJlnfaNYvB, https://openreview.net/profile?id=~Jonathan_Frankle1
 */
export const openreviewListing: ListingSite = {
  id: 'openreview',
  live: true,
  isListing: (url) =>
    (url.hostname === 'openreview.net' || url.hostname === 'www.openreview.net') &&
    url.pathname.replace(/\/$/, '') === '/group' &&
    !!url.searchParams.get('id'),
  links: '.submissions-list .note > h4 > a:first-child',
  kind: 'openreview',
  entryHref: '/forum?id={id}',
  entry(link, page) {
    const href = link.getAttribute('href') ?? '';
    if (/[?&]noteId=/.test(href)) return null;
    const url = linkUrl(link, page);
    const h4 = link.parentElement;
    if (!url || !h4) return null;
    return { url, place: () => ({ in: h4, at: 'inline' }), title: () => textOf(link) };
  },
};
