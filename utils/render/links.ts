import type { PaperRef } from '@/utils/core/paper-ref';

const SHORTSCIENCE = 'https://www.shortscience.org';

/** ShortScience's search, by title (or id when the page has no title). */
export function shortScienceSearchUrl(query: string): string {
  return `${SHORTSCIENCE}/internalsearch?q=${encodeURIComponent(query)}`;
}

/**
 * Where to write a summary of this paper on ShortScience: its paper page for
 * arXiv papers (ShortScience keys them `journals/corr/<id>`), else a search
 * that finds or adds the paper.
 */
export function writeSummaryUrl(ref: Pick<PaperRef, 'keys' | 'title'>): string {
  const arxiv = ref.keys.find((k) => k.startsWith('arxiv:'));
  if (arxiv) return `${SHORTSCIENCE}/paper?bibtexKey=journals/corr/${arxiv.slice('arxiv:'.length)}`;
  const id = ref.keys.find((k) => !k.startsWith('title:'))?.replace(/^[a-z0-9]+:/, '');
  return shortScienceSearchUrl(ref.title ?? id ?? '');
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
