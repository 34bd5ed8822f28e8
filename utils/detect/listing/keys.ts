import { detectFromUrl } from '@/utils/detect';
import type { ListingEntry, ListingSite } from './types';

/**
 * The canonical key a listing entry's own link names, through the same URL
 * detectors as paper pages, if it is of the kind the site lists (an arXiv
 * list names arXiv papers). Run by the worker on the links a page sends, so
 * no detector ships into pages and a page cannot claim a key.
 */
export function keyOfListed(site: Pick<ListingSite, 'kind'> | null, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const key = detectFromUrl(parsed)?.keys[0];
  return key && (!site || key.startsWith(`${site.kind}:`)) ? key : null;
}

/** The distinct keys some entries name, in page order. */
export const keysOf = (site: ListingSite, entries: readonly ListingEntry[]): string[] => [
  ...new Set(entries.flatMap((e) => keyOfListed(site, e.url) ?? [])),
];
