import type { Manifest } from '@/utils/index-format/format';
import { plainOptional } from '@/utils/core/page-text';
import type { RemoteCache } from '@/utils/db/remote-cache';
import type { FileFetchOptions } from './remote-files';

/**
 * What a remote index says of itself (./remote-index.ts): the options it
 * is made with, the status it records after each attempt to reach its
 * host, and what the modules it is made of share.
 */
export interface RemoteIndexOptions extends FileFetchOptions {
  /** Re-check the manifest (conditionally, with its ETag) when the copy is older than this. */
  manifestMaxAgeMs?: number;
  now?: () => number;
  /** The status last recorded (the options page and the worker share it through storage). */
  status?: RemoteStatus;
  /** Called after every attempt to reach the host, to record the status. */
  onStatus?: (status: RemoteStatus) => void;
  /** The byte budget of the index's cache (cachedRemoteIndex gives INDEX_CACHE_BYTES). */
  cacheBudgetBytes?: number;
}

/** How long a kept manifest is used without asking the host whether it changed. */
export const DEFAULT_MANIFEST_MAX_AGE_MS = 3_600_000;

export interface RemoteStatus {
  /** The last attempt failed; answers come from the cache. */
  offline: boolean;
  /** When the manifest was last fetched or confirmed unchanged. */
  lastSync: number | null;
  /** What went wrong last, in plain words; null when the last attempt worked. */
  message: string | null;
  /** From the manifest last accepted. */
  name?: string;
  papers?: number;
  summaries?: number;
  shards?: number;
  bytes?: number;
  /** Who publishes the index and under which licence (absent in indexes built before both were written). */
  publisher?: string;
  licence?: string;
  /** What its files kept in this browser take, against `cacheBudgetBytes`. */
  cachedBytes?: number;
  cacheBudgetBytes?: number;
}

/** What the status shows of an accepted manifest. */
export function manifestFacts(manifest: Manifest): Partial<RemoteStatus> {
  const shards = Object.values(manifest.shards);
  return {
    // A stranger's words, shown in trusted places: no bidi or format characters.
    name: plainOptional(manifest.name),
    papers: manifest.counts.papers,
    summaries: manifest.counts.summaries,
    shards: shards.length,
    bytes: shards.reduce((sum, s) => sum + s.bytes, 0),
    // Set even when absent, so a new manifest without them clears the old ones.
    publisher: plainOptional(manifest.publisher),
    licence: plainOptional(manifest.licence),
  };
}

/** One remote index as its parts see it: where it is, where its files are kept, and its status. */
export interface IndexContext {
  /** The index's address, ending in `/`. */
  readonly base: string;
  readonly cache: RemoteCache;
  readonly options: RemoteIndexOptions;
  now(): number;
  /** Records a change of status (and what a newly accepted manifest says), and reports it. */
  record(changes: Partial<RemoteStatus>, manifest?: Manifest): void;
}
