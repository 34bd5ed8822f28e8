import { beforeEach, describe, expect, it, vi } from 'vitest';
import { announceLibraryChange } from '@/utils/db/open';
import { openLibraryDb } from '@/utils/db/stores';
import { allItems, saveOwnSummary } from '@/utils/library/library';
import { announcedWrites, toggleSaved } from '@/utils/library/writes';
import { exportJson } from '@/utils/library/export';
import { parseImport, previewImport } from '@/utils/library/import';
import { freshIndexedDb, makeSummary } from './helpers';

/**
 * The library's writes that views show announce their own change, so that
 * the sidebar, the side panel, the library page and the worker's tab states
 * follow without each caller remembering to; a card's save button may touch
 * only the saved copy of itself.
 */
vi.mock('@/utils/db/open', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/utils/db/open')>()),
  announceLibraryChange: vi.fn(),
}));
const announcements = vi.mocked(announceLibraryChange);
let announced = 0;
beforeEach(() => {
  freshIndexedDb();
  announcements.mockReset();
  announcements.mockImplementation(() => void announced++);
  announced = 0;
});

const PAPER = { keys: ['arxiv:2007.12223'], title: 'The Lottery Ticket' };

describe('toggleSaved', () => {
  it('saves a card, then removes its saved copy, announcing each', async () => {
    const db = await openLibraryDb();
    const summary = makeSummary();
    expect(await toggleSaved(db, summary)).toEqual({ ok: true, value: { saved: true } });
    expect((await allItems(db)).map((i) => [i.id, i.kind])).toEqual([[summary.id, 'saved']]);
    expect(announced).toBe(1);
    expect(await toggleSaved(db, summary)).toEqual({ ok: true, value: { saved: false } });
    expect(await allItems(db)).toEqual([]);
    expect(announced).toBe(2);
  });

  it("never removes the user's own summary or another source's item that shares the id", async () => {
    const db = await openLibraryDb();
    const own = await saveOwnSummary(db, PAPER, 'Weeks of reading.');
    const forged = makeSummary({ id: own.id });
    expect(await toggleSaved(db, forged)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    const saved = makeSummary();
    await toggleSaved(db, saved);
    announced = 0;
    const other = makeSummary({
      id: saved.id,
      source: { ...saved.source, id: 'elsewhere' },
    });
    expect(await toggleSaved(db, other)).toMatchObject({ ok: false });
    expect((await allItems(db)).map((i) => i.id).sort()).toEqual([own.id, saved.id].sort());
    expect(announced).toBe(0);
  });

  it('does not let a card create one of your own summaries', async () => {
    const db = await openLibraryDb();
    expect(await toggleSaved(db, makeSummary({ id: 'you:arxiv:2001.00001' }))).toMatchObject({
      ok: false,
    });
    const own = makeSummary();
    expect(await toggleSaved(db, { ...own, source: { ...own.source, id: 'you' } })).toMatchObject({
      ok: false,
    });
    expect(await allItems(db)).toEqual([]);
    expect(announced).toBe(0);
  });
});

describe('announced writes', () => {
  it('announce writing, removing and putting back your own summary', async () => {
    const db = await openLibraryDb();
    const item = await announcedWrites.saveOwnSummary(db, PAPER, 'Weeks of reading.');
    expect(announced).toBe(1);
    await announcedWrites.removeUndoably(db, item.id);
    expect(announced).toBe(2);
    await announcedWrites.undoRemove(db, item.id);
    expect(announced).toBe(3);
    expect((await allItems(db)).map((i) => i.id)).toEqual([item.id]);
  });

  it("announce the library page's edits and imports", async () => {
    const db = await openLibraryDb();
    const item = await saveOwnSummary(db, PAPER, 'Weeks of reading.');
    announced = 0;
    await announcedWrites.updateItem(db, item.id, item.revision, { tags: ['pruning'] });
    expect(announced).toBe(1);
    const elsewhere = await openLibraryDb({ name: 'elsewhere' });
    const other = await saveOwnSummary(elsewhere, { keys: ['arxiv:1706.03762'] }, 'Attention.');
    const file = exportJson([other]);
    const preview = await previewImport(db, parseImport(file));
    expect(await announcedWrites.commitImport(db, preview)).toBe(1);
    expect(announced).toBe(2);
    expect((await allItems(db)).find((i) => i.id === item.id)?.tags).toEqual(['pruning']);
  });

  it('announce nothing when the write fails', async () => {
    const db = await openLibraryDb();
    await expect(announcedWrites.undoRemove(db, 'you:arxiv:2007.12223')).rejects.toThrow();
    expect(announced).toBe(0);
  });
});
