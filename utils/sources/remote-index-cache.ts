import type { Manifest } from '@/utils/index-format/format';
import { IndexFormatError, validateManifest } from '@/utils/index-format/validate';
import { IndexReader } from '@/utils/index-format/reader';
import { fromBase64 } from '@/utils/core/base64';
import { idbRemoteCache, type RemoteCache } from '@/utils/db/remote-cache';
import type { LibraryDb } from '@/utils/db/stores';

/**
 * Where a remote index's files are kept and how they are read back without
 * a request (./remote-index.ts): the manifest under the index's address,
 * every other file under its path and checksum, so a new version of a file
 * is a new key.
 */

/** An index's address as its files' keys start: ending in `/`. */
export const indexBase = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

export const manifestKey = (base: string): string => `${base}|manifest.json`;

/** A file the manifest names, by its path and checksum. */
export const fileKey = (base: string, path: string, sha256: string): string =>
  `${base}|${path}|${sha256}`;

/** A manifest's text, checked; what a cached copy was checked against when it was kept. */
export const manifestOf = (text: string): Manifest => validateManifest(JSON.parse(text));

/** How many files of one remote index are kept (a 75k-paper index has 4,096 shards). */
export const INDEX_CACHE_FILES = 20_000;
/** What one remote index's kept files may take (docs/limits.md); the oldest go first. */
export const INDEX_CACHE_BYTES = 100 * 1024 * 1024;

/** The library database's cache for the index at `base`, bounded on its own. */
export const indexCache = (db: LibraryDb, base: string): RemoteCache =>
  idbRemoteCache(db, INDEX_CACHE_FILES, `${base}|`, INDEX_CACHE_BYTES);

/** The manifest kept for the index, if any; no request. */
async function keptManifest(cache: RemoteCache, base: string): Promise<string | undefined> {
  return (await cache.get(manifestKey(base)))?.text;
}

/**
 * Whether every shard of the kept manifest is kept ("Download all" ran and
 * nothing was evicted since). Only then does the index count as held by
 * this browser: the shards opened one by one as pages were read would
 * otherwise tell which papers the reader looked at.
 */
export async function keptWhole(cache: RemoteCache, base: string): Promise<boolean> {
  const text = await keptManifest(cache, base);
  if (!text) return false;
  const held = new Set(await cache.keys?.(`${base}|shards/`));
  return Object.values(manifestOf(text).shards).every((s) =>
    held.has(fileKey(base, s.file, s.sha256)),
  );
}

/** A reader over the files kept for offline use only: a file not kept is an error, not a request. */
export function keptReader(cache: RemoteCache, base: string): IndexReader {
  return new IndexReader(async (path) => {
    const manifestText = await keptManifest(cache, base);
    if (!manifestText) throw new IndexFormatError('This index is not kept in this browser.');
    if (path === 'manifest.json') return manifestText;
    const info = Object.values(manifestOf(manifestText).shards).find((s) => s.file === path);
    const text = info && (await cache.get(fileKey(base, path, info.sha256)))?.text;
    if (!text) throw new IndexFormatError(`${path} is not kept in this browser.`);
    return text;
  });
}

/** The kept manifest's search file, if a full download kept it; no request. */
export async function keptSearch(cache: RemoteCache, base: string): Promise<Uint8Array | null> {
  const text = await keptManifest(cache, base);
  const search = text && manifestOf(text).search;
  const file = search && (await cache.get(fileKey(base, search.file, search.sha256)));
  return file ? fromBase64(file.text) : null;
}
