import type { PaperRef } from '@/utils/core/paper-ref';
import type { Summary } from '@/utils/core/summary';

const SHORTSCIENCE = 'https://www.shortscience.org';

/** ShortScience's search, by title (or id when the page has no title). */
export function shortScienceSearchUrl(query: string): string {
  return `${SHORTSCIENCE}/internalsearch?q=${encodeURIComponent(query)}`;
}

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
    .find((link) => link?.startsWith(`${SHORTSCIENCE}/paper?`));
  if (page) return page;
  const arxiv = ref.keys.find((k) => k.startsWith('arxiv:'));
  if (arxiv) return `${SHORTSCIENCE}/paper?bibtexKey=journals/corr/${arxiv.slice('arxiv:'.length)}`;
  return shortScienceSearchUrl(ref.title ?? theirs[0]!.paper.title);
}

/** A readable label for a canonical key: "arXiv 2007.12223", "DOI 10.…". */
export function keyLabel(key: string): string {
  const [kind, ...rest] = key.split(':');
  const value = rest.join(':');
  const names: Record<string, string> = {
    arxiv: 'arXiv',
    doi: 'DOI',
    openreview: 'OpenReview',
    acl: 'ACL Anthology',
    shortscience: 'ShortScience',
    neurips: 'NeurIPS',
    nips: 'NeurIPS paper',
    pmlr: 'PMLR',
    cvf: 'CVF',
    jmlr: 'JMLR',
    s2: 'Semantic Scholar',
  };
  return kind && names[kind] ? `${names[kind]} ${value}` : value;
}
