import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_REMINDER_DAYS, useLibrary } from '@/hooks/use-library';
import { announceLibraryChange, library, onLibraryChange } from '@/utils/db/open';
import { exportJson } from '@/utils/library/export';
import { allItems, saveOwnSummary } from '@/utils/library/library';
import { openLibraryDb } from '@/utils/db/stores';
import { browser } from '@/utils/platform/browser';
import { freshIndexedDb } from '../library/helpers';
import { renderHook, settle } from './render-hook';

/**
 * The library page's state over a real (in-memory) IndexedDB: what it
 * shows, what each action writes, the notice it gives, and that every page
 * hears of a change exactly once.
 */
const PAPER = { keys: ['arxiv:2007.12223'], title: 'The Lottery Ticket' };
const toWorker: string[] = [];
let announced = 0;
let stopListening: () => void;

beforeAll(() => freshIndexedDb());
beforeEach(async () => {
  fakeBrowser.reset();
  toWorker.length = 0;
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(async (m) => {
    toWorker.push((m as { type: string }).type);
    return { ok: true, value: { state: 'off', message: 'Sync is off.' } };
  });
  const db = await library();
  for (const store of db.objectStoreNames) await db.clear(store);
  announced = 0;
  stopListening = onLibraryChange(() => announced++);
});
afterEach(async () => {
  stopListening();
  // The page reloads 250 ms after a change: let it finish before the next test clears the store.
  await new Promise((r) => setTimeout(r, 300));
  await settle();
});

/** The page, mounted, once its first load is shown. */
async function libraryPage() {
  const page = renderHook(() => useLibrary(), {});
  await settle();
  await vi.waitFor(() => expect(page.result.current.items).not.toBeNull());
  return page;
}

describe('useLibrary', () => {
  it('shows the library, sync off, and syncs once on opening', async () => {
    const item = await saveOwnSummary(await library(), PAPER, 'Weeks of reading.');
    const { result, unmount } = await libraryPage();
    expect(result.current.items!.map((i) => i.id)).toEqual([item.id]);
    expect(result.current.sync).toBeNull();
    expect(result.current.reminderDays).toBe(DEFAULT_REMINDER_DAYS);
    expect(toWorker).toEqual(['sync:now']);
    unmount();
  });

  it('follows a change another page announces, with one reload for many', async () => {
    const { result, unmount } = await libraryPage();
    const reads = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    const itemReads = () =>
      reads.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'items').length;
    // Written by another page, which announces it three times in a row (an import's batches).
    await saveOwnSummary(await library(), PAPER, 'Written in the side panel.');
    for (let i = 0; i < 3; i++) announceLibraryChange();
    await vi.waitFor(() => expect(result.current.items).toHaveLength(1), { timeout: 2000 });
    expect(itemReads()).toBe(1);
    reads.mockRestore();
    unmount();
  });

  it('saves an edit: says so, announces it once and has sync send it', async () => {
    const item = await saveOwnSummary(await library(), PAPER, 'Weeks of reading.');
    const { result, unmount } = await libraryPage();
    announced = 0;
    await act(() => result.current.save(item, { tags: ['pruning'] }));
    expect(result.current.notice).toEqual({ text: 'Saved.', error: false });
    expect(announced).toBe(1);
    expect(toWorker).toContain('sync:changed');
    expect((await allItems(await library()))[0]!.tags).toEqual(['pruning']);
    unmount();
  });

  it('refuses an edit of a stale copy, says why and shows the library as it is', async () => {
    const item = await saveOwnSummary(await library(), PAPER, 'Weeks of reading.');
    const { result, unmount } = await libraryPage();
    await act(() => result.current.save(item, { tags: ['first'] }));
    announced = 0;
    toWorker.length = 0;
    // The same (now stale) revision again, as a second tab of the page would send it.
    let failure: unknown;
    await act(() => result.current.save(item, { tags: ['second'] }).catch((e) => (failure = e)));
    expect(failure).toBeInstanceOf(Error);
    expect(result.current.notice).toMatchObject({ error: true });
    expect(result.current.notice!.text).toMatch(/changed in another Sidenotes page/);
    expect(announced).toBe(0);
    expect(toWorker).not.toContain('sync:changed');
    await settle();
    expect(result.current.items![0]!.tags).toEqual(['first']);
    unmount();
  });

  it('removes with Undo, and Undo puts the item back', async () => {
    const item = await saveOwnSummary(await library(), PAPER, 'Weeks of reading.');
    const { result, unmount } = await libraryPage();
    announced = 0;
    await act(() => result.current.remove(item));
    expect(result.current.notice).toMatchObject({ text: 'Your summary was deleted.' });
    expect(await allItems(await library())).toEqual([]);
    expect(announced).toBe(1);
    act(() => result.current.notice!.undo!());
    await vi.waitFor(() => expect(result.current.notice?.text).toBe('Put back.'));
    expect((await allItems(await library())).map((i) => i.id)).toEqual([item.id]);
    expect(announced).toBe(2);
    unmount();
  });

  it('imports after a preview: shows the new items at once and says how many', async () => {
    const elsewhere = await openLibraryDb({ name: 'another-browser' });
    const other = await saveOwnSummary(elsewhere, PAPER, 'From another browser.');
    const json = exportJson([other]);
    // jsdom's File cannot read itself (no text()): the browser's can.
    const file = Object.assign(new File([json], 'library.json', { type: 'application/json' }), {
      text: async () => json,
    });
    const { result, unmount } = await libraryPage();
    await act(() => result.current.chooseImport(file));
    expect(result.current.notice).toBeNull();
    expect(result.current.preview?.fresh.map((i) => i.id)).toEqual([other.id]);
    announced = 0;
    act(() => result.current.confirmImport());
    await vi.waitFor(() => expect(result.current.notice?.text).toBe('Imported 1 items.'));
    expect(result.current.preview).toBeNull();
    expect(result.current.items!.map((i) => i.id)).toEqual([other.id]);
    expect(announced).toBe(1);
    unmount();
  });

  it('keeps the reminder interval the user chose', async () => {
    const first = await libraryPage();
    await act(() => first.result.current.setReminderDays(7));
    expect(first.result.current.reminderDays).toBe(7);
    first.unmount();
    const again = await libraryPage();
    // Read after the items: wait for it rather than for the first render.
    await vi.waitFor(() => expect(again.result.current.reminderDays).toBe(7));
    again.unmount();
  });
});
