import { beforeEach, describe, expect, it } from 'vitest';
import { allItems, saveOwnSummary, updateItem } from '@/utils/library/library';
import { removeUndoably, undoRemove } from '@/utils/library/undo';
import { openLibraryDb } from '@/utils/db/stores';
import { LibraryError } from '@/utils/core/library-item';
import { freshIndexedDb } from './helpers';

beforeEach(freshIndexedDb);

const PAPER = { keys: ['arxiv:2007.12223'], title: 'The Lottery Ticket' };

describe('removing your own summary', () => {
  it('can be undone: it comes back whole, tags, note and text', async () => {
    const db = await openLibraryDb();
    const written = await saveOwnSummary(db, PAPER, 'Weeks of reading.');
    const tagged = await updateItem(db, written.id, written.revision, {
      tags: ['group'],
      note: 'for Tuesday',
    });
    expect(await removeUndoably(db, written.id)).toEqual(tagged);
    expect(await allItems(db)).toEqual([]);
    const back = await undoRemove(db, written.id);
    expect(back).toEqual({ ...tagged, revision: tagged.revision + 1 });
    expect(await allItems(db)).toEqual([back]);
    // Once: a second Undo has nothing left to put back.
    await expect(undoRemove(db, written.id)).rejects.toThrow('nothing to undo');
  });

  it('never overwrites what took its place, nor brings back anything but the last removed', async () => {
    const db = await openLibraryDb();
    const first = await saveOwnSummary(db, PAPER, 'First text.');
    await removeUndoably(db, first.id);
    const rewritten = await saveOwnSummary(db, PAPER, 'Written again.');
    await expect(undoRemove(db, first.id)).rejects.toBeInstanceOf(LibraryError);
    expect(await allItems(db)).toEqual([rewritten]);
    await expect(undoRemove(db, 'you:arxiv:1406.2661')).rejects.toThrow('nothing to undo');
    expect(await removeUndoably(db, 'not-there')).toBeUndefined();
  });
});
