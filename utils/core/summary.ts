import { foldText } from './text';

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

/**
 * The one rule for "the same summary": the same id, or the same words
 * however cased, accented or spaced (SciTLDR's and OpenReview's copies of an
 * author TL;DR have different ids and one text). What the sidebar shows
 * (utils/lookup/merge.ts) and what a listing badge counts
 * (utils/index-format/key-counts.ts) both go through it, so a badge never
 * counts a summary the sidebar shows once.
 */
export const sameSummaryText = (body: string): string => foldText(body).replace(/\s+/g, ' ').trim();

/** Each summary once by the rule above, the first-listed copy kept, order unchanged. */
export function distinctSummaries<T extends Pick<Summary, 'id' | 'body'>>(
  summaries: Iterable<T>,
): T[] {
  const ids = new Set<string>();
  const texts = new Set<string>();
  const kept: T[] = [];
  for (const summary of summaries) {
    const text = sameSummaryText(summary.body);
    if (ids.has(summary.id) || texts.has(text)) continue;
    ids.add(summary.id);
    texts.add(text);
    kept.push(summary);
  }
  return kept;
}
