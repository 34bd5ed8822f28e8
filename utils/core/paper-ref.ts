import { safeHttpUrl } from './url';

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

/**
 * The one key grammar: every canonical key Sidenotes creates or accepts
 * (detection, imports, index input, summaries from outside, messages) is
 * `<kind>:<id>` with a kind below and an id of that kind's characters. None
 * allows braces, quotes, backslashes, `@`, `%`, `#` or whitespace, so a key
 * is safe in a BibTeX field, a Markdown line and an IndexedDB key alike.
 * DOIs follow Crossref's recommended pattern (`10.\d{4,9}/[-._;()/:A-Z0-9]+`),
 * lower-cased as every DOI key is.
 */
const KEY_GRAMMAR: Readonly<Record<string, RegExp>> = {
  // New style `2007.12223`; old style `hep-th/9901001` (subject class dropped).
  arxiv: /^(?:\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)?\/\d{7})$/,
  doi: /^10\.\d{4,9}\/[-._;()/:a-z0-9]+$/,
  openreview: /^[A-Za-z0-9_-]{8,100}$/,
  acl: /^(?:[A-Z]\d{2}-\d{4}|\d{4}\.[a-z0-9]+(?:-[a-z0-9]+)*\.\d+)$/,
  neurips: /^\d{4}\/[0-9a-f]{32}$/,
  nips: /^\d{1,7}$/,
  pmlr: /^v\d{1,4}\/[a-z0-9][a-z0-9_-]{0,199}$/,
  cvf: /^[a-z]+\d{4}w?\/[a-z0-9_.%+-]{1,400}$/,
  jmlr: /^v\d{1,4}\/[a-z0-9][a-z0-9_-]{0,199}$/,
  s2: /^[0-9a-f]{40}$/,
  // Publishers' and repositories' own article ids, where a page's PDF names
  // no DOI (utils/detect/publisher-ids.ts): PubMed Central, Elsevier's PII,
  // IEEE Xplore's article number, INSPIRE's record and one of its files.
  pmc: /^PMC\d{1,10}$/,
  pii: /^[SB][0-9X]{16}$/,
  ieee: /^\d{1,10}$/,
  inspire: /^\d{1,10}$/,
  inspirefile: /^[0-9a-f]{32}$/,
  // ShortScience's bibtexKey (`conf/nips/SmithJ17`, DBLP's form).
  shortscience: /^[A-Za-z0-9][A-Za-z0-9._:/+-]{0,299}$/,
  // A normalized title (utils/detect/title.ts): letters and digits, single spaces.
  title: /^[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*$/u,
};

/** The kinds of canonical keys, in no particular order. */
export const KEY_KINDS: readonly string[] = Object.keys(KEY_GRAMMAR);

/** The longest key accepted (a long normalized title). */
export const MAX_KEY_CHARS = 1024;

/** Whether `key` is a canonical key by the one grammar (see KEY_GRAMMAR). */
export function isCanonicalKey(key: unknown): key is string {
  if (typeof key !== 'string' || key.length > MAX_KEY_CHARS) return false;
  const colon = key.indexOf(':');
  if (colon < 1) return false;
  const kind = key.slice(0, colon);
  return Object.hasOwn(KEY_GRAMMAR, kind) && KEY_GRAMMAR[kind]!.test(key.slice(colon + 1));
}

/**
 * The page one key names: the arXiv abstract, the OpenReview forum, the
 * Anthology page, the DOI's resolver; null for other kinds and for keys
 * outside the grammar (whose ids then need no escaping). A paper with several
 * keys or a URL of its own: `paperPageUrl`.
 */
export function keyPageUrl(key: string): string | null {
  if (!isCanonicalKey(key)) return null;
  const id = key.slice(key.indexOf(':') + 1);
  switch (kindOf(key)) {
    case 'arxiv':
      return `https://arxiv.org/abs/${id}`;
    case 'openreview':
      return `https://openreview.net/forum?id=${id}`;
    case 'acl':
      return `https://aclanthology.org/${id}/`;
    case 'doi':
      return `https://doi.org/${id}`;
    default:
      return null;
  }
}

/** Kinds whose page is the paper itself, open to read, best first. */
const OPEN_PAGE_KINDS = ['arxiv', 'openreview', 'acl'] as const;

/**
 * A paper's own page, in one order everywhere (citations, search results,
 * imported papers, a source's link to its summary): the open page one of its
 * keys names (arXiv abstract, then OpenReview forum, then Anthology page,
 * whichever key holds it), else the URL it came with when that is an http(s)
 * address (a proceedings page), else its DOI's resolver. Null when there is
 * none: keys of other kinds and no usable URL.
 */
export function paperPageUrl(paper: {
  keys: readonly string[];
  url?: string | null | undefined;
}): string | null {
  const byKind = (kind: string) => {
    const key = paper.keys.find((k) => kindOf(k) === kind && isCanonicalKey(k));
    return key ? keyPageUrl(key) : null;
  };
  for (const kind of OPEN_PAGE_KINDS) {
    const page = byKind(kind);
    if (page) return page;
  }
  return safeHttpUrl(paper.url) ?? byKind('doi');
}

/**
 * The URL a reference records (BibTeX `url`, RIS `UR`, CSL-JSON `URL`): the
 * address the paper came with, where it was published, else its arXiv
 * abstract page. Not `paperPageUrl`, on purpose: a reference records where
 * the work lives and gives its open ids in fields of their own (eprint, DOI),
 * while a link to read it prefers the open page.
 */
export function referenceUrl(paper: {
  keys: readonly string[];
  url?: string | null | undefined;
}): string | null {
  const arxiv = paper.keys.find((k) => kindOf(k) === 'arxiv' && isCanonicalKey(k));
  return safeHttpUrl(paper.url) ?? (arxiv ? keyPageUrl(arxiv) : null);
}
