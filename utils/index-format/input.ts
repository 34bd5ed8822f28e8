import { SHORTSCIENCE_ORIGIN } from '@/utils/core/shortscience';
import { aclKeyFromId } from '@/utils/detect/acl';
import { arxivKey, parseArxivId } from '@/utils/detect/arxiv';
import { keysForDoi, parseDoi } from '@/utils/detect/doi';
import { openreviewKey } from '@/utils/detect/openreview';
import { isCanonicalKey, KEY_KINDS, orderKeys } from '@/utils/core/paper-ref';
import { readSummary } from '@/utils/core/schema';
import { normalizeTitle, titleKey } from '@/utils/detect/title';
import type { PaperMeta, Summary, SummarySource } from '@/utils/core/summary';
import { isObject } from '@/utils/core/guards';

/**
 * One line of builder input: a `paper` and a `summary`, in the shape of
 * ShortScience's export (`data/bundled/shortscience-seed.jsonl`). Anyone can
 * write these to build and host an index of their own summaries.
 */
export interface InputRecord {
  keys: string[];
  paper: PaperMeta;
  summary: Omit<Summary, 'paper' | 'paperKeys' | 'id'> & { id?: string };
}

/** Sources that input lines may name by id alone (`"source": "shortscience"`). */
export const KNOWN_SOURCES: Record<string, SummarySource> = {
  shortscience: {
    id: 'shortscience',
    name: 'ShortScience.org',
    url: SHORTSCIENCE_ORIGIN,
    licence: '© its author',
    kind: 'human',
  },
};

export class InputError extends Error {
  override name = 'InputError';
}

const optString = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : undefined;

function parseSource(raw: unknown): SummarySource {
  if (typeof raw === 'string') {
    const known = KNOWN_SOURCES[raw];
    if (!known) throw new InputError(`unknown source "${raw}"; give a source object instead`);
    return known;
  }
  if (!isObject(raw)) throw new InputError('summary.source is missing');
  const { id, name, url, licence, kind } = raw;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof url !== 'string') {
    throw new InputError('summary.source needs id, name and url');
  }
  if (kind !== 'human' && kind !== 'machine') {
    throw new InputError('summary.source.kind must be "human" or "machine"');
  }
  return { id, name, url, licence: typeof licence === 'string' ? licence : 'unknown', kind };
}

/** Key kinds that have a field of their own, which normalizes them. */
const FIELD_KINDS = new Set(['arxiv', 'openreview', 'acl', 'doi', 'title']);
const SITE_KEY = /^([a-z][a-z0-9-]*):\S+$/;

/**
 * `paper.keys`: canonical keys of sites without a field of their own
 * (`pmlr:v97/kahng19a`, `nips:5865`), of a known kind and by the one key
 * grammar (utils/core/paper-ref.ts).
 */
function siteKeys(raw: unknown): string[] {
  if (!Array.isArray(raw)) throw new InputError('paper.keys must be a list of keys');
  return raw.map((key) => {
    const kind = typeof key === 'string' ? SITE_KEY.exec(key)?.[1] : undefined;
    if (!kind)
      throw new InputError(`paper.keys: "${String(key)}" is not a key like "pmlr:v97/x19a"`);
    if (FIELD_KINDS.has(kind)) {
      throw new InputError(`paper.keys: give "${String(key)}" in its own field (arxivId, doi…)`);
    }
    if (!KEY_KINDS.includes(kind)) {
      throw new InputError(
        `paper.keys: "${kind}" is not a kind of key Sidenotes knows (${KEY_KINDS.filter((k) => !FIELD_KINDS.has(k)).join(', ')})`,
      );
    }
    if (!isCanonicalKey(key))
      throw new InputError(`paper.keys: "${String(key)}" is not a valid ${kind} key`);
    return key as string;
  });
}

function paperKeys(paper: Record<string, unknown>): string[] {
  const keys: string[] = [];
  const arxiv = optString(paper.arxivId);
  if (arxiv) {
    const parsed = parseArxivId(arxiv);
    if (!parsed) throw new InputError(`paper.arxivId "${arxiv}" is not an arXiv id`);
    keys.push(arxivKey(parsed.id));
  }
  const openreview = optString(paper.openreviewId);
  if (openreview) {
    const key = openreviewKey(openreview);
    if (!isCanonicalKey(key))
      throw new InputError(`paper.openreviewId "${openreview}" is not an OpenReview forum id`);
    keys.push(key);
  }
  const acl = optString(paper.aclId);
  if (acl) {
    const key = aclKeyFromId(acl);
    if (!key) throw new InputError(`paper.aclId "${acl}" is not an ACL Anthology id`);
    keys.push(key);
  }
  const doiRaw = optString(paper.doi);
  if (doiRaw) {
    const doi = parseDoi(doiRaw);
    if (!doi) throw new InputError(`paper.doi "${doiRaw}" is not a DOI`);
    keys.push(...keysForDoi(doi));
  }
  if (paper.keys !== undefined) keys.push(...siteKeys(paper.keys));
  return orderKeys(keys);
}

/** Parses and checks one input line; throws InputError saying what is wrong. */
export function parseInputLine(line: string): InputRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new InputError('not valid JSON');
  }
  if (!isObject(value) || !isObject(value.paper) || !isObject(value.summary)) {
    throw new InputError('expected an object with "paper" and "summary"');
  }
  const { paper, summary } = value;
  const title = optString(paper.title);
  if (!title) throw new InputError('paper.title is missing');
  const keys = paperKeys(paper);
  const body = typeof summary.body === 'string' ? summary.body.trim() : '';
  if (!body) throw new InputError('summary.body is empty');
  const authors = Array.isArray(paper.authors)
    ? paper.authors.filter((a): a is string => typeof a === 'string')
    : [];
  const year = typeof paper.year === 'number' ? paper.year : undefined;
  const venue = optString(paper.venue);
  // Links as written: the reader keeps only https ones (safeHttpUrl), so an
  // index built before that rule reads the same as one built after.
  const url = optString(paper.url);
  const label = optString(summary.label);
  const id = optString(summary.id);
  const record: InputRecord = {
    keys,
    paper: {
      title,
      authors,
      ...(year ? { year } : {}),
      ...(venue ? { venue } : {}),
      ...(url ? { url } : {}),
    },
    summary: {
      ...(id ? { id } : {}),
      body,
      format: summary.format === 'text' ? 'text' : 'markdown',
      ...(label ? { label } : {}),
      author: optString(summary.author) ?? null,
      date: optString(summary.date) ?? null,
      votes: typeof summary.votes === 'number' ? summary.votes : null,
      link: optString(summary.link) ?? optString(summary.sourceUrl) ?? null,
      source: parseSource(summary.source),
    },
  };
  // The reader rebuilds every record through the one schema; a line it would drop is refused here.
  const checked = readSummary({
    ...record.summary,
    id: id ?? 'input',
    paperKeys: keys.length ? keys : [titleKey(title) ?? `title:${normalizeTitle(title)}`],
    paper: record.paper,
  });
  if (!checked.ok) throw new InputError(checked.reason);
  return record;
}
