import { EXPORT_FORMAT, EXPORT_VERSION } from './export';
import { asLibraryError, markChanged, normalizeTags, writeAction } from './library';
import { itemRecordId } from '@/utils/core/sync-record';
import type { LibraryDb } from '@/utils/db/stores';
import type { ImportProblem, ParsedImport } from './import-types';

export type { ImportProblem, ParsedImport } from './import-types';
import {
  CSV_MAX_FILE_BYTES,
  parseShortScienceCsv,
  type CsvImportOptions,
} from './shortscience-csv';
import {
  LibraryError,
  type Draft,
  type EarlierVersion,
  type LibraryItem,
} from '@/utils/core/library-item';
import { isCanonicalKey } from '@/utils/core/paper-ref';
import { errorMessage, isObject } from '@/utils/core/guards';
import { readSummary, SCHEMA_LIMITS } from '@/utils/core/schema';
import { isOwnSummary, ownSummaryId } from '@/utils/core/own-summary';

/** Limits that keep a hostile file from filling the disk or the page. */
const MAX_FILE_CHARS = 200 * 1024 * 1024;
/** Checked on the file's size before a byte of it is read. */
export const MAX_JSON_FILE_BYTES = 200 * 1024 * 1024;
const MAX_ITEMS = 200_000;
/** A tag longer than this is refused; one up to it is cut to SCHEMA_LIMITS.tagChars. */
const MAX_FIELD_CHARS = 5_000;
const L = SCHEMA_LIMITS;

export interface ImportPreview extends ParsedImport {
  fresh: LibraryItem[];
  present: LibraryItem[];
}

function str(value: unknown, field: string, max = MAX_FIELD_CHARS): string {
  if (typeof value !== 'string') throw new Error(`${field} is not text`);
  if (value.length > max)
    throw new Error(`${field} is longer than ${max.toLocaleString()} characters`);
  return value;
}

function date(value: unknown, field: string): string {
  const text = str(value, field, L.dateChars);
  if (Number.isNaN(Date.parse(text))) throw new Error(`${field} is not a date`);
  return text;
}

function strings(value: unknown, field: string, maxItems: number): string[] {
  if (!Array.isArray(value)) throw new Error(`${field} is not a list`);
  if (value.length > maxItems) throw new Error(`${field} has more than ${maxItems} entries`);
  return value.map((v, i) => str(v, `${field}[${i}]`));
}

/**
 * Rebuilds an item field by field from untrusted JSON: its summary through
 * the one schema (utils/core/schema.ts: known fields of the right types and
 * sizes, keys by the key grammar, URLs through safeHttpUrl), then the
 * item's own fields. Text stays text: it is rendered through the same
 * sanitizer as every summary.
 */
function checkItem(raw: unknown): LibraryItem {
  if (!isObject(raw)) throw new Error('not an object');
  if (!isObject(raw.summary)) throw new Error('summary is missing');
  const itemKind = raw.kind;
  if (itemKind !== 'saved' && itemKind !== 'own') throw new Error('kind must be "saved" or "own"');
  const read = readSummary(raw.summary);
  if (!read.ok) throw new Error(`summary.${read.reason}`);
  const { summary } = read;
  const id = str(raw.id, 'id', L.idChars);
  if (id !== summary.id) throw new Error('id and summary.id differ');
  // Own only when it is one (its paper's own-summary id, the own source): a file from
  // someone else cannot make items "Your summary", published under your name. An item
  // that says otherwise is saved, unless it takes an id kept for your own summaries.
  const kind = itemKind === 'own' && isOwnSummary(summary) ? 'own' : 'saved';
  if (kind === 'saved' && id.startsWith(ownSummaryId('')))
    throw new Error('its id is kept for your own summaries, and it is not one');
  const revision = raw.revision;
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 1)
    throw new Error('revision is not a positive whole number');
  return {
    id,
    kind,
    summary,
    savedAt: date(raw.savedAt, 'savedAt'),
    updatedAt: date(raw.updatedAt, 'updatedAt'),
    tags: normalizeTags(strings(raw.tags ?? [], 'tags', L.tags)),
    note: str(raw.note ?? '', 'note', L.noteChars),
    revision,
    ...(raw.otherVersions !== undefined
      ? { otherVersions: earlierVersions(raw.otherVersions) }
      : {}),
  };
}

