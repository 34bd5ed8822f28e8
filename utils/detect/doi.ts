import { arxivKey, parseArxivId } from './arxiv';
import { aclKeyFromId } from './acl';
import { isCanonicalKey, type UrlMatch } from '@/utils/core/paper-ref';

/*
 * DOIs, from `citation_doi` metadata (meta.ts) and from resolver links. The
 * resolver only redirects, so the content script never runs on doi.org:
 * this detector serves links (index building, pasted URLs), not pages.
 *
 * Tested on:
 *   https://doi.org/10.18653/v1/2021.naacl-main.208 → acl:2021.naacl-main.208
 *   https://doi.org/10.48550/arXiv.2007.12223 → arxiv:2007.12223
 *   https://doi.org/10.48550/arXiv.hep-th/9901001 → arxiv:hep-th/9901001
 *   https://dx.doi.org/10.1093/MIND/LIX.236.433 → doi:10.1093/mind/lix.236.433
 *   https://doi.org/ → none
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
  const doi = m[1].replace(/[.,;)\]]+$/, '').toLowerCase();
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

/** Detects a paper from a doi.org URL. */
export function matchDoiUrl(url: URL): UrlMatch | null {
  if (url.hostname !== 'doi.org' && url.hostname !== 'dx.doi.org') return null;
  const doi = parseDoi(url.pathname.slice(1));
  return doi ? { keys: keysForDoi(doi) } : null;
}
