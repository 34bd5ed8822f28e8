import type { PaperMeta, Summary } from '@/utils/core/summary';

/**
 * The index format, one for the bundled index and every remote index:
 *
 *   manifest.json        format version, build date, counts, shard table
 *   shards/<prefix>.json entries keyed by canonical key, in the shard named by
 *                        the first `shardPrefixLength` hex digits of
 *                        FNV-1a-32(UTF-8 key)
 *   search.bin           the serialized search index (utils/search/search-file.ts)
 *
 * Normalized titles are keys too (`title:<normalized>`), stored as references
 * to the paper's primary key: title matching costs one shard read at any
 * scale, instead of loading a title map of every paper.
 */
export const INDEX_FORMAT_VERSION = 1;

export interface ShardInfo {
  file: string;
  sha256: string;
  bytes: number;
  entries: number;
}

export interface Manifest {
  format: number;
  name: string;
  /** Who publishes the index (a person, a reading group); absent in older indexes. */
  publisher?: string;
  /** The licence of its summaries, e.g. "CC BY 4.0"; absent in older indexes. */
  licence?: string;
  built: string;
  counts: { papers: number; summaries: number; keys: number };
  shardPrefixLength: number;
  shards: Record<string, ShardInfo>;
  /** The prebuilt search index over every paper (utils/search/search-file.ts). */
  search?: { file: string; sha256: string; bytes: number };
}

/** A paper's entry: its metadata and summaries (without the per-paper fields). */
export interface PaperEntry {
  keys: string[];
  paper: PaperMeta;
  summaries: Array<Omit<Summary, 'paper' | 'paperKeys'>>;
  /**
   * Set by the reader, never written to a file: why each summary of the
   * entry that did not fit the schema was dropped (validate.ts `readPaperEntry`).
   */
  dropped?: string[];
}

/** What a key holds: a paper, references to papers under other keys, or both. */
export interface ShardEntry {
  entry?: PaperEntry;
  see?: string[];
}

export interface Shard {
  format: number;
  entries: Record<string, ShardEntry>;
}

const encoder = new TextEncoder();

/** FNV-1a 32-bit over the key's UTF-8 bytes, as 8 hex digits. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export function shardIdFor(key: string, prefixLength: number): string {
  return prefixLength === 0 ? 'all' : fnv1a(key).slice(0, prefixLength);
}

export const shardFileName = (shardId: string): string => `shards/${shardId}.json`;

/**
 * An entry's summaries, each with its paper. Entries from files are read
 * through `readPaperEntry` (validate.ts) first, which rebuilt every field.
 */
export function toSummaries(entry: PaperEntry): Summary[] {
  return entry.summaries.map((s) => ({ ...s, paper: entry.paper, paperKeys: entry.keys }));
}

export async function sha256Hex(content: string | Uint8Array): Promise<string> {
  const bytes = typeof content === 'string' ? encoder.encode(content) : content;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