function earlierVersions(value: unknown): EarlierVersion[] {
  if (!Array.isArray(value)) throw new Error('otherVersions is not a list');
  if (value.length > L.otherVersions)
    throw new Error(`otherVersions has more than ${L.otherVersions} entries`);
  return value.map((v: unknown, i) => {
    if (!isObject(v)) throw new Error(`otherVersions[${i}] is not an object`);
    return {
      id: str(v.id, `otherVersions[${i}].id`, L.versionIdChars),
      body: str(v.body, `otherVersions[${i}].body`, L.bodyChars),
      editedAt: date(v.editedAt, `otherVersions[${i}].editedAt`),
    };
  });
}

/**
 * A library item from outside data (an import, a sync folder), rebuilt and
 * checked field by field; throws with the reason when it is not one.
 */
export const readLibraryItem = (raw: unknown): LibraryItem => checkItem(raw);

/** A draft from outside data (a sync folder), checked as an item is; throws with the reason. */
export function readDraft(raw: unknown): Draft {
  if (!isObject(raw)) throw new Error('not an object');
  if (!isCanonicalKey(raw.paperKey)) throw new Error('paperKey is not a paper key');
  return {
    paperKey: raw.paperKey,
    body: str(raw.body, 'body', L.bodyChars),
    updatedAt: date(raw.updatedAt, 'updatedAt'),
  };
}

/**
 * Reads an export file. A file that is not a Sidenotes export, is cut short
 * or is of another version is refused whole; within a good file, each bad
 * entry is listed with why, and the good ones can still be imported.
 */
export function parseImport(text: string): ParsedImport {
  if (text.length > MAX_FILE_CHARS)
    throw new LibraryError('bad-data', 'This file is too large to be a Sidenotes library export.');
  let data: unknown;
  try {
    // No reviver: JSON.parse makes "__proto__" an own property, never a prototype, and
    // checkItem rebuilds every item field by field, so no parsed object is kept. (A reviver
    // made Chromium's parse of a 10,000-item export five times slower.)
    data = JSON.parse(text);
  } catch {
    throw new LibraryError(
      'bad-data',
      'This file is not valid JSON — it may be cut short or not a Sidenotes export. Nothing was imported.',
    );
  }
  if (!isObject(data) || data.format !== EXPORT_FORMAT) {
    throw new LibraryError(
      'bad-data',
      'This file is not a Sidenotes library export. Nothing was imported.',
    );
  }
  if (data.version !== EXPORT_VERSION) {
    throw new LibraryError(
      'bad-data',
      typeof data.version === 'number' && data.version > EXPORT_VERSION
        ? `This export was made by a newer Sidenotes (format ${data.version}). Update Sidenotes to import it.`
        : 'This export has an unknown format version. Nothing was imported.',
    );
  }
  if (!Array.isArray(data.items))
    throw new LibraryError('bad-data', 'This export has no list of items. Nothing was imported.');
  if (data.items.length > MAX_ITEMS)
    throw new LibraryError(
      'bad-data',
      `This export has more than ${MAX_ITEMS.toLocaleString()} items.`,
    );
  const items: LibraryItem[] = [];
  const invalid: ImportProblem[] = [];
  const seen = new Set<string>();
  data.items.forEach((raw, i) => {
    try {
      const item = checkItem(raw);
      if (seen.has(item.id)) throw new Error(`repeats item ${item.id}`);
      seen.add(item.id);
      items.push(item);
    } catch (error) {
      invalid.push({
        entry: i + 1,
        reason: errorMessage(error),
      });
    }
  });
  return { items, invalid, unit: 'entry' };
}

