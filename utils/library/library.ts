import type { Summary } from '@/utils/core/summary';
import type { IDBPTransaction, StoreNames } from 'idb';
import type { LibraryDb, LibrarySchema } from '@/utils/db/stores';
import { LibraryError, type Draft, type LibraryItem } from '@/utils/core/library-item';
import { errorMessage } from '@/utils/core/guards';
import { buildOwnSummary, type OwnPaper } from '@/utils/core/own-summary';
import { draftRecordId, itemRecordId } from '@/utils/core/sync-record';
import { SCHEMA_LIMITS } from '@/utils/core/schema';

const now = () => new Date().toISOString();

/** Turns IndexedDB failures into errors people can act on; nothing was written. */
export function asLibraryError(error: unknown): LibraryError {
  if (error instanceof LibraryError) return error;
  const name = (error as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') {
    return new LibraryError(
      'quota',
      'Your browser has no room left for the library. Nothing was saved: free some disk space, or export and remove items.',
    );
  }
  if (
    name === 'AbortError' ||
    name === 'TransactionInactiveError' ||
    name === 'InvalidStateError'
  ) {
    return new LibraryError('bug', 'The change was interrupted and not saved. Try again.');
  }
  return new LibraryError('bug', `The library could not be changed: ${errorMessage(error)}`);
}

async function guarded<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw asLibraryError(error);
  }
}

type WriteTx<S extends StoreNames<LibrarySchema>[]> = IDBPTransaction<
  LibrarySchema,
  S,
  'readwrite'
>;

/**
 * One user action, one transaction: on any failure it is aborted, so no
 * part of the action is written (IndexedDB commits what was already
 * requested unless the transaction is aborted).
 */
export async function writeAction<S extends StoreNames<LibrarySchema>[], T>(
  db: LibraryDb,
  stores: S,
  action: (tx: WriteTx<S>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(stores, 'readwrite');
  try {
    const result = await action(tx);
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted by the browser (a quota error does): nothing to undo.
    }
    await tx.done.catch(() => undefined);
    throw asLibraryError(error);
  }
}

/**
 * Every change to the library marks its record in the same transaction, so
 * sync (utils/sync/) finds what changed here without reading the whole
 * library, and never misses a change whichever page made it.
 */
export function markChanged(
  tx:
    | WriteTx<['items', 'syncChanges']>
    | WriteTx<['items', 'drafts', 'syncChanges']>
    | WriteTx<['drafts', 'syncChanges']>,
  recordId: string,
): Promise<unknown> {
  return (tx as unknown as WriteTx<['syncChanges']>)
    .objectStore('syncChanges')
    .put({ id: recordId });
}

const newItem = (kind: LibraryItem['kind'], summary: Summary, time: string): LibraryItem => ({
  id: summary.id,
  kind,
  summary,
  savedAt: time,
  updatedAt: time,
  tags: [],
  note: '',
  revision: 1,
});

/** Saves a summary (a snapshot with its paper). Saving it again changes nothing. */
export function saveSummary(db: LibraryDb, summary: Summary): Promise<LibraryItem> {
  return writeAction(db, ['items', 'syncChanges'], async (tx) => {
    const existing = await tx.objectStore('items').get(summary.id);
    if (existing) return existing;
    const time = now();
    const item = newItem('saved', summary, time);
    await tx.objectStore('items').add(item);
    await markChanged(tx, itemRecordId(item.id));
    return item;
  });
}

export function removeItem(db: LibraryDb, id: string): Promise<void> {
  return writeAction(db, ['items', 'syncChanges'], async (tx) => {
    await tx.objectStore('items').delete(id);
    await markChanged(tx, itemRecordId(id));
  });
}

/** Which of these summary ids are in the library. */
/** Which of these ids the library holds (only items of `kind`, when given). */
export function savedIds(
  db: LibraryDb,
  ids: readonly string[],
  kind?: LibraryItem['kind'],
): Promise<Set<string>> {
  return guarded(async () => {
    const tx = db.transaction('items');
    const found = await Promise.all(ids.map((id) => tx.store.get(id)));
    await tx.done;
    return new Set(
      found.flatMap((item) => (item && (!kind || item.kind === kind) ? [item.id] : [])),
    );
  });
}

/** The library's items for a paper (by any of its keys), own summaries first. */
export function itemsForPaper(db: LibraryDb, keys: readonly string[]): Promise<LibraryItem[]> {
  return guarded(async () => {
    const tx = db.transaction('items');
    const index = tx.store.index('by-paper');
    const lists = await Promise.all(keys.map((k) => index.getAll(k)));
    await tx.done;
    const byId = new Map(lists.flat().map((item) => [item.id, item]));
    return [...byId.values()].sort((a, b) => Number(b.kind === 'own') - Number(a.kind === 'own'));
  });
}

/** The user's own summaries (ids `you:<paper key>`): one range read, no other item touched. */
export function ownItems(db: LibraryDb): Promise<LibraryItem[]> {
  return guarded(() => db.getAll('items', IDBKeyRange.bound('you:', 'you:\uffff')));
}

export function allItems(db: LibraryDb): Promise<LibraryItem[]> {
  return guarded(() => db.getAll('items'));
}

