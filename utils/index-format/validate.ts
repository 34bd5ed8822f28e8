import { INDEX_FORMAT_VERSION, type Manifest, type Shard } from './format';
import { isObject } from '@/utils/core/guards';

/** Thrown when index files are not what the format says; `message` is for people. */
export class IndexFormatError extends Error {
  override name = 'IndexFormatError';
}

/** Caps on the manifest's optional words about the index (older manifests have none). */
export const MAX_PUBLISHER_CHARS = 200;
export const MAX_LICENCE_CHARS = 200;

const optionalText = (value: unknown, max: number) =>
  value === undefined || (typeof value === 'string' && value.length <= max);

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
  if (typeof shardPrefixLength !== 'number' || shardPrefixLength < 0 || shardPrefixLength > 8) {
    throw new IndexFormatError('The index manifest has no valid shard prefix length.');
  }
  if (!isObject(shards) || !isObject(counts)) {
    throw new IndexFormatError('The index manifest lacks its shard table or counts.');
  }
  for (const [id, info] of Object.entries(shards)) {
    if (
      !isObject(info) ||
      typeof info.file !== 'string' ||
      !/^shards\/[0-9a-z]+\.json$/.test(info.file) ||
      typeof info.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(info.sha256)
    ) {
      throw new IndexFormatError(`The index manifest's entry for shard "${id}" is malformed.`);
    }
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
    (!isObject(search) || search.file !== 'search.bin' || typeof search.sha256 !== 'string')
  ) {
    throw new IndexFormatError("The index manifest's search entry is malformed.");
  }
  return value as unknown as Manifest;
}

export function validateShard(value: unknown, file: string): Shard {
  if (!isObject(value) || !isObject(value.entries)) {
    throw new IndexFormatError(`Index shard ${file} is not a shard.`);
  }
  return value as unknown as Shard;
}
