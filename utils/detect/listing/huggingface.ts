import { linkUrl, textOf } from './read';
import type { ListingSite } from './types';

/*
 * Hugging Face daily papers: `/papers` (today), `/papers/date/<yyyy-mm-dd>`,
 * `/papers/week/…`, `/papers/month/…` and `/papers/trending`. Each paper is an
 * `<article>` card: a thumbnail link, then the title as `<h3><a
 * href="/papers/<arXiv id>">`. The site moves between days without a page
 * load, so the list is followed live.
 *
 * Listing pages tested:
 *   https://huggingface.co/papers
 *   https://huggingface.co/papers?date=2024-06-03
 *   https://huggingface.co/papers/date/2024-06-03
 *   https://huggingface.co/papers/week/2024-W23
 *   https://huggingface.co/papers/month/2024-06
 *   https://huggingface.co/papers/trending
 * Not listing pages: https://huggingface.co/papers/2007.12223, https://huggingface.co/models
 */
const LISTING = /^\/papers(?:\/(?:date|week|month)\/[\w-]+|\/trending)?\/?$/;

export const huggingfaceListing: ListingSite = {
  id: 'huggingface',
  live: true,
  isListing: (url) => url.hostname === 'huggingface.co' && LISTING.test(url.pathname),
  links: 'article h3 a[href]',
  kind: 'arxiv',
  entryHref: '/papers/{id}',
  entry(link, page) {
    const url = linkUrl(link, page);
    const card = link.closest('article');
    if (!url || !card) return null;
    return {
      url,
      // The card's top-right corner, over its thumbnail: the title is clamped to three lines.
      place: () => ({ in: card, at: 'corner' }),
      title: () => textOf(link),
    };
  },
};
