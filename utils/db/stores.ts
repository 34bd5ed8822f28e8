import {
  openDB,
  type DBSchema,
  type IDBPDatabase,
  type IDBPTransaction,
  type StoreNames,
} from 'idb';
import type { Draft, LibraryItem } from '@/utils/core/library-item';
import type { SyncRecord } from '@/utils/core/sync-record';

/**
 * The library database: one schema, versioned, with an append-only list of
 * migrations. Migration N takes a database at version N-1 (with data) to N;
 * never edit a released one, add the next. test/unit/library/migrations
 * opens a database made at every earlier version with the current code.
 */
export const DB_NAME = 'sidenotes';

export interface LibrarySchema extends DBSchema {
  items: {
    key: string;
    value: LibraryItem;
    indexes: { 'by-paper': string; 'by-saved': string; 'by-tag': string };
  };
  drafts: { key: string; value: Draft };
  meta: { key: string; value: { key: string; value: unknown } };
  remote: { key: string; value: CachedRemoteFile; indexes: { 'by-time': number } };
  /** Sync: every synced record's merged state (utils/sync/records.ts). */
  syncRecords: { key: string; value: StoredRecord };
  /** Sync: records changed here since sync last looked (written with each library change). */
  syncChanges: { key: string; value: { id: string } };
}

export interface StoredRecord {
  id: string;
  state: SyncRecord;
}

/** A file of a remote index, as last fetched (utils/lookup/remote-index.ts). */
export interface CachedRemoteFile {
  /** `<index url>|<path>` for the manifest, `<index url>|<path>|<sha256>` for shards. */
  key: string;
  text: string;
  etag: string | null;
  fetchedAt: number;
}

type Tx = IDBPTransaction<LibrarySchema, StoreNames<LibrarySchema>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<LibrarySchema>, tx: Tx) => Promise<void> | void;

export const MIGRATIONS: readonly Migration[] = [
  // 1 (2026-11-26): saved summaries, by paper and by date saved.
  (db) => {
    const items = db.createObjectStore('items', { keyPath: 'id' });
    items.createIndex('by-paper', 'summary.paperKeys', { multiEntry: true });
    items.createIndex('by-saved', 'savedAt');
  },
  // 2 (2026-11-26): tags, notes and revisions on items; drafts of own summaries; meta.
  async (db, tx) => {
    const items = tx.objectStore('items');
    items.createIndex('by-tag', 'tags', { multiEntry: true });
    db.createObjectStore('drafts', { keyPath: 'paperKey' });
    db.createObjectStore('meta', { keyPath: 'key' });
    let cursor = await items.openCursor();
    while (cursor) {
      const old = cursor.value as Partial<LibraryItem> &
        Pick<LibraryItem, 'id' | 'summary' | 'savedAt'>;
      await cursor.update({
        kind: 'saved',
        tags: [],
        note: '',
        revision: 1,
        updatedAt: old.savedAt,
        ...old,
      } as LibraryItem);
      cursor = await cursor.continue();
    }
  },
  // 3 (2026-11-26): cached files of remote indexes, oldest evicted first.
  (db) => {
    db.createObjectStore('remote', { keyPath: 'key' }).createIndex('by-time', 'fetchedAt');
  },
  // 4 (2026-12-06): sync's merged records, and the changes it has yet to look at.
  (db) => {
    db.createObjectStore('syncRecords', { keyPath: 'id' });
    db.createObjectStore('syncChanges', { keyPath: 'id' });
  },
];

export const DB_VERSION = MIGRATIONS.length;

export type LibraryDb = IDBPDatabase<LibrarySchema>;

/**
 * Opens the library at `version` (tests open older ones), running the
 * migrations it lacks. Extension pages and the worker only: in a content
 * script this would open the web site's database.
 */
export function openLibraryDb(
  options: { name?: string; version?: number } = {},
): Promise<LibraryDb> {
  const version = options.version ?? DB_VERSION;
  return openDB<LibrarySchema>(options.name ?? DB_NAME, version, {
    async upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) await MIGRATIONS[v]!(db, tx);
    },
    blocking(_current, _blocked, event) {
      // Another page needs a newer schema: step aside (this page reloads its data on next use).
      (event.target as IDBDatabase).close();
    },
  });
}
