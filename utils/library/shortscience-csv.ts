import { arxivKey, parseArxivId } from '@/utils/detect/arxiv';
import { keysForDoi, parseDoi } from '@/utils/detect/doi';
import { isCanonicalKey, orderKeys, paperPageUrl } from '@/utils/core/paper-ref';
import { shortScienceBibtexUrl } from '@/utils/core/shortscience';
import { readSummary } from '@/utils/core/schema';
import { titleKey } from '@/utils/detect/title';
import { keyLabel } from '@/utils/render/links';
import type { Summary } from '@/utils/core/summary';
import { CSV_MAX_ID_CHARS, CSV_MAX_TEXT_CHARS, CsvReader, type CsvRecord } from './csv-reader';
import type { ImportProblem, ParsedImport } from './import-types';
import { LibraryError, OWN_SOURCE, type LibraryItem } from '@/utils/core/library-item';

/*
 * ShortScience's download of an author's own summaries (`/export` →
 * `shortscience-export.csv`), read as the user's own summaries: its rules
 * (which paper a bibtexKey names, what a row must hold). The file is PHP
 * `fputcsv` output, two fields a row (`paperid,text`), no header; it is read
 * by ./csv-reader.ts, which handles fputcsv's unescaped `\"`.
 *
 * Nothing in a row is ever evaluated: a text starting with `=`, `+`, `-` or
 * `@` (a spreadsheet formula) is kept as the Markdown it is.
 */

/** The largest export read; ShortScience's most prolific authors wrote a few hundred summaries. */
export const CSV_MAX_FILE_BYTES = 20 * 1024 * 1024;
/** More rows than this and the file is refused whole. */
export const CSV_MAX_ROWS = 100_000;

/**
 * The arXiv id in what follows `journals/corr/`: ShortScience's own form
 * (`2007.12223`, from its arXiv search) or DBLP's (`abs-1706-03762`,
 * `abs-1301-3781`; old-style `cs-CC-9910002` and `abs-cs-0508103`).
 */
function arxivIdFromCorr(rest: string): string | null {
  const direct = parseArxivId(rest);
  if (direct) return direct.id;
  const modern = /^(?:abs-)?(\d{4})-(\d{4,5})(v\d+)?$/.exec(rest);
  if (modern) return parseArxivId(`${modern[1]}.${modern[2]}`)?.id ?? null;
  const old = /^(?:abs-)?([a-z]+(?:-[a-z]+)?)-(?:([A-Z]{2})-)?(\d{7})(v\d+)?$/.exec(rest);
  if (old) return parseArxivId(`${old[1]}${old[2] ? `.${old[2]}` : ''}/${old[3]}`)?.id ?? null;
  return null;
}

export interface BibtexKeyPaper {
  /** Canonical keys, most specific first. */
  keys: string[];
  /** The paper's page (`paperPageUrl`), or ShortScience's page for ids that name none. */
  url: string;
}

/**
 * The paper a ShortScience bibtexKey names: an arXiv key for arXiv papers
 * (`journals/corr/…`), DOI keys for DOIs (ShortScience keys CrossRef papers by
 * DOI), else `shortscience:<bibtexKey>` (`conf/nips/SmithJ17`). Null when it
 * cannot be a paper id: empty, too long, spaces, or not starting with a
 * letter or digit (which also keeps a formula like `=HYPERLINK(…)` out).
 */
export function paperForBibtexKey(raw: string): BibtexKeyPaper | null {
  const bibtexKey = raw.trim();
  if (
    !bibtexKey ||
    bibtexKey.length > CSV_MAX_ID_CHARS ||
    !/^[A-Za-z0-9]/.test(bibtexKey) ||
    /[\s\p{Cc}]/u.test(bibtexKey)
  ) {
    return null;
  }
  const paper = (keys: string[]): BibtexKeyPaper => ({
    keys,
    url: paperPageUrl({ keys }) ?? shortScienceBibtexUrl(bibtexKey),
  });
  const corr = /^journals\/corr\/(.+)$/i.exec(bibtexKey);
  const arxiv = corr ? arxivIdFromCorr(corr[1]!) : null;
  if (arxiv) return paper([arxivKey(arxiv)]);
  const doi = /^10\.\d{4,9}\//.test(bibtexKey) ? parseDoi(bibtexKey) : null;
  if (doi) return paper(keysForDoi(doi));
  // Else ShortScience's own key, by the one key grammar (no braces, quotes, `@`…).
  const key = `shortscience:${bibtexKey}`;
  return isCanonicalKey(key) ? paper([key]) : null;
}

/** What the bundled index or the ShortScience feed knows of a paper. */
export interface PaperHint {
  title?: string;
  authors?: string[];
  year?: number;
  venue?: string;
  /** More keys of the same paper (the feed pairs a bibtexKey with an arXiv id). */
  keys?: string[];
}

/** Looks a paper up by its keys; undefined when unknown. Errors are the caller's to avoid. */
export type TitleLookup = (
  keys: readonly string[],
) => Promise<PaperHint | undefined> | PaperHint | undefined;

/** A hint from the summaries a look-up found for a paper (bundled index, feed). */
export function hintFromSummaries(summaries: readonly Summary[]): PaperHint | undefined {
  const first = summaries[0];
  if (!first) return undefined;
  const { title, authors, year, venue } = first.paper;
  return {
    title,
    ...(authors.length ? { authors } : {}),
    ...(year ? { year } : {}),
    ...(venue ? { venue } : {}),
    keys: first.paperKeys,
  };
}

export interface ShortScienceRow {
  row: number;
  bibtexKey: string;
  paper: BibtexKeyPaper;
  text: string;
}