/** The newest saved items, through the date index: no need to read the whole library. */
export function latestItems(db: LibraryDb, count: number): Promise<LibraryItem[]> {
  return guarded(async () => {
    const tx = db.transaction('items');
    const latest: LibraryItem[] = [];
    let cursor = await tx.store.index('by-saved').openCursor(null, 'prev');
    while (cursor && latest.length < count) {
      latest.push(cursor.value);
      cursor = await cursor.continue();
    }
    await tx.done;
    return latest;
  });
}

export function countItems(db: LibraryDb): Promise<number> {
  return guarded(() => db.count('items'));
}

/**
 * Changes an item's tags or note. `revision` is the one the user edited: if
 * another page changed the item since, nothing is written and a conflict
 * says so (no silent overwrite).
 */
export function updateItem(
  db: LibraryDb,
  id: string,
  revision: number,
  change: Partial<Pick<LibraryItem, 'tags' | 'note' | 'otherVersions'>> & { body?: string },
): Promise<LibraryItem> {
  return writeAction(db, ['items', 'syncChanges'], async (tx) => {
    const item = await tx.objectStore('items').get(id);
    if (!item) throw new LibraryError('not-found', 'This item is no longer in your library.');
    if (item.revision !== revision) {
      throw new LibraryError(
        'conflict',
        'This item was changed in another Sidenotes page; its latest version is shown now. Make your change again.',
      );
    }
    const updated: LibraryItem = {
      ...item,
      ...(change.tags ? { tags: normalizeTags(change.tags) } : {}),
      ...(change.note !== undefined ? { note: change.note } : {}),
      ...(change.body !== undefined
        ? { summary: { ...item.summary, body: change.body, date: now() } }
        : {}),
      updatedAt: now(),
      revision: item.revision + 1,
    };
    if (change.otherVersions) {
      if (change.otherVersions.length) updated.otherVersions = change.otherVersions;
      else delete updated.otherVersions;
    }
    await tx.objectStore('items').put(updated);
    await markChanged(tx, itemRecordId(id));
    return updated;
  });
}

export function normalizeTags(tags: readonly string[]): string[] {
  return [
    ...new Set(
      tags
        .map((t) => t.trim().replace(/\s+/g, ' ').slice(0, SCHEMA_LIMITS.tagChars))
        .filter(Boolean),
    ),
  ].slice(0, SCHEMA_LIMITS.tags);
}

const ownId = (paperKey: string) => `you:${paperKey}`;

/**
 * Creates or replaces the user's own summary of a paper, and drops its draft
 * — unless the draft changed since the editor last saw it (`draftBase`: sync
 * brought another device's text in): then it stays, with those words.
 */
export function saveOwnSummary(
  db: LibraryDb,
  paper: OwnPaper,
  body: string,
  draftBase?: string,
): Promise<LibraryItem> {
  const paperKey = paper.keys[0];
  if (!paperKey)
    return Promise.reject(new LibraryError('bad-data', 'No paper to write about on this page.'));
  if (!body.trim()) return Promise.reject(new LibraryError('bad-data', 'Your summary is empty.'));
  return writeAction(db, ['items', 'drafts', 'syncChanges'], async (tx) => {
    const items = tx.objectStore('items');
    const existing = await items.get(ownId(paperKey));
    const time = now();
    const summary = buildOwnSummary(paper, body, time);
    const item: LibraryItem = existing
      ? { ...existing, summary, updatedAt: time, revision: existing.revision + 1 }
      : newItem('own', summary, time);
    await items.put(item);
    const draft = await tx.objectStore('drafts').get(paperKey);
    if (!draft || draftBase === undefined || draft.body === draftBase) {
      await tx.objectStore('drafts').delete(paperKey);
      await markChanged(tx, draftRecordId(paperKey));
    }
    await markChanged(tx, itemRecordId(item.id));
    return item;
  });
}

export function getDraft(db: LibraryDb, paperKey: string): Promise<Draft | undefined> {
  return guarded(() => db.get('drafts', paperKey));
}

/** The line under which a draft keeps the words another device wrote while this editor was open. */
export const DRAFT_ALSO_LINE = '— Written on another device while you were writing here:';

/**
 * Keeps the editor's text as the paper's draft; returns the draft now stored.
 * `base` is the draft as the editor last saw it: if the stored one changed
 * since (sync brought another device's text in), both are kept, the
 * editor's first, and the editor shows what is returned.
 */
export function saveDraft(
  db: LibraryDb,
  paperKey: string,
  body: string,
  base?: string,
): Promise<string> {
  return writeAction(db, ['drafts', 'syncChanges'], async (tx) => {
    const stored = (await tx.objectStore('drafts').get(paperKey))?.body ?? '';
    const next =
      base !== undefined && stored && stored !== base && stored !== body
        ? body.trim()
          ? `${body}\n\n${DRAFT_ALSO_LINE}\n${stored}`
          : stored
        : body;
    if (next.trim()) await tx.objectStore('drafts').put({ paperKey, body: next, updatedAt: now() });
    else await tx.objectStore('drafts').delete(paperKey);
    await markChanged(tx, draftRecordId(paperKey));
    return next.trim() ? next : '';
  });
}

export async function getMeta<T>(db: LibraryDb, key: string): Promise<T | undefined> {
  return (await guarded(() => db.get('meta', key)))?.value as T | undefined;
}

export function setMeta(db: LibraryDb, key: string, value: unknown): Promise<void> {
  return guarded(async () => {
    await db.put('meta', { key, value });
  });
}
