import { validYear, type CitedPaper } from '@/utils/render/citation';
import { oneLine, paperIds, splitName } from '@/utils/render/reference';

/**
 * RIS (the tagged format every reference manager imports) for a paper.
 *
 * RIS is line-based: each line `XX  - value` is a field, and a line that is
 * not one continues the field before it. So every one-line field has its
 * line breaks and control characters turned into spaces, and a note keeps
 * its line breaks as continuation lines, the way Zotero's own RIS export
 * writes a multi-line note and its import reads it back. A line of the note
 * that a reader would take for a tag (`ER  - ` ends the record; readers trim
 * lines first) is joined to the line before it, so no text is changed and
 * only that line break is lost. Lines end with CR LF, as the
 * specification says.
 */
export const RIS_EOL = '\r\n';

/**
 * What a reader could take for a tag at the start of a (trimmed) line: the
 * specification's upper-case letter and letter-or-digit, then a hyphen after
 * any spaces (readers differ on how many). Lower case is no tag, so a line
 * starting "re-run" keeps its line break.
 */
const TAG_LIKE = /^[A-Z][A-Z0-9]\s*-/;

/** Text for a one-line RIS field. */
export const risText = (text: string): string => oneLine(text);

/**
 * A multi-line note as RIS continuation lines: line breaks of any kind
 * kept (as CR LF), other control characters a space, a tag-like line joined
 * to the one before it (blank lines between them dropped).
 */
export function risNote(text: string): string {
  const lines: string[] = [];
  const source = text
    .replace(/\r\n?|[\n\v\f\u0085\u2028\u2029]/g, '\n')
    .replace(/[^\P{Cc}\n]/gu, ' ')
    .trim()
    .split('\n')
    .map((line) => line.trimEnd());
  for (const line of source) {
    if (lines.length && TAG_LIKE.test(line.trim())) {
      while (lines.length > 1 && lines.at(-1) === '') lines.pop();
      lines[lines.length - 1] = `${lines.at(-1)!} ${line.trim()}`;
    } else {
      lines.push(line);
    }
  }
  return lines.join(RIS_EOL);
}

/** "Lovelace, Ada": RIS's author form (family, given). */
function risAuthor(name: string): string | null {
  const parts = splitName(name);
  if (!parts) return null;
  return 'literal' in parts ? parts.literal : `${parts.family}, ${parts.given ?? ''}`.trim();
}

export interface RisOptions {
  /** Notes, one `N1` each (Zotero makes each its own note). */
  notes?: readonly string[];
  keywords?: readonly string[];
  /** The record's `ID`. */
  id?: string;
}

/**
 * One RIS record: a conference paper (`CPAPER`, venue in `T2`) when the
 * paper has a venue, else a generic one (`GEN`); the arXiv id in `AN`
 * (`arXiv:2007.12223`, the accession number in that database) beside its
 * DOI; each note an `N1`, each keyword a `KW`.
 */
export function risRecord(paper: CitedPaper, options: RisOptions = {}): string {
  const { arxiv, doi, url } = paperIds(paper);
  const year = validYear(paper.year);
  const venue = paper.venue ? risText(paper.venue) : '';
  const fields: Array<[string, string | undefined]> = [
    ['TY', venue ? 'CPAPER' : 'GEN'],
    ['TI', risText(paper.title)],
    ...paper.authors.map((a): [string, string | undefined] => ['AU', risAuthor(a) ?? undefined]),
    ['PY', year === undefined ? undefined : String(year)],
    ['T2', venue],
    ['DO', doi],
    ['AN', arxiv && `arXiv:${arxiv}`],
    ['UR', url],
    ['ID', options.id && risText(options.id)],
    ...(options.keywords ?? []).map((k): [string, string] => ['KW', risText(k)]),
    ...(options.notes ?? []).map((n): [string, string] => ['N1', risNote(n)]),
  ];
  const lines = fields.filter(([, v]) => v).map(([tag, v]) => `${tag}  - ${v!}`);
  return [...lines, 'ER  - '].join(RIS_EOL) + RIS_EOL;
}
