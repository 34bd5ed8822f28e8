import type { Manifest } from '@/utils/index-format/format';
import {
  IndexFormatError,
  MAX_MANIFEST_BYTES,
  validateManifest,
} from '@/utils/index-format/validate';
import type { LibraryDb } from '@/utils/db/schema';
import { idbRemoteCache, type RemoteCache } from '@/utils/db/remote-cache';

export type { RemoteCache } from '@/utils/db/remote-cache';
import { NetError } from '@/utils/net/fetch-bounded';
import { fetchIndexFile, fetchVerified, type FileFetchOptions } from './remote-files';
import { IndexReader } from '@/utils/index-format/reader';
import { fromBase64, toBase64 } from '@/utils/core/base64';
import { errorMessage } from '@/utils/core/guards';
import { plainOptional } from '@/utils/core/page-text';

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

const megabytes = (bytes: number) => `${Math.ceil(bytes / 1024 / 1024)} MB`;

/**
 * An index in the Sidenotes format on any static host: the manifest synced
 * with conditional requests, shards fetched when a look-up needs them,
 * checked against the manifest's SHA-256 and cached, so it keeps working
 * offline. A tampered or cut-off shard is refused and the cached copy kept.
 */
export class RemoteIndex {
  readonly status: RemoteStatus;
  private manifest: Manifest | undefined;
  private readonly base: string;

  constructor(
    url: string,
    private readonly cache: RemoteCache,
    private readonly options: RemoteIndexOptions = {},
  ) {
    this.base = url.endsWith('/') ? url : `${url}/`;
    this.status = { offline: false, lastSync: null, message: null, ...options.status };
  }

  private record(changes: Partial<RemoteStatus>, manifest?: Manifest) {
    Object.assign(this.status, changes);
    if (manifest) {
      const shards = Object.values(manifest.shards);
      Object.assign(this.status, {
        // A stranger's words, shown in trusted places: no bidi or format characters.
        name: plainOptional(manifest.name),
        papers: manifest.counts.papers,
        summaries: manifest.counts.summaries,
        shards: shards.length,
        bytes: shards.reduce((sum, s) => sum + s.bytes, 0),
        // Set even when absent, so a new manifest without them clears the old ones.
        publisher: plainOptional(manifest.publisher),
        licence: plainOptional(manifest.licence),
      });
    }
    this.options.onStatus?.({ ...this.status });
  }

  private get now() {
    return (this.options.now ?? Date.now)();
  }

