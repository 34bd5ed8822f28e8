/**
 * Listing pages (a day's arXiv list, a proceedings volume, Hugging Face's
 * daily papers): many papers, each an entry with a link of its own. One file
 * per site in this folder, each a pure description of its markup, with the
 * pages it was composed from and tested on.
 */

/** Where a badge goes: after the last content of `in` (its last line has room), or on its top-right corner. */
export interface BadgePlace {
  in: Element;
  at: 'inline' | 'corner';
}

/**
 * One entry of a listing page: its own id link, whose URL alone names the
 * paper (the worker reads the key from it with the URL detectors, keyOfListed;
 * never from the entry's text), and where its badge goes.
 */
export interface ListingEntry {
  /** The entry's id link, absolute: the paper's own page. */
  url: string;
  /** Asked when the badge is made: the rest of the entry may still be parsing when the link is seen. */
  place(): BadgePlace | null;
  /** The entry's title as the page shows it, for the badge's accessible name ('' when not there yet). */
  title(): string;
}

export interface ListingSite {
  /** `arxiv`, `huggingface`… */
  id: string;
  /** Whether a URL is one of this site's listing pages (a pure URL predicate). */
  isListing(url: URL): boolean;
  /** A CSS selector for every entry's own id link, and nothing else on the page. */
  links: string;
  /** The kind of key its entries name (`arxiv`…): a link naming another kind names no entry. */
  kind: string;
  /** The entry a matched link heads; null when it cannot be one (no usable link, not in an entry). */
  entry(link: Element, page: URL): ListingEntry | null;
  /** The list changes without a page load (tab switches, paging, more results). */
  live?: boolean;
}