/**
 * The rows of an export, each checked on its own; bad rows are listed with
 * why. A file of more than CSV_MAX_ROWS rows is refused whole.
 */
export function readShortScienceRows(text: string): {
  rows: ShortScienceRow[];
  invalid: ImportProblem[];
} {
  const rows: ShortScienceRow[] = [];
  const invalid: ImportProblem[] = [];
  let tooMany = false;
  const reader = new CsvReader((record) => {
    if (record.row > CSV_MAX_ROWS) {
      tooMany = true;
      return;
    }
    const problem = rowProblem(record);
    if (problem) {
      invalid.push({ entry: record.row, reason: problem });
      return;
    }
    if (record.fieldCount === 1 && record.fields[0] === '') return; // a blank row
    const [id, body] = record.fields as [string, string];
    const paper = paperForBibtexKey(id)!;
    rows.push({ row: record.row, bibtexKey: id.trim(), paper, text: body });
  });
  reader.push(text);
  reader.end();
  if (tooMany) {
    throw new LibraryError(
      'bad-data',
      `This file has more than ${CSV_MAX_ROWS.toLocaleString('en')} rows; a ShortScience export has far fewer. Nothing was imported.`,
    );
  }
  return { rows, invalid };
}

function rowProblem(record: CsvRecord): string | undefined {
  if (record.problem) return record.problem;
  if (record.fieldCount === 1 && record.fields[0] === '') return undefined;
  if (record.overlong === 0) return `paper id longer than ${CSV_MAX_ID_CHARS} characters`;
  if (record.fieldCount !== 2) {
    return `expected 2 fields (paper id, text), found ${record.fieldCount}`;
  }
  if (record.overlong === 1) {
    return `text longer than ${CSV_MAX_TEXT_CHARS.toLocaleString('en')} characters`;
  }
  const [id, body] = record.fields as [string, string];
  if (!id.trim()) return 'empty paper id';
  if (!paperForBibtexKey(id)) {
    const shown = id.trim().slice(0, 60);
    return `"${shown}" is not a ShortScience paper id`;
  }
  if (!body.trim()) return 'empty text';
  return undefined;
}

export interface CsvImportOptions {
  /** Title, authors and more keys of a paper, from the bundled index or the feed. */
  titleFor?: TitleLookup;
  /** ISO time the items are saved at (tests); now by default. */
  now?: string;
  /** Tags given to every imported summary; `["shortscience"]` by default. */
  tags?: string[];
}

/** The id of the user's own summary of a paper: as `saveOwnSummary` (library.ts) makes it. */
const ownSummaryId = (paperKey: string) => `you:${paperKey}`;

/** The row as the user's own summary, rebuilt by the one schema; a string says why it cannot be. */
function ownItem(
  row: ShortScienceRow,
  hint: PaperHint | undefined,
  time: string,
  tags: string[],
): LibraryItem | string {
  // At most 20 keys in all, as messages about a paper carry (utils/messaging/validate.ts).
  const ids = orderKeys(
    [...row.paper.keys, ...(hint?.keys ?? [])].filter(
      (k) => isCanonicalKey(k) && !k.startsWith('title:'),
    ),
  ).slice(0, 19);
  const title = hint?.title?.trim();
  const byTitle = title ? titleKey(title) : null;
  const primary = ids[0]!;
  const summary: Summary = {
    id: ownSummaryId(primary),
    paperKeys: byTitle ? [...ids, byTitle] : ids,
    paper: {
      title: title || keyLabel(primary),
      authors: hint?.authors ?? [],
      ...(hint?.year ? { year: hint.year } : {}),
      ...(hint?.venue ? { venue: hint.venue } : {}),
      url: row.paper.url,
    },
    // Line breaks as the user wrote them, whatever the file's line ends.
    body: row.text.replace(/\r\n?/g, '\n').trim(),
    format: 'markdown',
    author: 'you',
    date: null,
    votes: null,
    link: null,
    source: { ...OWN_SOURCE },
  };
  const read = readSummary(summary);
  if (!read.ok) return read.reason;
  const item: LibraryItem = {
    id: summary.id,
    kind: 'own',
    summary: read.summary,
    savedAt: time,
    updatedAt: time,
    tags,
    note: '',
    revision: 1,
  };
  return item;
}

/**
 * Reads a ShortScience export into the user's own summaries, one per row,
 * with the same preview shape as a Sidenotes JSON import (rows numbered from
 * 1; a second row for the same paper is listed as invalid).
 */
export async function parseShortScienceCsv(
  text: string,
  options: CsvImportOptions = {},
): Promise<ParsedImport> {
  const { rows, invalid } = readShortScienceRows(text);
  const time = options.now ?? new Date().toISOString();
  const tags = options.tags ?? ['shortscience'];
  const hints = await Promise.all(
    rows.map((row) => (options.titleFor ? options.titleFor(row.paper.keys) : undefined)),
  );
  const items: LibraryItem[] = [];
  const rowOf = new Map<string, number>();
  rows.forEach((row, i) => {
    const item = ownItem(row, hints[i], time, tags);
    if (typeof item === 'string') {
      invalid.push({ entry: row.row, reason: item });
      return;
    }
    const earlier = rowOf.get(item.id);
    if (earlier !== undefined) {
      invalid.push({
        entry: row.row,
        reason: `a second summary of the paper in row ${earlier} (${keyLabel(item.summary.paperKeys[0]!)})`,
      });
      return;
    }
    rowOf.set(item.id, row.row);
    items.push(item);
  });
  invalid.sort((a, b) => a.entry - b.entry);
  return { items, invalid, unit: 'row' };
}
