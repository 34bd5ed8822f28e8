import type { CachedRemoteFile, LibraryDb } from './stores';

/** Where a remote index's files are kept between visits (IndexedDB in the extension). */
export interface RemoteCache {
  get(key: string): Promise<CachedRemoteFile | undefined>;
  put(file: CachedRemoteFile): Promise<void>;
  /** What the files of this use of the cache take, counted as its byte budget counts them. */
  usage?(): Promise<number>;
  /** The keys held under a prefix, without reading the files. */
  keys?(prefix: string): Promise<string[]>;
}

/**
 * What a kept file counts against a byte budget: the characters stored,
 * which are its bytes for the ASCII that shards, answers and base64 are
 * (a few non-ASCII characters count one each).
 */
export const cachedSize = (file: Pick<CachedRemoteFile, 'text'>): number => file.text.length;

const rangeOf = (prefix: string) =>
  prefix ? IDBKeyRange.bound(prefix, `${prefix}\uffff`) : undefined;

/** The running total of a prefix's bytes, kept beside the files (the meta store). */
const usageKey = (prefix: string) => `remote-bytes|${prefix}`;

/**
 * The IndexedDB cache, bounded per use: only keys starting with `prefix`
 * count towards `maxFiles` and `maxBytes`, and are evicted (oldest fetched
 * first) until both hold, so live-source answers never push out a remote
 * index's shards, nor one index another's. The byte total is kept in the
 * same transaction as the files, so pages and the worker writing at once
 * never lose count.
 */
export function idbRemoteCache(
  db: LibraryDb,
  maxFiles = 20_000,
  prefix = '',
  maxBytes = Number.POSITIVE_INFINITY,
): RemoteCache {
  const range = rangeOf(prefix);
  return {
    get: (key) => db.get('remote', key),
    keys: (under) => db.getAllKeys('remote', IDBKeyRange.bound(under, `${under}\uffff`)),
    async put(file) {
      // A file larger than the whole budget is not kept (the budget would not hold).
      if (cachedSize(file) > maxBytes) return;
      const tx = db.transaction(['remote', 'meta'], 'readwrite');
      const remote = tx.objectStore('remote');
      const meta = tx.objectStore('meta');
      const stored = (await meta.get(usageKey(prefix)))?.value;
      let bytes = typeof stored === 'number' ? stored : 0;
      if (typeof stored !== 'number') {
        // A cache written before totals were kept: count it once.
        let cursor = await remote.openCursor(range);
        for (; cursor; cursor = await cursor.continue()) bytes += cachedSize(cursor.value);
      }
      const previous = await remote.get(file.key);
      bytes += cachedSize(file) - (previous ? cachedSize(previous) : 0);
      await remote.put(file);
      let files = await remote.count(range);
      let cursor =
        files > maxFiles || bytes > maxBytes ? await remote.index('by-time').openCursor() : null;
      while (cursor && (files > maxFiles || bytes > maxBytes)) {
        const old = cursor.value;
        if (old.key !== file.key && old.key.startsWith(prefix)) {
          await cursor.delete();
          files--;
          bytes -= cachedSize(old);
        }
        cursor = await cursor.continue();
      }
      await meta.put({ key: usageKey(prefix), value: bytes });
      await tx.done;
    },
    async usage() {
      const stored = (await db.get('meta', usageKey(prefix)))?.value;
      if (typeof stored === 'number') return stored;
      let bytes = 0;
      let cursor = await db.transaction('remote').store.openCursor(range);
      for (; cursor; cursor = await cursor.continue()) bytes += cachedSize(cursor.value);
      return bytes;
    },
  };
}

/** Forgets every cached file under a prefix (a removed remote index), and its byte total. */
export async function clearRemoteCache(db: LibraryDb, prefix: string): Promise<void> {
  const tx = db.transaction(['remote', 'meta'], 'readwrite');
  await tx.objectStore('remote').delete(IDBKeyRange.bound(prefix, `${prefix}\uffff`));
  await tx.objectStore('meta').delete(usageKey(prefix));
  await tx.done;
}
