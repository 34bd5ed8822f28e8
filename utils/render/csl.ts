import { validYear, type CitedPaper } from '@/utils/render/citation';
import { oneLine, paperIds, splitName, type PersonName } from '@/utils/render/reference';

/**
 * CSL-JSON (Citation Style Language's data format: what Zotero, Mendeley
 * and citation processors read) for a paper. It is JSON, so JSON.stringify
 * does all the escaping; text fields are still put on one line, and the
 * note keeps its line breaks (only other control characters become spaces).
 */
export interface CslItem {
  id: string;
  type: 'paper-conference' | 'article';
  title: string;
  author?: PersonName[];
  issued?: { 'date-parts': [[number]] };
  'container-title'?: string;
  DOI?: string;
  URL?: string;
  /** A preprint's `arXiv:2007.12223`, as Zotero writes its archive id. */
  number?: string;
  /** Comma-separated, as CSL's keyword variable is by convention. */
  keyword?: string;
  note?: string;
}

export interface CslOptions {
  id: string;
  notes?: readonly string[];
  keywords?: readonly string[];
}

/** A note's text with its line breaks (as \n) and nothing else of the control characters. */
const noteText = (text: string) =>
  text
    .replace(/\r\n?|[\v\f\u0085\u2028\u2029]/g, '\n')
    .replace(/[^\P{Cc}\n]/gu, ' ')
    .trim();

/**
 * One CSL item: a conference paper with its venue as container title, or,
 * without a venue, an `article` (CSL's type for preprints and working
 * papers); notes joined by a blank line into `note`.
 */
export function cslItem(paper: CitedPaper, options: CslOptions): CslItem {
  const { arxiv, doi, url } = paperIds(paper);
  const year = validYear(paper.year);
  const venue = paper.venue ? oneLine(paper.venue) : '';
  const authors = paper.authors.map(splitName).filter((n): n is PersonName => n !== null);
  const keywords = (options.keywords ?? []).map(oneLine).filter(Boolean);
  // A preprint's arXiv id is its `number` (as Zotero writes it); a paper with a venue
  // carries it as Zotero's Extra does, on the note's first line.
  const arxivLine = arxiv && venue ? [`arXiv: ${arxiv}`] : [];
  const note = [...arxivLine, ...(options.notes ?? []).map(noteText).filter(Boolean)].join('\n\n');
  return {
    id: options.id,
    type: venue ? 'paper-conference' : 'article',
    title: oneLine(paper.title),
    ...(authors.length ? { author: authors } : {}),
    ...(year !== undefined ? { issued: { 'date-parts': [[year]] as [[number]] } } : {}),
    ...(venue ? { 'container-title': venue } : {}),
    ...(doi ? { DOI: doi } : {}),
    ...(url ? { URL: url } : {}),
    ...(arxiv && !venue ? { number: `arXiv:${arxiv}` } : {}),
    ...(keywords.length ? { keyword: keywords.join(', ') } : {}),
    ...(note ? { note } : {}),
  };
}
