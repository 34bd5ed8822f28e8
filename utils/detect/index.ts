import { matchAclUrl } from './acl';
import { matchArxivUrl } from './arxiv';
import { matchCvfUrl } from './cvf';
import { matchDoiUrl } from './doi-url';
import { matchJmlrUrl } from './jmlr';
import { SCHEMA_LIMITS } from '@/utils/core/schema';
import { readPageMeta, type MetaEntries } from './meta';
import { matchNeuripsUrl } from './neurips';
import { matchOpenReviewUrl } from './openreview';
import {
  isCanonicalKey,
  keysAgree,
  orderKeys,
  type PaperRef,
  type UrlMatch,
} from '@/utils/core/paper-ref';
import { matchPmlrUrl } from './pmlr';
import { matchPublisherIdUrl } from './publisher-ids';
import { matchSemanticScholarUrl } from './semantic-scholar';
import { titleKey } from './title';

export type { PaperRef } from '@/utils/core/paper-ref';

/**
 * Every site detector (one per file in this folder, each a pure URL
 * predicate), tried in order; no URL matches two of them. A new detector
 * file must be listed here: test/unit/detect/conventions.test.ts fails
 * otherwise.
 */
export const URL_DETECTORS: ReadonlyArray<(url: URL) => UrlMatch | null> = [
  matchArxivUrl,
  matchOpenReviewUrl,
  matchAclUrl,
  matchNeuripsUrl,
  matchPmlrUrl,
  matchCvfUrl,
  matchJmlrUrl,
  matchSemanticScholarUrl,
  matchPublisherIdUrl,
  matchDoiUrl,
];

/** The first detector's match, its keys held to the one key grammar (none left: no match). */
export function detectFromUrl(url: URL): UrlMatch | null {
  for (const detect of URL_DETECTORS) {
    const match = detect(url);
    if (!match) continue;
    const keys = match.keys.filter(isCanonicalKey);
    return keys.length ? { ...match, keys } : null;
  }
  return null;
}

/**
 * Kinds of key that name a catalogue's record of a paper rather than the
 * paper (Semantic Scholar's corpus id): on such a page, an id of the paper
 * itself from the metadata (its arXiv id, its DOI) is the canonical key.
 */
const RECORD_KINDS = ['s2:'];

/**
 * Finds the paper a page is about, from its URL and, when given, its
 * metadata. The URL wins for the canonical key (it is what the user opened)
 * unless it names only a catalogue record (RECORD_KINDS); metadata adds
 * other keys (DOI, arXiv id), the title and authors. A page that only has
 * `citation_title` metadata (or a JSON-LD ScholarlyArticle) is still a
 * paper, known by title.
 *
 * A PDF shows no metadata, so a paper's PDF and its page agree only on
 * what their URLs name: where a site's URLs name its own id and no DOI
 * (PMC, ScienceDirect, IEEE Xplore, INSPIRE: publisher-ids.ts), that id is
 * the canonical key of both, and the page's metadata adds the DOI after
 * it. Summaries kept on either then carry the site key and are found from
 * both; the page alone also finds those kept under the DOI.
 */
export function detectPaper(href: string, doc?: ParentNode | MetaEntries): PaperRef | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const fromUrl = detectFromUrl(url);
  let meta = doc ? readPageMeta(doc) : null;
  // Metadata naming another paper of the same kind than the URL (a stale
  // single-page-app head, a mirror's own record) describes something else.
  if (fromUrl && meta && !keysAgree(fromUrl.keys, meta.keys)) meta = null;
  if (!fromUrl && !meta?.isArticle && !meta?.keys.length) return null;

  // Every key by the one grammar: metadata is the page's to write.
  const keys = [...(fromUrl?.keys ?? []), ...(meta?.keys ?? [])].filter(isCanonicalKey);
  const byTitle = meta?.title ? titleKey(meta.title) : null;
  if (byTitle && isCanonicalKey(byTitle)) keys.push(byTitle);
  const urlNamesPaper = fromUrl && !RECORD_KINDS.some((kind) => fromUrl.keys[0]!.startsWith(kind));
  // Bounded as every message and the library bound them: a page with
  // hundreds of identifiers or a huge title gets the first ones, not a
  // paper the library then refuses to save.
  const ordered = (urlNamesPaper ? [...new Set(keys)] : orderKeys(keys)).slice(
    0,
    SCHEMA_LIMITS.pageKeys,
  );
  if (!ordered.length) return null;
  const version = fromUrl?.version ?? meta?.version;
  const title = meta?.title?.slice(0, SCHEMA_LIMITS.titleChars);
  return {
    keys: ordered,
    ...(title ? { title } : {}),
    ...(meta?.authors.length ? { authors: meta.authors.slice(0, SCHEMA_LIMITS.authors) } : {}),
    ...(version ? { version } : {}),
    url: url.href,
  };
}
