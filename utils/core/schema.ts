import { isObject } from './guards';
import { isCanonicalKey, MAX_KEY_CHARS } from './paper-ref';
import type { PaperMeta, Summary, SummarySource } from './summary';
import { MAX_URL_CHARS, safeHttpUrl } from './url';

/**
 * The one schema for summaries and paper records that come from outside:
 * index shards, live sources, the kept ShortScience feed, imported files and
 * summaries that arrive in messages. Each record is rebuilt field by field
 * from known types: unknown fields are dropped (so `__proto__`,
 * `constructor` and `prototype` are never copied), text is bounded, every
 * URL goes through `safeHttpUrl` (an unsafe one is dropped, not the record),
 * and keys must follow the one key grammar (`isCanonicalKey`). A record that
 * does not fit is refused with a reason for people ("author is not text"),
 * which the caller counts into a visible note: it is never half-shown.
 *
 * The limits (docs/limits.md): generous for real summaries (ShortScience's
 * longest run to ~30,000 characters, a paper rarely has 200 authors), small
 * enough that one record cannot fill a sidebar or a disk.
 */
/*
 * What a content script bounds before it sends, as single numbers (the same
 * values SCHEMA_LIMITS lists, where the worker checks them): a content script
 * imports these two or three numbers, not the table (the paper script's
 * budget is 4 KB gzipped).
 */
/** `<meta>` tags one page sends at most, each name's and each value's length. */
export const META_ENTRIES = 300;
export const META_NAME_CHARS = 100;
export const META_VALUE_CHARS = 2_000;
/** Entries read from one listing page, and links sent in one batch. */
export const LISTING_ENTRIES = 10_000;

export const SCHEMA_LIMITS = {
  /** Room for the own-summary id of any key: `you:` and a key of MAX_KEY_CHARS. */
  idChars: 1_100,
  /** Keys per summary kept; more are dropped (a paper has a handful). */
  keys: 30,
  titleChars: 1_000,
  /** Authors per paper kept; the rest of a longer list is dropped. */
  authors: 200,
  authorChars: 300,
  bodyChars: 200_000,
  labelChars: 200,
  licenceChars: 200,
  sourceNameChars: 200,
  sourceIdChars: 200,
  venueChars: 300,
  dateChars: 40,
  minVotes: -1_000_000,
  maxVotes: 1_000_000,
  minYear: 1000,
  maxYear: 2100,
  /** A link from outside (`safeHttpUrl`). */
  urlChars: MAX_URL_CHARS,
  /** One paper key (`isCanonicalKey`). */
  keyChars: MAX_KEY_CHARS,

  // What a page says of itself and its paper (its messages; detection keeps to the same).
  /** The address of the page a paper is on (query strings can be long). */
  pageUrlChars: 4_096,
  /** Keys of the paper a page is on: detection keeps the first ones, a message with more is refused. */
  pageKeys: 20,
  metaEntries: META_ENTRIES,
  metaNameChars: META_NAME_CHARS,
  metaValueChars: META_VALUE_CHARS,
  /** DOIs read from one page's metadata: a page may repeat the field hundreds of times. */
  metaDois: 10,
  listingEntries: LISTING_ENTRIES,
  /** One listing link, absolute. */
  listingLinkChars: MAX_URL_CHARS,
  /** A view's name (which frame of a tab speaks). */
  viewNameChars: 64,
  /** A PaperRef's version (`v3`). */
  versionDigits: 3,

  // A library item's own fields (imports, sync, messages from the views).
  /** Tags per item kept, each cut to tagChars. */
  tags: 50,
  tagChars: 64,
  /** Your note on an item and a draft: as long as a summary. */
  noteChars: 200_000,
  /**
   * A draft as an editor last saw it (sent back with a save): your words and
   * another device's, joined when sync brought those in, so twice a summary.
   */
  draftBaseChars: 400_000,
  /** Earlier versions of your own summary kept with it. */
  otherVersions: 64,
  versionIdChars: 100,
  /** Summary ids one library request names (the cards of one paper). */
  summaryIdsPerRequest: 500,
} as const;

const L = SCHEMA_LIMITS;

export type SchemaResult<K extends string, T> =
  ({ ok: true } & { [key in K]: T }) | { ok: false; reason: string };

/** Why a record was refused; caught at each reader's top. */
class Refused extends Error {}

