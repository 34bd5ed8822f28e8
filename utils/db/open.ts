import { openLibraryDb, type LibraryDb } from './stores';

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
/**
 * This page's mark on what it announces. A channel delivers to every other
 * channel object of its name, this page's own listeners' included; they hear
 * this page's changes at once instead, so each change reaches each listener once.
 */
const THIS_PAGE = `${Date.now()}-${Math.random()}`;

export function announceLibraryChange(): void {
  channel ??= new BroadcastChannel(CHANNEL);
  channel.postMessage(THIS_PAGE);
  for (const listener of local) listener();
}

/** Calls back, once a change, when this or another extension page changed the library. */
export function onLibraryChange(listener: () => void): () => void {
  const incoming = new BroadcastChannel(CHANNEL);
  incoming.onmessage = (event: MessageEvent) => {
    if (event.data !== THIS_PAGE) listener();
  };
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
