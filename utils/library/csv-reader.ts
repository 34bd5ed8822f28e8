/*
 * A streaming reader for CSV as PHP's `fputcsv` writes it, which is how
 * ShortScience exports (./shortscience-csv.ts). Kept rather than a general
 * CSV library because of one PHP quirk those libraries mis-read: a quote
 * right after a backslash (fputcsv's escape character) is NOT doubled, so the
 * text `G\"odel` is written `"G\"odel"`, and an RFC 4180 reader ends the
 * field there and garbles every row after it. This reader follows the writer:
 * such a quote is text, unless it ends the file, or ends a line that is
 * followed by what can only be the next row (an id of at most
 * CSV_MAX_ID_CHARS characters, then `,"`), which is how a text ending in a
 * backslash comes out.
 *
 * Otherwise plain CSV: a field holding a comma, quote, space, tab, line
 * break or backslash is quoted, with quotes inside doubled and line breaks
 * kept; "\n" or "\r\n" ends a row; a leading BOM is dropped. Nothing is ever
 * evaluated: a field starting with `=` (a spreadsheet formula) is text.
 */

/** The longest field kept by default; a longer one is flagged (`overlong`) and kept empty. */
export const CSV_MAX_TEXT_CHARS = 100_000;
/** The longest id that can start a row (a bibtexKey or DOI, for ShortScience). */
export const CSV_MAX_ID_CHARS = 300;
/** Fields kept per row; a row has two, more are counted, not stored. */
const MAX_STORED_FIELDS = 4;

export interface CsvRecord {
  /** 1-based, as a spreadsheet numbers rows: blank rows count. */
  row: number;
  /** The row's fields, at most MAX_STORED_FIELDS of them. */
  fields: string[];
  /** How many fields the row has. */
  fieldCount: number;
  /** Index of the first field longer than the cap; that field is kept empty. */
  overlong?: number;
  /** What is wrong with the row's quoting, if anything. */
  problem?: string;
}

export interface CsvOptions {
  /** Fields longer than this are dropped and flagged (`overlong`); default CSV_MAX_TEXT_CHARS. */
  maxFieldChars?: number;
}

type State = 'field-start' | 'unquoted' | 'quoted' | 'after-quote';

/** A paper id at the start of a line, then the opening quote of a text: the next row. */
const NEXT_ROW = new RegExp(`^[A-Za-z0-9][^\\s",]{0,${CSV_MAX_ID_CHARS - 1}},"`);
const LOOKAHEAD_CHARS = CSV_MAX_ID_CHARS + 2;

/**
 * An incremental CSV reader: `push` text as it arrives (any chunk sizes),
 * `end` when done; `onRecord` gets each row in order. Linear time: each
 * character is looked at a bounded number of times, and at most a few
 * hundred characters are held back between chunks.
 */
export class CsvReader {
  private buffer = '';
  private state: State = 'field-start';
  private fields: string[] = [];
  private fieldCount = 0;
  private parts: string[] = [];
  private fieldChars = 0;
  private overlong: number | undefined;
  private problem: string | undefined;
  /** The raw character before the current position inside a quoted field. */
  private previous = '';
  private rows = 0;
  private started = false;
  private ended = false;
  private readonly maxFieldChars: number;

  constructor(
    private readonly onRecord: (record: CsvRecord) => void,
    options: CsvOptions = {},
  ) {
    this.maxFieldChars = options.maxFieldChars ?? CSV_MAX_TEXT_CHARS;
  }

  push(chunk: string): void {
    if (this.ended) throw new Error('CsvReader: push after end');
    if (!this.started) {
      this.started = true;
      if (chunk.startsWith('\uFEFF')) chunk = chunk.slice(1);
    }
    this.buffer += chunk;
    this.run();
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.run();
    if (this.state === 'quoted') {
      this.problem ??= 'a quoted text is not closed (the file may be cut short)';
    }
    if (this.state !== 'field-start' || this.fieldCount > 0) this.endRecord();
  }

  private append(text: string) {
    if (this.overlong === this.fieldCount) return;
    this.fieldChars += text.length;
    if (this.fieldChars > this.maxFieldChars) {
      this.overlong ??= this.fieldCount;
      this.parts = [];
      return;
    }
    this.parts.push(text);
  }

  private endField() {
    if (this.fieldCount < MAX_STORED_FIELDS) {
      this.fields.push(this.overlong === this.fieldCount ? '' : this.parts.join(''));
    }
    this.fieldCount++;
    this.parts = [];
    this.fieldChars = 0;
    this.state = 'field-start';
  }