/** A field of a record from outside: its own property only, never an inherited one. */
const own = (record: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(record, key) ? record[key] : undefined;

const absent = (value: unknown) => value === undefined || value === null;

/** Direction overrides and isolates: in a byline they could reverse the trusted "via …" text. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * How a reader treats a text over its limit: data from outside is refused
 * (`strict`: a record that does not fit is not half-shown); records
 * Sidenotes makes itself from a page's metadata, such as your own summary of
 * it, are cut to fit (`cut`), so what is stored always reads back strictly.
 */
export type FitMode = 'strict' | 'cut';

/** `text` cut to `max` characters, the last one an ellipsis, never half a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const kept = text.slice(0, max - 1);
  return `${/[\ud800-\udbff]$/.test(kept) ? kept.slice(0, -1) : kept}…`;
}

/**
 * Text of at most `max` characters, kept as written (an export and its
 * import give back the same text) but for bidi controls; where it is shown
 * it is text, never markup, and the exports escape it (utils/library/export.ts).
 */
function text(value: unknown, field: string, max: number, mode: FitMode = 'strict'): string {
  if (typeof value !== 'string') throw new Refused(`${field} is not text`);
  const clean = value.replace(BIDI_CONTROLS, '');
  if (mode === 'cut') return cutText(clean, max);
  if (value.length > max)
    throw new Refused(`${field} is longer than ${max.toLocaleString('en')} characters`);
  return clean;
}

function requiredText(value: unknown, field: string, max: number, mode?: FitMode): string {
  if (absent(value)) throw new Refused(`${field} is missing`);
  const kept = text(value, field, max, mode);
  if (!kept.trim()) throw new Refused(`${field} is empty`);
  return kept;
}

/** Absent, null and blank text are all "not given". */
function optionalText(
  value: unknown,
  field: string,
  max: number,
  mode?: FitMode,
): string | undefined {
  if (absent(value)) return undefined;
  const kept = text(value, field, max, mode);
  return kept.trim() ? kept : undefined;
}

/** An identifier kept exactly as given: no controls, no surrounding spaces to fold away. */
function identifier(value: unknown, field: string, max: number): string {
  if (absent(value)) throw new Refused(`${field} is missing`);
  if (typeof value !== 'string') throw new Refused(`${field} is not text`);
  if (!value.trim()) throw new Refused(`${field} is empty`);
  if (value.length > max)
    throw new Refused(`${field} is longer than ${max.toLocaleString('en')} characters`);
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code < 0xa0))
      throw new Refused(`${field} holds control characters`);
  }
  return value;
}

/**
 * A URL field: kept as written when `safeHttpUrl` accepts it (so an export
 * and its import give back the same text), else none. `safeHttpUrl` refuses
 * anything a browser could read otherwise than it does (controls, spaces,
 * backslashes), so the text kept opens exactly what was checked.
 */
function url(value: unknown): string | null {
  return typeof value === 'string' && safeHttpUrl(value) ? value.trim() : null;
}

/** `2026-11-26`, `2026-11-26T10:00:00.000Z`, `2026-11-26 10:00+01:00`. */
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A date as text: refused when not text; an unreadable one is dropped to null (it only sorts and shows). */
function date(value: unknown): string | null {
  if (absent(value)) return null;
  if (typeof value !== 'string') throw new Refused('date is not text');
  if (value.length > L.dateChars)
    throw new Refused(`date is longer than ${L.dateChars} characters`);
  const text = value.trim();
  return ISO_DATE.test(text) && !Number.isNaN(Date.parse(text)) ? text : null;
}

function wholeNumber(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new Refused(`${field} is not a whole number from ${min} to ${max}`);
  return value;
}

function read<T>(build: () => T): { ok: true; value: T } | { ok: false; reason: string } {
  try {
    return { ok: true, value: build() };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.message };
    throw error;
  }
}

function sourceOf(value: unknown): SummarySource {
  if (!isObject(value))
    throw new Refused(absent(value) ? 'source is missing' : 'source is not an object');
  const kind = own(value, 'kind');
  if (kind !== 'human' && kind !== 'machine')
    throw new Refused('source.kind is neither "human" nor "machine"');
  return {
    id: identifier(own(value, 'id'), 'source.id', L.sourceIdChars),
    name: requiredText(own(value, 'name'), 'source.name', L.sourceNameChars),
    url: url(own(value, 'url')) ?? '',
    licence: optionalText(own(value, 'licence'), 'source.licence', L.licenceChars) ?? 'unknown',
    kind,
  };
}

function paperOf(value: unknown, mode: FitMode = 'strict'): PaperMeta {
  if (!isObject(value))
    throw new Refused(absent(value) ? 'paper is missing' : 'paper is not an object');
  const rawAuthors = own(value, 'authors');
  if (!absent(rawAuthors) && !Array.isArray(rawAuthors))
    throw new Refused('paper.authors is not a list');
  const authors: string[] = [];
  for (const [i, author] of ((rawAuthors as unknown[] | undefined) ?? [])
    .slice(0, L.authors)
    .entries()) {
    const name = text(author, `paper.authors[${i}]`, L.authorChars, mode);
    if (name.trim()) authors.push(name);
  }
  const year = own(value, 'year');
  const venue = optionalText(own(value, 'venue'), 'paper.venue', L.venueChars, mode);
  const link = url(own(value, 'url'));
  return {
    title: requiredText(own(value, 'title'), 'paper.title', L.titleChars, mode),
    authors,
    ...(absent(year) ? {} : { year: wholeNumber(year, 'paper.year', L.minYear, L.maxYear) }),
    ...(venue ? { venue } : {}),
    ...(link ? { url: link } : {}),
  };
}