export type ImportFileKind = 'sidenotes-json' | 'shortscience-csv';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A Sidenotes export or a ShortScience CSV: by the file's name, else by its first character. */
async function kindOf(file: Blob & { name?: string }): Promise<ImportFileKind> {
  const name = file.name ?? '';
  if (/\.csv$/i.test(name) || file.type === 'text/csv') return 'shortscience-csv';
  if (/\.json$/i.test(name) || file.type === 'application/json') return 'sidenotes-json';
  const head = (await file.slice(0, 64).text()).replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('{') ? 'sidenotes-json' : 'shortscience-csv';
}

/**
 * Reads a file the user chose to import: Sidenotes' JSON export or
 * ShortScience's `shortscience-export.csv`. The size is checked before
 * anything is read; a CSV must be UTF-8. Both give the same preview shape.
 */
export async function parseImportFile(
  file: Blob & { name?: string },
  options: Pick<CsvImportOptions, 'titleFor' | 'now'> = {},
): Promise<ParsedImport> {
  const kind = await kindOf(file);
  if (kind === 'sidenotes-json') {
    if (file.size > MAX_JSON_FILE_BYTES) {
      throw new LibraryError(
        'bad-data',
        `This file is ${megabytes(file.size)}, too large to be a Sidenotes library export (at most ${megabytes(MAX_JSON_FILE_BYTES)}). Nothing was imported.`,
      );
    }
    return parseImport(await file.text());
  }
  if (file.size > CSV_MAX_FILE_BYTES) {
    throw new LibraryError(
      'bad-data',
      `This file is ${megabytes(file.size)}; a ShortScience export is at most ${megabytes(CSV_MAX_FILE_BYTES)}. Nothing was imported.`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw new LibraryError(
      'bad-data',
      'This file is not UTF-8 text, as a ShortScience export is. Nothing was imported.',
    );
  }
  return parseShortScienceCsv(text, options);
}

/** "41 new summaries, 3 already present, 1 invalid: row 12: empty text" */
export function describeImport(preview: ImportPreview, shownProblems = 3): string {
  const fresh = preview.fresh.length;
  const unit = preview.unit ?? 'entry';
  const problems = preview.invalid
    .slice(0, shownProblems)
    .map((p) => `${unit} ${p.entry}: ${p.reason}`);
  if (preview.invalid.length > shownProblems)
    problems.push(`and ${preview.invalid.length - shownProblems} more`);
  return (
    `${fresh} new ${fresh === 1 ? 'summary' : 'summaries'}, ` +
    `${preview.present.length} already present, ${preview.invalid.length} invalid` +
    (problems.length ? `: ${problems.join('; ')}` : '')
  );
}

/** What an import would do: which items are new and which are already in the library. */
export async function previewImport(db: LibraryDb, parsed: ParsedImport): Promise<ImportPreview> {
  try {
    // One read of every key beats 10,000 look-ups, even in a large library.
    const keys = new Set(await db.getAllKeys('items'));
    return {
      ...parsed,
      fresh: parsed.items.filter((item) => !keys.has(item.id)),
      present: parsed.items.filter((item) => keys.has(item.id)),
    };
  } catch (error) {
    throw asLibraryError(error);
  }
}

/**
 * Adds the new items in one transaction: all of them or, on any failure
 * (a full disk), none. Items already present are left as they are.
 */
export function commitImport(db: LibraryDb, preview: ImportPreview): Promise<number> {
  return writeAction(db, ['items', 'syncChanges'], async (tx) => {
    const items = tx.objectStore('items');
    // Saved by another page since the preview: keep theirs.
    const existing = new Set(await items.getAllKeys());
    const fresh = preview.fresh.filter((item) => !existing.has(item.id));
    // Queue every write at once; one round trip per item would take seconds at 10,000.
    // When one fails, the transaction aborts and the others reject too: each gets a
    // handler as it is queued, and the first failure is what the user hears about.
    const writes: Array<Promise<unknown>> = [];
    for (const item of fresh) {
      for (const write of [items.add(item), markChanged(tx, itemRecordId(item.id))]) {
        write.catch(() => undefined);
        writes.push(write);
      }
    }
    await Promise.all(writes);
    return fresh.length;
  });
}
