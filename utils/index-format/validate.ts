import {
  INDEX_FORMAT_VERSION,
  shardFileName,
  type Manifest,
  type PaperEntry,
  type Shard,
} from './format';
import { isObject } from '@/utils/core/guards';
import { readEntrySummary, readPaperKeys, readPaperMeta } from '@/utils/core/schema';

/** Thrown when index files are not what the format says; `message` is for people. */
export class IndexFormatError extends Error {
  override name = 'IndexFormatError';
}

/** Caps on the manifest's optional words about the index (older manifests have none). */
export const MAX_PUBLISHER_CHARS = 200;
export const MAX_LICENCE_CHARS = 200;
export const MAX_NAME_CHARS = 200;

/**
 * What one index may declare (docs/limits.md). A shard is fetched only up to
 * the size its manifest declares, so these bound every download: a look-up
 * reads at most MAX_SHARDS_PER_LOOKUP shards of at most MAX_SHARD_BYTES.
 */
export const MAX_MANIFEST_BYTES = 2 * 1024 * 1024;
export const MAX_SHARD_BYTES = 4 * 1024 * 1024;
/** A 75k-paper index's search file is ~40 MB. */
export const MAX_SEARCH_BYTES = 64 * 1024 * 1024;
/** Every shard and the search file together, as the manifest declares them. */
export const MAX_INDEX_BYTES = 200 * 1024 * 1024;
/** 16³ shards (what the builder makes for ~270 MB of papers) times four. */
export const MAX_SHARDS = 16_384;
/** Prefix lengths the builder writes (0 to 4 hex digits). */
const MAX_PREFIX_LENGTH = 4;
const MAX_COUNT = 100_000_000;

const optionalText = (value: unknown, max: number) =>
  value === undefined || (typeof value === 'string' && value.length <= max);

const isCount = (value: unknown, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;

export function validateManifest(value: unknown): Manifest {
  if (!isObject(value)) throw new IndexFormatError('The index manifest is not a JSON object.');
  const { format, shards, shardPrefixLength, counts } = value;
  if (typeof format !== 'number')
    throw new IndexFormatError('The index manifest has no format version.');
  if (format > INDEX_FORMAT_VERSION) {
    throw new IndexFormatError(
      `This index uses format ${format}, newer than this version of Sidenotes understands (${INDEX_FORMAT_VERSION}). Update Sidenotes to read it.`,
    );
  }
  if (!isCount(shardPrefixLength, MAX_PREFIX_LENGTH)) {
    throw new IndexFormatError('The index manifest has no valid shard prefix length.');
  }
  if (!isObject(shards) || !isObject(counts)) {
    throw new IndexFormatError('The index manifest lacks its shard table or counts.');
  }
  const ids = Object.keys(shards);
  if (ids.length > MAX_SHARDS) {
    throw new IndexFormatError(
      `The index manifest lists ${ids.length.toLocaleString('en')} shards; Sidenotes reads at most ${MAX_SHARDS.toLocaleString('en')}.`,
    );
  }
  const shardId =
    shardPrefixLength === 0 ? /^all$/ : new RegExp(`^[0-9a-f]{${shardPrefixLength}}$`);
  let declared = 0;
  for (const id of ids) {
    const info = shards[id];
    if (
      !shardId.test(id) ||
      !isObject(info) ||
      info.file !== shardFileName(id) ||
      typeof info.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(info.sha256) ||
      !isCount(info.entries, MAX_COUNT)
    ) {
      throw new IndexFormatError(`The index manifest's entry for shard "${id}" is malformed.`);
    }
    if (!isCount(info.bytes, MAX_SHARD_BYTES)) {
      throw new IndexFormatError(
        `The index manifest declares shard "${id}" larger than ${MAX_SHARD_BYTES / 1024 / 1024} MB, or not at all.`,
      );
    }
    declared += info.bytes;
  }
  for (const name of ['papers', 'summaries', 'keys'])
    if (!isCount(counts[name], MAX_COUNT))
      throw new IndexFormatError(`The index manifest's count of ${name} is not a count.`);
  if (!optionalText(value.name, MAX_NAME_CHARS) || !optionalText(value.built, 40)) {
    throw new IndexFormatError(
      `The index manifest's name is not text of at most ${MAX_NAME_CHARS} characters.`,
    );
  }
  if (!optionalText(value.publisher, MAX_PUBLISHER_CHARS)) {
    throw new IndexFormatError(
      `The index manifest's publisher is not text of at most ${MAX_PUBLISHER_CHARS} characters.`,
    );
  }
  if (!optionalText(value.licence, MAX_LICENCE_CHARS)) {
    throw new IndexFormatError(
      `The index manifest's licence is not text of at most ${MAX_LICENCE_CHARS} characters.`,
    );
  }
  const { search } = value;
  if (
    search !== undefined &&
    (!isObject(search) ||
      search.file !== 'search.bin' ||
      typeof search.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(search.sha256) ||
      !isCount(search.bytes, MAX_SEARCH_BYTES))
  ) {
    throw new IndexFormatError(
      `The index manifest's search entry is malformed or larger than ${MAX_SEARCH_BYTES / 1024 / 1024} MB.`,
    );
  }
  declared += isObject(search) ? (search.bytes as number) : 0;
  if (declared > MAX_INDEX_BYTES) {
    throw new IndexFormatError(
      `The index declares ${Math.round(declared / 1024 / 1024)} MB of files; Sidenotes reads indexes of at most ${MAX_INDEX_BYTES / 1024 / 1024} MB.`,
    );
  }
  return value as unknown as Manifest;
}

export function validateShard(value: unknown, file: string): Shard {
  if (!isObject(value) || !isObject(value.entries)) {
    throw new IndexFormatError(`Index shard ${file} is not a shard.`);
  }
  return value as unknown as Shard;
}

/**
 * A paper's entry from a shard, rebuilt through the one schema
 * (utils/core/schema.ts): its paper and keys once, then each summary. What
 * could not be kept is in `dropped`, one reason per summary, for the note.
 */
export function readPaperEntry(raw: unknown): { entry?: PaperEntry; dropped: string[] } {
  const records = isObject(raw) && Array.isArray(raw.summaries) ? raw.summaries : [];
  const all = (reason: string) => ({
    dropped: records.length ? records.map(() => reason) : [reason],
  });
  if (!isObject(raw)) return all('the paper entry is not an object');
  if (!Array.isArray(raw.summaries)) return all('the paper entry has no list of summaries');
  const paper = readPaperMeta(raw.paper);
  if (!paper.ok) return all(paper.reason);
  const keys = readPaperKeys(raw.keys);
  if (!keys.ok) return all(keys.reason);
  const summaries: PaperEntry['summaries'] = [];
  const dropped: string[] = [];
  for (const record of records) {
    const read = readEntrySummary(record, paper.paper, keys.keys);
    if (read.ok) summaries.push(read.summary);
    else dropped.push(read.reason);
  }
  return { entry: { keys: keys.keys, paper: paper.paper, summaries }, dropped };
}
