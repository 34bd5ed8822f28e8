import { LISTING_ENTRIES } from '@/utils/core/schema';
import type { ListingEntry, ListingSite, ListingTable } from './types';

/** Links longer than this are not an entry's id link (a hostile page's bait). */
const MAX_HREF_CHARS = 600;
/** Titles are for accessible names: the first words are enough. */
const MAX_TITLE_CHARS = 300;
/** Entries read from one page at most (a real list has a few thousand): the worker's limit too. */
export const MAX_ENTRIES = LISTING_ENTRIES;

/** A link's absolute URL, if it can name a paper at all (http or https, not absurdly long). */
export function linkUrl(link: Element, page: URL): string | null {
  const href = link.getAttribute('href');
  if (!href || href.length > MAX_HREF_CHARS) return null;
  try {
    const url = new URL(href, page);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * A link's absolute URL by string work alone, where that is plain (an
 * absolute http(s) href, or a path from the page's origin), else null: for
 * matching entries against a listing table at DOMContentLoaded, where
 * parsing a thousand URLs cost ~6–20 ms here. The table holds URLs as the
 * URL parser writes them, so an href that parses to something else than
 * this string matches none of them (its entry is read the usual way).
 */
export function plainLinkUrl(href: string, origin: string): string | null {
  if (href.startsWith('https://') || href.startsWith('http://')) return href;
  return href[0] === '/' && href[1] !== '/' && href[1] !== '\\' ? origin + href : null;
}

/** An element's text as one line, bounded; `strip` drops a leading label ("Title:"). */
export function textOf(el: Element | null | undefined, strip?: RegExp): string {
  const text = (el?.textContent ?? '').slice(0, MAX_TITLE_CHARS * 4).replace(/\s+/g, ' ');
  return (strip ? text.replace(strip, '') : text).trim().slice(0, MAX_TITLE_CHARS);
}

/**
 * Reads the entries under `root` not read before (`seen` holds their links),
 * at most `max` in all: bounded work on any page, and a page that keeps
 * adding entries (paging, tab switches) costs only its new ones.
 */
export function readEntries(
  site: ListingSite,
  root: ParentNode,
  page: URL,
  seen: { has(link: Element): boolean; add(link: Element): unknown } = new WeakSet(),
  max = MAX_ENTRIES,
): ListingEntry[] {
  const found: ListingEntry[] = [];
  const links = root.querySelectorAll(site.links);
  for (let i = 0; i < links.length && found.length < max; i++) {
    const link = links[i]!;
    if (seen.has(link)) continue;
    seen.add(link);
    const entry = site.entry(link, page);
    if (entry) found.push(entry);
  }
  return found;
}

/**
 * What a listing table says of an entry's link (its absolute URL): the
 * paper's key and counts when the link is one of the table's, else null
 * (not summarized, or linked in another form: the worker answers those).
 */
export function tableMatch(
  table: ListingTable,
  kind: string,
  url: string,
): { key: string; human: number; machine: number } | null {
  const { prefix, suffix, ids } = table;
  if (
    url.length <= prefix.length + suffix.length ||
    !url.startsWith(prefix) ||
    !url.endsWith(suffix)
  )
    return null;
  let id = url.slice(prefix.length, url.length - suffix.length);
  if (table.versions) id = id.replace(/v\d+$/, '');
  const row = Object.hasOwn(ids, id) ? ids[id] : undefined;
  return row ? { key: `${kind}:${id}`, human: row[0], machine: row[1] } : null;
}