  /** The manifest: cached while fresh, else re-validated; the cached copy when offline. */
  async manifestText(): Promise<string> {
    const key = `${this.base}|manifest.json`;
    const cached = await this.cache.get(key);
    if (cached && this.now - cached.fetchedAt < (this.options.manifestMaxAgeMs ?? 3_600_000)) {
      this.manifest ??= validateManifest(JSON.parse(cached.text));
      return cached.text;
    }
    try {
      const answer = await fetchIndexFile(
        this.base,
        'manifest.json',
        MAX_MANIFEST_BYTES,
        this.options,
        cached?.etag ? { 'If-None-Match': cached.etag } : {},
      );
      const text = answer.status === 304 && cached ? cached.text : answer.text;
      let manifest: Manifest;
      try {
        manifest = validateManifest(JSON.parse(text));
      } catch (error) {
        // A broken or too-new manifest never replaces the one that worked.
        throw error instanceof IndexFormatError
          ? error
          : new IndexFormatError('The remote index manifest is not valid JSON.');
      }
      await this.cache.put({
        key,
        text,
        etag: answer.etag ?? cached?.etag ?? null,
        fetchedAt: this.now,
      });
      this.manifest = manifest;
      this.record({ offline: false, lastSync: this.now, message: null }, manifest);
      return text;
    } catch (error) {
      const message = errorMessage(error);
      if (
        cached &&
        error instanceof NetError &&
        ['offline', 'timeout', 'server', 'rate-limited'].includes(error.code)
      ) {
        this.manifest ??= validateManifest(JSON.parse(cached.text));
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
    const manifest = this.manifest ?? validateManifest(JSON.parse(await this.manifestText()));
    const id = /^shards\/([0-9a-z]+)\.json$/.exec(path)?.[1];
    const info = id ? manifest.shards[id] : undefined;
    if (!info) throw new IndexFormatError(`The remote index has no file ${path}.`);
    const key = `${this.base}|${path}|${info.sha256}`;
    const cached = await this.cache.get(key);
    if (cached) return cached.text;
    const text = new TextDecoder().decode(await this.fetchChecked(path, info.sha256, info.bytes));
    // A full disk loses the offline copy, not this look-up.
    await this.cache.put({ key, text, etag: null, fetchedAt: this.now }).catch(() => undefined);
    if (!this.syncing) await this.recordUsage();
    return text;
  }

  /** True during a full download, which records the cache's use once at its end. */
  private syncing = false;

  /** What the index's kept files take, against its budget; no request. */
  async cacheUsage(): Promise<Pick<RemoteStatus, 'cachedBytes' | 'cacheBudgetBytes'>> {
    const cachedBytes = await this.cache.usage?.().catch(() => undefined);
    return {
      ...(cachedBytes !== undefined ? { cachedBytes } : {}),
      ...(this.options.cacheBudgetBytes ? { cacheBudgetBytes: this.options.cacheBudgetBytes } : {}),
    };
  }

  /** Records what the index's cached files take, for the options page. */
  private async recordUsage(): Promise<void> {
    const usage = await this.cacheUsage();
    if (usage.cachedBytes !== undefined) this.record(usage);
  }

  /** A file the manifest names, fetched and checked (./remote-files.ts); failures are recorded. */
  private async fetchChecked(
    file: string,
    sha256: string,
    declaredBytes: number,
  ): Promise<Uint8Array> {
    try {
      return await fetchVerified(this.base, file, { sha256, bytes: declaredBytes }, this.options);
    } catch (error) {
      this.record({ offline: error instanceof NetError, message: errorMessage(error) });
      throw error;
    }
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
    const manifest = validateManifest(JSON.parse(await this.manifestText()));
    const shards = Object.values(manifest.shards);
    // As kept: shards as text, the search file as base64 (4 characters per 3 bytes).
    const kept =
      shards.reduce((n, s) => n + s.bytes, 0) + Math.ceil(((manifest.search?.bytes ?? 0) * 4) / 3);
    const budget = this.options.cacheBudgetBytes;
    if (budget !== undefined && kept > budget) {
      const error = new IndexFormatError(
        `This index takes ${megabytes(kept)} in all; Sidenotes keeps at most ${megabytes(budget)} of one index in this browser, so it cannot be downloaded whole. Its papers are still looked up as you open them.`,
      );
      this.record({ message: error.message });
      throw error;
    }
    const total = shards.length + (manifest.search ? 1 : 0);
    let done = 0;
    this.syncing = true;
    try {
      for (const { file } of shards) {
        await this.read(file);
        onProgress(++done, total);
      }
      if (manifest.search) {
        await this.syncSearch(manifest.search);
        onProgress(++done, total);
      }
    } finally {
      this.syncing = false;
      await this.recordUsage();
    }
  }

  private searchKey(search: NonNullable<Manifest['search']>) {
    return `${this.base}|${search.file}|${search.sha256}`;
  }

  private async syncSearch(search: NonNullable<Manifest['search']>): Promise<void> {
    const key = this.searchKey(search);
    if (await this.cache.get(key)) return;
    const bytes = await this.fetchChecked(search.file, search.sha256, search.bytes);
    // Binary kept as base64: the cache holds text.
    await this.cache.put({ key, text: toBase64(bytes), etag: null, fetchedAt: this.now });
  }

  /**
   * Whether every shard of the manifest in use is kept ("Download all" ran
   * and nothing was evicted since). Only then does the index count as held
   * by this browser: the shards opened one by one as pages were read would
   * otherwise tell which papers the reader looked at.
   */
  async keptWhole(): Promise<boolean> {
    const manifestText = (await this.cache.get(`${this.base}|manifest.json`))?.text;
    if (!manifestText) return false;
    const held = new Set(await this.cache.keys?.(`${this.base}|shards/`));
    return Object.values(validateManifest(JSON.parse(manifestText)).shards).every((s) =>
      held.has(`${this.base}|${s.file}|${s.sha256}`),
    );
  }

  /** A reader over the files kept for offline use only: a file not kept is an error, not a request. */
  cachedReader(): IndexReader {
    return new IndexReader(async (path) => {
      const manifestText = (await this.cache.get(`${this.base}|manifest.json`))?.text;
      if (!manifestText) throw new IndexFormatError('This index is not kept in this browser.');
      if (path === 'manifest.json') return manifestText;
      const info = Object.values(validateManifest(JSON.parse(manifestText)).shards).find(
        (s) => s.file === path,
      );
      const text = info && (await this.cache.get(`${this.base}|${path}|${info.sha256}`))?.text;
      if (!text) throw new IndexFormatError(`${path} is not kept in this browser.`);
      return text;
    });
  }

  /** The search file of the manifest in use, if a full sync has fetched it; no request. */
  async cachedSearch(): Promise<Uint8Array | null> {
    const cached = await this.cache.get(`${this.base}|manifest.json`);
    const search = cached && validateManifest(JSON.parse(cached.text)).search;
    const file = search && (await this.cache.get(this.searchKey(search)));
    return file ? fromBase64(file.text) : null;
  }
}

/** How many files of one remote index are kept (a 75k-paper index has 4,096 shards). */
const INDEX_CACHE_FILES = 20_000;
/** What one remote index's kept files may take (docs/limits.md); the oldest go first. */
export const INDEX_CACHE_BYTES = 100 * 1024 * 1024;

/** A remote index whose files are cached in the library database, bounded on their own. */
export function cachedRemoteIndex(
  db: LibraryDb,
  url: string,
  options: RemoteIndexOptions = {},
): RemoteIndex {
  const base = url.endsWith('/') ? url : `${url}/`;
  return new RemoteIndex(
    base,
    idbRemoteCache(db, INDEX_CACHE_FILES, `${base}|`, INDEX_CACHE_BYTES),
    { cacheBudgetBytes: INDEX_CACHE_BYTES, ...options },
  );
}
