import type { Manifest } from '@/utils/index-format/format';
import { IndexFormatError } from '@/utils/index-format/validate';
import { IndexReader } from '@/utils/index-format/reader';
import type { LibraryDb } from '@/utils/db/stores';
import type { RemoteCache } from '@/utils/db/remote-cache';
import { errorMessage } from '@/utils/core/guards';
import {
  fileKey,
  INDEX_CACHE_BYTES,
  indexBase,
  indexCache,
  keptReader,
  keptSearch,
  keptWhole,
  manifestKey,
  manifestOf,
} from './remote-index-cache';
import { fetchChecked, fetchManifest, hostUnreachable } from './remote-index-fetch';
import {
  DEFAULT_MANIFEST_MAX_AGE_MS,
  manifestFacts,
  type IndexContext,
  type RemoteIndexOptions,
  type RemoteStatus,
} from './remote-index-status';
import { downloadWhole, refuseIfTooLarge } from './remote-index-sync';
import { cacheUsage } from './remote-index-usage';

export type { RemoteCache } from '@/utils/db/remote-cache';
export type { RemoteIndexOptions, RemoteStatus } from './remote-index-status';
export { INDEX_CACHE_BYTES } from './remote-index-cache';

/**
 * An index in the Sidenotes format on any static host: the manifest synced
 * with conditional requests, shards fetched when a look-up needs them,
 * checked against the manifest's SHA-256 and cached, so it keeps working
 * offline. A tampered or cut-off shard is refused and the cached copy kept.
 *
 * Made of one module a concern: its requests (./remote-index-fetch.ts), its
 * kept files (./remote-index-cache.ts), what they take against their budget
 * (./remote-index-usage.ts), the whole download (./remote-index-sync.ts) and
 * its status (./remote-index-status.ts). This class holds the state they
 * share: the status, the manifest in use, whether a download runs.
 */
export class RemoteIndex {
  readonly status: RemoteStatus;
  private manifest: Manifest | undefined;
  private readonly base: string;
  /** What the modules above see of this index. */
  private readonly ctx: IndexContext;
  /** True during a full download, which records the cache's use once at its end. */
  private syncing = false;

  constructor(
    url: string,
    private readonly cache: RemoteCache,
    private readonly options: RemoteIndexOptions = {},
  ) {
    this.base = indexBase(url);
    this.status = { offline: false, lastSync: null, message: null, ...options.status };
    this.ctx = {
      base: this.base,
      cache,
      options,
      now: () => (options.now ?? Date.now)(),
      record: (changes, manifest) => this.record(changes, manifest),
    };
  }

  private record(changes: Partial<RemoteStatus>, manifest?: Manifest) {
    Object.assign(this.status, changes, manifest ? manifestFacts(manifest) : {});
    this.options.onStatus?.({ ...this.status });
  }

  /** The manifest: cached while fresh, else re-validated; the cached copy when offline. */
  async manifestText(): Promise<string> {
    const cached = await this.cache.get(manifestKey(this.base));
    const maxAgeMs = this.options.manifestMaxAgeMs ?? DEFAULT_MANIFEST_MAX_AGE_MS;
    if (cached && this.ctx.now() - cached.fetchedAt < maxAgeMs) {
      this.manifest ??= manifestOf(cached.text);
      return cached.text;
    }
    try {
      const { text, manifest } = await fetchManifest(this.ctx, cached);
      this.manifest = manifest;
      this.record({ offline: false, lastSync: this.ctx.now(), message: null }, manifest);
      return text;
    } catch (error) {
      const message = errorMessage(error);
      if (cached && hostUnreachable(error)) {
        this.manifest ??= manifestOf(cached.text);
        this.record({
          offline: true,
          message: `${message} Showing the copy from ${new Date(cached.fetchedAt).toLocaleString()}.`,
        });
        return cached.text;
      }
      this.record({ offline: !(error instanceof IndexFormatError), message });
      throw error;
    }
  }

  /** A file for the index reader: the manifest, or a shard (cached by its checksum). */
  async read(path: string): Promise<string> {
    if (path === 'manifest.json') return this.manifestText();
    const manifest = this.manifest ?? manifestOf(await this.manifestText());
    const id = /^shards\/([0-9a-z]+)\.json$/.exec(path)?.[1];
    const info = id ? manifest.shards[id] : undefined;
    if (!info) throw new IndexFormatError(`The remote index has no file ${path}.`);
    const key = fileKey(this.base, path, info.sha256);
    const cached = await this.cache.get(key);
    if (cached) return cached.text;
    const text = new TextDecoder().decode(await fetchChecked(this.ctx, path, info));
    // A full disk loses the offline copy, not this look-up.
    await this.cache
      .put({ key, text, etag: null, fetchedAt: this.ctx.now() })
      .catch(() => undefined);
    if (!this.syncing) await this.recordUsage();
    return text;
  }

  /** What the index's kept files take, against its budget; no request. */
  cacheUsage(): Promise<Pick<RemoteStatus, 'cachedBytes' | 'cacheBudgetBytes'>> {
    return cacheUsage(this.cache, this.options.cacheBudgetBytes);
  }

  /** Records what the index's cached files take, for the options page. */
  private async recordUsage(): Promise<void> {
    const usage = await this.cacheUsage();
    if (usage.cachedBytes !== undefined) this.record(usage);
  }

  /** A reader for look-ups (one per look-up session: it keeps the manifest it started with). */
  reader(): IndexReader {
    return new IndexReader((path) => this.read(path));
  }

  /**
   * Fetches every shard not cached yet, and the search file, for reading and
   * searching offline; reports progress (the search file counts as one step).
   */
  async syncAll(
    onProgress: (done: number, total: number) => void = () => undefined,
  ): Promise<void> {
    const manifest = manifestOf(await this.manifestText());
    refuseIfTooLarge(this.ctx, manifest);
    this.syncing = true;
    try {
      await downloadWhole(this.ctx, manifest, (file) => this.read(file), onProgress);
    } finally {
      this.syncing = false;
      await this.recordUsage();
    }
  }

  /**
   * Whether every shard of the manifest in use is kept ("Download all" ran
   * and nothing was evicted since): only then does the index count as held
   * by this browser (./remote-index-cache.ts).
   */
  keptWhole(): Promise<boolean> {
    return keptWhole(this.cache, this.base);
  }

  /** A reader over the files kept for offline use only: a file not kept is an error, not a request. */
  cachedReader(): IndexReader {
    return keptReader(this.cache, this.base);
  }

  /** The search file of the manifest in use, if a full sync has fetched it; no request. */
  cachedSearch(): Promise<Uint8Array | null> {
    return keptSearch(this.cache, this.base);
  }
}

/** A remote index whose files are cached in the library database, bounded on their own. */
export function cachedRemoteIndex(
  db: LibraryDb,
  url: string,
  options: RemoteIndexOptions = {},
): RemoteIndex {
  const base = indexBase(url);
  return new RemoteIndex(base, indexCache(db, base), {
    cacheBudgetBytes: INDEX_CACHE_BYTES,
    ...options,
  });
}
