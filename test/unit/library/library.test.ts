import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  allItems,
  countItems,
  getDraft,
  latestItems,
  itemsForPaper,
  removeItem,
  saveDraft,
  saveOwnSummary,
  savedIds,
  saveSummary,
  updateItem,
} from '@/utils/library/library';
import { DB_VERSION, MIGRATIONS, openLibraryDb } from '@/utils/db/stores';
import { LibraryError } from '@/utils/core/library-item';
import { freshIndexedDb, generateItems, makeSummary } from './helpers';
import { readSummary, SCHEMA_LIMITS } from '@/utils/core/schema';
import { exportJson } from '@/utils/library/export';
import { parseImport } from '@/utils/library/import';
import { publishInputLines } from '@/utils/index-format/publish';

beforeEach(freshIndexedDb);

describe('the library', () => {
  it('saves a summary with its paper, once, and knows it is saved', async () => {
    const db = await openLibraryDb();
    const summary = makeSummary();
    const first = await saveSummary(db, summary);
    const again = await saveSummary(db, summary);
    expect(again).toEqual(first);
    expect(await allItems(db)).toHaveLength(1);
    expect(first.summary.paper.title).toBe(summary.paper.title);
    expect(await savedIds(db, [summary.id, 'other'])).toEqual(new Set([summary.id]));
    await removeItem(db, summary.id);
    expect(await savedIds(db, [summary.id])).toEqual(new Set());
  });

  it("keeps the user's own summary per paper, first among the paper's items, and drops its draft", async () => {
    const db = await openLibraryDb();
    const paper = {
      keys: ['arxiv:2007.12223', 'title:the lottery ticket'],
      title: 'The Lottery Ticket',
      url: 'https://arxiv.org/abs/2007.12223',
    };
    await saveSummary(db, makeSummary({ paperKeys: ['arxiv:2007.12223'] }));
    await saveDraft(db, 'arxiv:2007.12223', 'draft $x$');
    expect((await getDraft(db, 'arxiv:2007.12223'))?.body).toBe('draft $x$');
    const own = await saveOwnSummary(db, paper, 'My take: $\\sum_i x_i$');
    expect(own.kind).toBe('own');
    expect(own.summary.source.name).toBe('Your summary');
    expect(await getDraft(db, 'arxiv:2007.12223')).toBeUndefined();
    const items = await itemsForPaper(db, ['arxiv:2007.12223']);
    expect(items.map((i) => i.kind)).toEqual(['own', 'saved']);
    const edited = await saveOwnSummary(db, paper, 'Second thoughts');
    expect(edited.revision).toBe(2);
    expect(edited.savedAt).toBe(own.savedAt);
    await expect(saveOwnSummary(db, paper, '   ')).rejects.toThrow('Your summary is empty.');
  });

  it('tags and notes an item; an edit based on an old revision is refused, not lost', async () => {
    const db = await openLibraryDb();
    const item = await saveSummary(db, makeSummary());
    const inSidebar = await updateItem(db, item.id, item.revision, {
      tags: [' reading group ', 'pruning', 'pruning'],
      note: 'Check fig. 3',
    });
    expect(inSidebar.tags).toEqual(['reading group', 'pruning']);
    // The library page still shows revision 1 and edits it:
    const stale = updateItem(db, item.id, item.revision, { note: 'Overwrites?' });
    await expect(stale).rejects.toMatchObject({ code: 'conflict' });
    expect((await allItems(db))[0]!.note).toBe('Check fig. 3');
  });

  it('reports a full disk clearly and leaves the library unchanged', async () => {
    const db = await openLibraryDb();
    await saveSummary(db, makeSummary());
    const before = await allItems(db);
    const put = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    try {
      const failure = saveSummary(db, makeSummary());
      await expect(failure).rejects.toBeInstanceOf(LibraryError);
      await expect(failure).rejects.toMatchObject({ code: 'quota' });
    } finally {
      put.mockRestore();
    }
    expect(await allItems(db)).toEqual(before);
  });

  it('writes nothing of an action whose transaction aborts midway', async () => {
    const db = await openLibraryDb();
    const paper = { keys: ['arxiv:2007.12223'], title: 'T' };
    await saveDraft(db, 'arxiv:2007.12223', 'my draft');
    // The draft delete fails after the item was put: the whole action is undone.
    const del = vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(() => {
      throw new DOMException('Stopped', 'AbortError');
    });
    try {
      await expect(saveOwnSummary(db, paper, 'text')).rejects.toBeInstanceOf(LibraryError);
    } finally {
      del.mockRestore();
    }
    expect(await allItems(db)).toEqual([]);
    expect((await getDraft(db, 'arxiv:2007.12223'))?.body).toBe('my draft');
  });
});