  private endRecord() {
    this.endField();
    this.rows++;
    this.onRecord({
      row: this.rows,
      fields: this.fields,
      fieldCount: this.fieldCount,
      ...(this.overlong !== undefined ? { overlong: this.overlong } : {}),
      ...(this.problem ? { problem: this.problem } : {}),
    });
    this.fields = [];
    this.fieldCount = 0;
    this.overlong = undefined;
    this.problem = undefined;
  }

  /** Length of the line break at `i` (1 or 2), or -1 when more text is needed to tell. */
  private lineBreakAt(b: string, i: number): number {
    if (b[i] === '\n') return 1;
    if (i + 1 < b.length) return b[i + 1] === '\n' ? 2 : 1;
    return this.ended ? 1 : -1;
  }

  /**
   * A quote after a backslash, not doubled: text (fputcsv's escape), unless
   * it is where the row ends. Returns 'wait' when the chunk ends too soon to tell.
   */
  private escapedQuote(b: string, next: number): 'text' | 'close' | 'wait' {
    if (next >= b.length) return this.ended ? 'close' : 'wait';
    if (b[next] !== '\n' && b[next] !== '\r') return 'text';
    const lineBreak = this.lineBreakAt(b, next);
    if (lineBreak < 0) return 'wait';
    const rest = next + lineBreak;
    if (rest >= b.length) return this.ended ? 'close' : 'wait';
    const probe = b.slice(rest, rest + LOOKAHEAD_CHARS);
    if (NEXT_ROW.test(probe)) return 'close';
    // Undecided only while the probe could still grow into a next row.
    const couldGrow =
      probe.length < LOOKAHEAD_CHARS &&
      !this.ended &&
      /^[A-Za-z0-9][^\s",]*,?$/.test(probe) &&
      rest + probe.length >= b.length;
    return couldGrow ? 'wait' : 'text';
  }

  private run() {
    const b = this.buffer;
    const n = b.length;
    let i = 0;
    scan: while (i < n) {
      switch (this.state) {
        case 'field-start':
          if (b[i] === '"') {
            this.state = 'quoted';
            this.previous = '"';
            i++;
          } else {
            this.state = 'unquoted';
          }
          break;
        case 'unquoted': {
          let j = i;
          while (j < n) {
            const c = b.charCodeAt(j);
            if (c === 44 || c === 10 || c === 13) break;
            j++;
          }
          if (j > i) this.append(b.slice(i, j));
          i = j;
          if (j === n) break scan;
          if (b[j] === ',') {
            this.endField();
            i = j + 1;
          } else {
            const lineBreak = this.lineBreakAt(b, j);
            if (lineBreak < 0) break scan;
            this.endRecord();
            i = j + lineBreak;
          }
          break;
        }
        case 'quoted': {
          const q = b.indexOf('"', i);
          if (q === -1) {
            this.append(b.slice(i));
            this.previous = b[n - 1]!;
            i = n;
            break scan;
          }
          if (q > i) {
            this.append(b.slice(i, q));
            this.previous = b[q - 1]!;
          }
          i = q;
          if (this.previous === '\\') {
            const decision = this.escapedQuote(b, q + 1);
            if (decision === 'wait') break scan;
            if (decision === 'text') {
              this.append('"');
              this.previous = '"';
              i = q + 1;
              break;
            }
          } else if (q + 1 >= n && !this.ended) {
            break scan;
          } else if (b[q + 1] === '"') {
            this.append('"');
            this.previous = '"';
            i = q + 2;
            break;
          }
          this.state = 'after-quote';
          i = q + 1;
          break;
        }
        case 'after-quote': {
          if (b[i] === ',') {
            this.endField();
            i++;
          } else if (b[i] === '\n' || b[i] === '\r') {
            const lineBreak = this.lineBreakAt(b, i);
            if (lineBreak < 0) break scan;
            this.endRecord();
            i += lineBreak;
          } else {
            // PHP's reader keeps such text; we keep it too, but say the row is damaged.
            this.problem ??= 'text after a closing quote (a quote inside the text is not doubled)';
            this.state = 'unquoted';
          }
          break;
        }
      }
    }
    this.buffer = b.slice(i);
  }
}

/** Every record of a whole CSV text. */
export function parseCsv(text: string, options: CsvOptions = {}): CsvRecord[] {
  const records: CsvRecord[] = [];
  const reader = new CsvReader((r) => records.push(r), options);
  reader.push(text);
  reader.end();
  return records;
}
