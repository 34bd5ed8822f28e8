import { openLibraryDb, type LibraryDb } from './schema';

/**
 * The library as extension pages use it: one connection per page, and a
 * change signal across pages (sidebar, side panel, popup, library page) so
 * each shows the latest state.
 */
let dbPromise: Promise<LibraryDb> | undefined;

export function library(): Promise<LibraryDb> {
  dbPromise ??= openLibraryDb().then((db) => {
    // Closed by a newer schema in another page: reopen on next use.
    db.addEventListener('close', () => (dbPromise = undefined));
    return db;
  });
  return dbPromise;
}

const CHANNEL = 'sidenotes-library';
const local = new Set<() => void>();
let channel: BroadcastChannel | undefined;

export function announceLibraryChange(): void {
  channel ??= new BroadcastChannel(CHANNEL);
  channel.postMessage('changed');
  for (const listener of local) listener();
}

/** Calls back when this or another extension page changed the library. */
export function onLibraryChange(listener: () => void): () => void {
  const incoming = new BroadcastChannel(CHANNEL);
  incoming.onmessage = () => listener();
  local.add(listener);
  return () => {
    incoming.close();
    local.delete(listener);
  };
}

/** Asks the browser not to evict the library under storage pressure (once granted, it stays). */
export async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  return (await navigator.storage.persisted()) || navigator.storage.persist();
}
