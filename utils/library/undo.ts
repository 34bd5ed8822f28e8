import { itemRecordId } from '@/utils/core/sync-record';
import { LibraryError, type LibraryItem } from '@/utils/core/library-item';
import type { LibraryDb } from '@/utils/db/stores';
import { getMeta, markChanged, removeItem, setMeta, writeAction } from './library';

/**
 * Removing an item can be undone: a removed own summary is the user's own
 * writing, and two lured clicks in an in-page sidebar must not lose it for
 * good. The last item removed is kept aside in the `meta` store (written
 * before the removal, so a removal never happens without its copy) until the
 * next removal replaces it or Undo puts it back.
 */
const LAST_REMOVED = 'lastRemoved';

interface Removed {
  item: LibraryItem;
  removedAt: string;
}

/** Removes an item, keeping it aside for Undo; the item removed, or undefined when there was none. */
export async function removeUndoably(db: LibraryDb, id: string): Promise<LibraryItem | undefined> {
  const item = await db.get('items', id);
  if (!item) return undefined;
  await setMeta(db, LAST_REMOVED, { item, removedAt: new Date().toISOString() } satisfies Removed);
  await removeItem(db, id);
  return item;
}

/**
 * Puts back the item last removed, as it was (tags, note, its text). Refused
 * when it is not the last one removed, or when its place was taken since
 * (a new summary of the same paper): nothing is overwritten.
 */
export async function undoRemove(db: LibraryDb, id: string): Promise<LibraryItem> {
  const removed = await getMeta<Removed | null>(db, LAST_REMOVED);
  if (!removed || removed.item.id !== id)
    throw new LibraryError('not-found', 'There is nothing to undo any more.');
  const item = await writeAction(db, ['items', 'syncChanges'], async (tx) => {
    const items = tx.objectStore('items');
    if (await items.get(id))
      throw new LibraryError('conflict', 'A newer item has taken its place: nothing was undone.');
    // A new revision: sync sees the item come back after its removal.
    const back: LibraryItem = { ...removed.item, revision: removed.item.revision + 1 };
    await items.add(back);
    await markChanged(tx, itemRecordId(id));
    return back;
  });
  await setMeta(db, LAST_REMOVED, null);
  return item;
}
