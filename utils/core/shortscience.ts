import type { PaperRef } from './paper-ref';
import type { Summary } from './summary';

/**
 * Every ShortScience.org address Sidenotes writes or recognises, in one
 * place: its origin, the feed, a paper's page by bibtexKey, its search.
 */
export const SHORTSCIENCE_ORIGIN = 'https://www.shortscience.org';

/** The public full-text feed (every summary with more than one vote). */
export const SHORTSCIENCE_FEED_URL = `${SHORTSCIENCE_ORIGIN}/rss-full.xml`;

/** The host permission the feed needs. */
export const SHORTSCIENCE_ORIGINS = [`${SHORTSCIENCE_ORIGIN}/*`];

/** Where a paper's page starts: `…/paper?bibtexKey=…`. */
const PAPER_PAGE = `${SHORTSCIENCE_ORIGIN}/paper?`;

/**
 * ShortScience's page of a paper by its bibtexKey (`journals/corr/2007.12223`,
 * `conf/nips/SmithJ17`), written as ShortScience itself links it: the key's
 * slashes as they are, everything else that could end the value escaped.
 */
export const shortScienceBibtexUrl = (bibtexKey: string): string =>
  `${PAPER_PAGE}bibtexKey=${encodeURIComponent(bibtexKey).replace(/%2F/gi, '/')}`;

/** ShortScience's bibtexKey of an arXiv paper. */
export const arxivBibtexKey = (arxivId: string): string => `journals/corr/${arxivId}`;

/** ShortScience's search, by title (or id when the page has no title). */
export const shortScienceSearchUrl = (query: string): string =>
  `${SHORTSCIENCE_ORIGIN}/internalsearch?q=${encodeURIComponent(query)}`;

/** Sources whose summaries are ShortScience's: its own feed and seed, and LongSumm's copies. */
const SHORTSCIENCE_SOURCES = new Set(['shortscience', 'longsumm-shortscience']);

/**
 * ShortScience's page of this paper, for "Read on ShortScience", or null
 * when it has no summary of it that we know of: ShortScience closed
 * sign-ups (May 2024) and its search for new papers (October 2024), so it
 * is a place to read, and only for the papers it has. The page a
 * summary links to, else its arXiv paper page, else a search by title.
 */
export function shortSciencePaperUrl(
  ref: Pick<PaperRef, 'keys' | 'title'>,
  summaries: ReadonlyArray<Pick<Summary, 'link' | 'source' | 'paper'>>,
): string | null {
  const theirs = summaries.filter((s) => SHORTSCIENCE_SOURCES.has(s.source.id));
  if (!theirs.length) return null;
  const page = theirs
    .map((s) => s.link?.replace(/#.*$/, ''))
    .find((link) => link?.startsWith(PAPER_PAGE));
  if (page) return page;
  const arxiv = ref.keys.find((k) => k.startsWith('arxiv:'));
  if (arxiv) return shortScienceBibtexUrl(arxivBibtexKey(arxiv.slice('arxiv:'.length)));
  return shortScienceSearchUrl(ref.title ?? theirs[0]!.paper.title);
}
