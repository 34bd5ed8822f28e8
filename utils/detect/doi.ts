import { arxivKey, parseArxivId } from './arxiv';
import { aclKeyFromId } from './acl';
import { isCanonicalKey } from '@/utils/core/paper-ref';

/*
 * DOIs, from `citation_doi` metadata (meta.ts) and from URLs (doi-url.ts,
 * the resolver's and publishers'): the one DOI normalization, and the keys
 * a DOI stands for.
 */

/** Matches a DOI anywhere in a string: `10.<registrant>/<suffix>`. */
const DOI = /\b(10\.\d{4,9}\/[^\s"'<>]+)/;

/**
 * Extracts a DOI from a bare DOI, `doi:` prefix or a doi.org URL; lower-cased.
 * Null unless the DOI fits the key grammar (Crossref's recommended pattern,
 * utils/core/paper-ref.ts): `10.1234/x},@preamble{…` from a page's
 * `citation_doi` is no DOI, and never becomes a key.
 */
export function parseDoi(raw: string): string | null {
  let text = raw.trim();
  try {
    text = decodeURIComponent(text);
  } catch {
    // A stray % is not worth losing the DOI over; keep the raw text.
  }
  const m = DOI.exec(text);
  if (!m?.[1]) return null;
  // Trailing punctuation trimmed by hand: a regex anchored at the end is
  // quadratic on a hostile run of dots.
  let end = m[1].length;
  while (end > 0 && '.,;)]'.includes(m[1][end - 1]!)) end--;
  const doi = m[1].slice(0, end).toLowerCase();
  return isCanonicalKey(`doi:${doi}`) ? doi : null;
}

/**
 * The keys a DOI stands for. arXiv's own DOIs (`10.48550/arXiv.<id>`) are the
 * arXiv key; ACL Anthology DOIs (`10.18653/v1/<id>`) also give the ACL key.
 */
export function keysForDoi(doi: string): string[] {
  const arxiv = /^10\.48550\/arxiv\.(.+)$/.exec(doi);
  if (arxiv?.[1]) {
    const parsed = parseArxivId(arxiv[1]);
    if (parsed) return [arxivKey(parsed.id)];
  }
  const keys = [`doi:${doi}`];
  const acl = /^10\.18653\/v1\/(.+)$/.exec(doi);
  const aclKey = acl?.[1] ? aclKeyFromId(acl[1]) : null;
  if (aclKey) keys.unshift(aclKey);
  return keys;
}
