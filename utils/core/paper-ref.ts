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
  // Ids of other kinds (`neurips:`, `pmlr:`, `s2:` …) after the DOI, before the title.
  return i === -1 ? KEY_ORDER.indexOf('title:') - 0.5 : i;
}

/** Deduplicates keys and orders them most specific first (stable within a kind). */
export function orderKeys(keys: readonly string[]): string[] {
  return [...new Set(keys)].sort((a, b) => keyRank(a) - keyRank(b));
}

const kindOf = (key: string): string => key.slice(0, key.indexOf(':'));

/**
 * Whether `candidate` keys can name the same paper as `known` ones: each of
 * its ids is either one of the known ids or of a kind not known at all.
 * Titles never disagree. (Metadata naming another arXiv id than the URL,
 * or a same-titled paper with another arXiv id, is another paper.)
 */
export function keysAgree(known: readonly string[], candidate: readonly string[]): boolean {
  const ids = known.filter((k) => !k.startsWith('title:'));
  return candidate.every(
    (k) => k.startsWith('title:') || ids.includes(k) || !ids.some((id) => kindOf(id) === kindOf(k)),
  );
}
