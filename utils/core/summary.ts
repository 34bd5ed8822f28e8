/** A summary of a paper, as stored in an index and shown on a card. */
export type SummaryKind = 'human' | 'machine';

export interface SummarySource {
  id: string;
  name: string;
  /** Home page of the source (dataset, site). */
  url: string;
  licence: string;
  kind: SummaryKind;
}

export interface PaperMeta {
  title: string;
  authors: string[];
  year?: number;
  venue?: string;
  /** The paper's own page (arXiv abs, OpenReview forum, ACL Anthology). */
  url?: string;
}

export interface Summary {
  /** Stable across index rebuilds: `<source id>:<paper key>:<n>` unless the input names one. */
  id: string;
  paperKeys: string[];
  paper: PaperMeta;
  /** Markdown with `$…$` LaTeX (format `markdown`) or plain paragraphs (`text`). */
  body: string;
  format: 'markdown' | 'text';
  /** What kind of summary it is within its source, e.g. "TL;DR by the authors". */
  label?: string;
  author: string | null;
  /** ISO 8601 date, when known. */
  date: string | null;
  votes: number | null;
  /** This summary at its source (ShortScience page, OpenReview forum…). */
  link: string | null;
  source: SummarySource;
}

/**
 * Best first: human-written above machine-generated, then more votes, then
 * newer. Ties keep their index order (Array.prototype.sort is stable), which
 * the builder sets from the input (SciTLDR's author TL;DR before reviewers').
 */
export function compareSummaries(a: Summary, b: Summary): number {
  const kind = Number(a.source.kind === 'machine') - Number(b.source.kind === 'machine');
  if (kind) return kind;
  const votes = (b.votes ?? -1) - (a.votes ?? -1);
  if (votes) return votes;
  return (b.date ?? '').localeCompare(a.date ?? '');
}

export const sortSummaries = (summaries: readonly Summary[]): Summary[] =>
  [...summaries].sort(compareSummaries);
