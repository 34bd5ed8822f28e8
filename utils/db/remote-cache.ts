import type { CachedRemoteFile, LibraryDb } from './schema';

/** Where a remote index's files are kept between visits (IndexedDB in the extension). */
export interface RemoteCache {
  get(key: string): Promise<CachedRemoteFile | undefined>;
  put(file: CachedRemoteFile): Promise<void>;
  /** The keys held under a prefix, without reading the files. */
  keys?(prefix: string): Promise<string[]>;
}

/**
 * The IndexedDB cache, bounded per use: only keys starting with `prefix`
 * count towards `maxFiles` and are evicted (oldest first), so live-source
 * answers never push out a remote index's shards, nor one index another's.
 */
export function idbRemoteCache(db: LibraryDb, maxFiles = 20_000, prefix = ''): RemoteCache {
  const range = prefix ? IDBKeyRange.bound(prefix, `${prefix}\uffff`) : undefined;
  return {
    get: (key) => db.get('remote', key),
    keys: (under) => db.getAllKeys('remote', IDBKeyRange.bound(under, `${under}\uffff`)),
    async put(file) {
      const tx = db.transaction('remote', 'readwrite');
      await tx.store.put(file);
      let excess = (await tx.store.count(range)) - maxFiles;
      let cursor = excess > 0 ? await tx.store.index('by-time').openCursor() : null;
      while (cursor && excess > 0) {
        if (cursor.value.key !== file.key && cursor.value.key.startsWith(prefix)) {
          await cursor.delete();
          excess--;
        }
        cursor = await cursor.continue();
      }
      await tx.done;
    },
  };
}

/** Forgets every cached file under a prefix (a removed remote index). */
export async function clearRemoteCache(db: LibraryDb, prefix: string): Promise<void> {
  await db.delete('remote', IDBKeyRange.bound(prefix, `${prefix}\uffff`));
}