describe('listing', () => {
  it('gives the newest items through the date index, and the count', async () => {
    const db = await openLibraryDb();
    const tx = db.transaction('items', 'readwrite');
    const items = generateItems(40);
    await Promise.all([...items.map((i) => tx.store.put(i)), tx.done]);
    const newest = [...items].sort((a, b) => b.savedAt.localeCompare(a.savedAt)).slice(0, 5);
    expect((await latestItems(db, 5)).map((i) => i.savedAt)).toEqual(newest.map((i) => i.savedAt));
    expect(await countItems(db)).toBe(40);
  });
});

describe('migrations', () => {
  it('are listed once per version', () => {
    expect(DB_VERSION).toBe(MIGRATIONS.length);
  });

  it.each(Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1))(
    'open a version %i database with data, losing nothing',
    async (version) => {
      const name = `library-v${version}`;
      const old = await openLibraryDb({ name, version });
      const summary = makeSummary();
      // Items as that version stored them: version 1 had no tags, note, revision or kind.
      const v1Item = { id: summary.id, summary, savedAt: '2026-01-02T03:04:05.000Z' };
      const full = {
        ...v1Item,
        kind: 'saved',
        tags: [],
        note: '',
        revision: 1,
        updatedAt: v1Item.savedAt,
      };
      await (old as unknown as { put(store: string, v: unknown): Promise<unknown> }).put(
        'items',
        version === 1 ? v1Item : full,
      );
      old.close();
      const db = await openLibraryDb({ name });
      expect(db.version).toBe(DB_VERSION);
      const [item] = await allItems(db);
      expect(item).toEqual(full);
      await expect(updateItem(db, summary.id, 1, { tags: ['kept'] })).resolves.toMatchObject({
        tags: ['kept'],
      });
      expect(await itemsForPaper(db, summary.paperKeys)).toHaveLength(1);
    },
  );
});

describe('your own summary of a page with unruly metadata', () => {
  it('is built by the schema: long authors and titles cut, bidi controls gone; it exports, imports and publishes', async () => {
    const db = await openLibraryDb();
    const everyone = Array.from({ length: 120 }, (_, i) => `Author Number ${i}`).join('; ');
    const item = await saveOwnSummary(
      db,
      {
        keys: ['arxiv:2007.12223'],
        title: `Reversed \u202etxet\u202c and ${'long '.repeat(300)}`,
        authors: [everyone, 'Ada \u202eLovelace'],
        url: 'https://arxiv.org/abs/2007.12223',
      },
      'My notes.',
    );
    const { paper } = item.summary;
    expect(paper.authors[0]!.length).toBe(SCHEMA_LIMITS.authorChars);
    expect(paper.authors[0]!.endsWith('…')).toBe(true);
    expect(paper.authors[1]).toBe('Ada Lovelace');
    expect(paper.title.length).toBe(SCHEMA_LIMITS.titleChars);
    expect(paper.title).not.toMatch(/[\u202a-\u202e]/);
    // What is stored reads back through the strict schema, as an import reads it…
    expect(readSummary(item.summary)).toEqual({ ok: true, summary: item.summary });
    const parsed = parseImport(exportJson(await allItems(db)));
    expect(parsed.invalid).toEqual([]);
    expect(parsed.items).toEqual([item]);
    // …and publishes.
    const published = publishInputLines([item], {
      name: 'Mine',
      author: 'Ada',
      licence: 'CC BY 4.0',
    });
    expect([published.lines.length, published.skipped]).toEqual([1, []]);
  });
});