function keysOf(value: unknown): string[] {
  if (!Array.isArray(value)) throw new Refused('paperKeys is not a list');
  // Keys outside the grammar are dropped (a DOI with braces is no DOI); a few must remain.
  const keys = [...new Set(value.slice(0, 4 * L.keys).filter(isCanonicalKey))].slice(0, L.keys);
  if (!keys.length) throw new Refused('paperKeys holds no valid paper key');
  return keys;
}

function summaryOf(value: unknown, paper: () => PaperMeta, paperKeys: () => string[]): Summary {
  if (!isObject(value)) throw new Refused('the summary is not an object');
  const id = identifier(own(value, 'id'), 'id', L.idChars);
  const rawBody = own(value, 'body');
  if (typeof rawBody !== 'string')
    throw new Refused(absent(rawBody) ? 'body is missing' : 'body is not text');
  if (rawBody.length > L.bodyChars)
    throw new Refused(`body is longer than ${L.bodyChars.toLocaleString('en')} characters`);
  if (!rawBody.trim()) throw new Refused('body is empty');
  const format = own(value, 'format');
  if (!absent(format) && format !== 'markdown' && format !== 'text')
    throw new Refused('format is neither "markdown" nor "text"');
  const label = optionalText(own(value, 'label'), 'label', L.labelChars);
  const author = own(value, 'author');
  const votes = own(value, 'votes');
  return {
    id,
    paperKeys: paperKeys(),
    paper: paper(),
    body: rawBody,
    format: format === 'text' ? 'text' : 'markdown',
    ...(label ? { label } : {}),
    author: optionalText(author, 'author', L.authorChars) ?? null,
    date: date(own(value, 'date')),
    votes: absent(votes) ? null : wholeNumber(votes, 'votes', L.minVotes, L.maxVotes),
    link: url(own(value, 'link')),
    source: sourceOf(own(value, 'source')),
  };
}

/** A summary's source (`{id, name, url, licence, kind}`), rebuilt. */
export function readSource(value: unknown): SchemaResult<'source', SummarySource> {
  const r = read(() => sourceOf(value));
  return r.ok ? { ok: true, source: r.value } : r;
}

/** A paper's metadata (`{title, authors, year?, venue?, url?}`), rebuilt. */
export function readPaperMeta(value: unknown): SchemaResult<'paper', PaperMeta> {
  const r = read(() => paperOf(value));
  return r.ok ? { ok: true, paper: r.value } : r;
}

/**
 * A whole summary, with its paper and keys, rebuilt. With `cut`, its
 * paper's texts over their limits are cut to fit rather than refused.
 */
export function readSummary(
  value: unknown,
  mode: FitMode = 'strict',
): SchemaResult<'summary', Summary> {
  const r = read(() => {
    if (!isObject(value)) throw new Refused('the summary is not an object');
    return summaryOf(
      value,
      () => paperOf(own(value, 'paper'), mode),
      () => keysOf(own(value, 'paperKeys')),
    );
  });
  return r.ok ? { ok: true, summary: r.value } : r;
}

/**
 * A summary stored without its paper (an index entry's, whose paper and
 * keys are the entry's and were read once already).
 */
export function readEntrySummary(
  value: unknown,
  paper: PaperMeta,
  paperKeys: readonly string[],
): SchemaResult<'summary', Summary> {
  const r = read(() =>
    summaryOf(
      value,
      () => paper,
      () => [...paperKeys],
    ),
  );
  return r.ok ? { ok: true, summary: r.value } : r;
}

/** A list of keys from outside: the valid ones, or why there are none. */
export function readPaperKeys(value: unknown): SchemaResult<'keys', string[]> {
  const r = read(() => keysOf(value));
  return r.ok ? { ok: true, keys: r.value } : r;
}

/** What a list of records came to: the summaries kept, and why each other one was not. */
export interface ReadSummaries {
  summaries: Summary[];
  /** One reason per record dropped. */
  dropped: string[];
}

export function readSummaries(values: readonly unknown[]): ReadSummaries {
  const summaries: Summary[] = [];
  const dropped: string[] = [];
  for (const value of values) {
    const r = readSummary(value);
    if (r.ok) summaries.push(r.summary);
    else dropped.push(r.reason);
  }
  return { summaries, dropped };
}

/**
 * The note a source's answer carries when records were dropped: "1 summary
 * from Lab index could not be shown: author is not text". Null when none were.
 */
export function droppedNote(reasons: readonly string[], from: string): string | null {
  if (!reasons.length) return null;
  const distinct = [...new Set(reasons)];
  const why =
    distinct.length > 2
      ? `${distinct.slice(0, 2).join('; ')}; and ${distinct.length - 2} other problem${distinct.length === 3 ? '' : 's'}`
      : distinct.join('; ');
  const n = reasons.length;
  return `${n.toLocaleString('en')} ${n === 1 ? 'summary' : 'summaries'} from ${from} could not be shown: ${why}.`;
}

/**
 * A list of summaries this extension stored as JSON (cached answers, the
 * kept feed), each read through the schema again (a copy written by an
 * older version, or damaged, is never trusted), or undefined when the text
 * is not a list at all.
 */
export function parseStoredSummaries(text: string): Summary[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return Array.isArray(value) ? readSummaries(value).summaries : undefined;
}
