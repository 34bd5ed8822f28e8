/**
 * The identity of a paper as found on a page. `keys` are canonical keys
 * (`arxiv:2007.12223`, `doi:10.18653/v1/…`, `openreview:<forum>`, `acl:<id>`),
 * most specific first; `keys[0]` is the page's canonical key.
 */
export interface PaperRef {
  keys: string[];
  title?: string;
  authors?: string[];
  /** arXiv version seen in the URL or metadata (`v2`), kept apart from the key. */
  version?: string;
  /** The page URL the paper was detected on. */
  url: string;
}

/** What one site detector knows from a URL alone. */
export interface UrlMatch {
  keys: string[];
  version?: string;
}

const KEY_ORDER = ['arxiv:', 'openreview:', 'acl:', 'doi:', 'title:'];

function keyRank(key: string): number {
  const i = KEY_ORDER.findIndex((prefix) => key.startsWith(prefix));
  return i === -1 ? KEY_ORDER.length : i;
}

/** Deduplicates keys and orders them most specific first (stable within a kind). */
export function orderKeys(keys: readonly string[]): string[] {
  return [...new Set(keys)].sort((a, b) => keyRank(a) - keyRank(b));
}
