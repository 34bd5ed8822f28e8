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
  /**
   * The href of an entry's own link as this site writes it, `{id}` standing
   * for the key without its kind (`/abs/{id}`: arxiv:2007.12223 is listed
   * as `/abs/2007.12223`). The worker makes the bundled index's papers of
   * the site's kind into links of this form, keeps those its URL detectors
   * read back as the same key (utils/lookup/listing-counts.ts), and the
   * listing script matches entries against them with no round trip. Entries
   * linked otherwise are answered by the worker as before.
   */
  entryHref?: string;
  /** Entry links may add a version to the id (arXiv's `/abs/1803.03635v5`). */
  entryVersions?: boolean;
}

/**
 * A listing site's papers in the bundled index, by the exact link its
 * entries have on one page (made by the worker from `entryHref`): every
 * link in it is `prefix + id + suffix` (or, with `versions`, `prefix + id +
 * 'v' + digits + suffix`) and names the paper `<kind>:<id>`, with these
 * counts, human-written and machine-generated.
 */
export interface ListingTable {
  prefix: string;
  suffix: string;
  versions?: boolean;
  ids: Record<string, [human: number, machine: number]>;
}
