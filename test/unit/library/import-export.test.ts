import { beforeEach, describe, expect, it } from 'vitest';
import { exportBibtex, exportJson, exportMarkdown } from '@/utils/library/export';
import { commitImport, parseImport, previewImport } from '@/utils/library/import';
import { allItems, saveSummary } from '@/utils/library/library';
import { openLibraryDb } from '@/utils/db/stores';
import { LibraryError } from '@/utils/core/library-item';
import { freshIndexedDb, generateItems, makeSummary } from './helpers';

beforeEach(freshIndexedDb);

const sortById = <T extends { id: string }>(items: T[]) =>
  [...items].sort((a, b) => a.id.localeCompare(b.id));

describe('export → import', () => {
  it.each([1, 2, 3])(
    'gives back exactly the same items (seed %i, 300 generated items)',
    async (seed) => {
      const items = generateItems(300, seed);
      const source = await openLibraryDb({ name: `source-${seed}` });
      const tx = source.transaction('items', 'readwrite');
      await Promise.all([...items.map((i) => tx.store.put(i)), tx.done]);
      const file = exportJson(await allItems(source));

      const target = await openLibraryDb({ name: `target-${seed}` });
      const preview = await previewImport(target, parseImport(file));
      expect(preview.invalid).toEqual([]);
      expect(preview.fresh).toHaveLength(300);
      expect(await commitImport(target, preview)).toBe(300);
      expect(sortById(await allItems(target))).toEqual(sortById(items));
      // Importing the same file again adds nothing.
      const again = await previewImport(target, parseImport(file));
      expect([again.fresh.length, again.present.length]).toEqual([0, 300]);
    },
  );

  it('writes readable Markdown and BibTeX', () => {
    const [item] = generateItems(1);
    const seed = {
      ...item!,
      summary: makeSummary({
        paper: {
          title: 'The Lottery Ticket Hypothesis for Pre-trained BERT Networks',
          authors: ['Tianlong Chen', 'Jonathan Frankle'],
          year: 2020,
          venue: 'NeurIPS 2020',
        },
        paperKeys: ['arxiv:2007.12223'],
      }),
      tags: ['pruning'],
      note: 'Read §4',
    };
    const md = exportMarkdown([seed]);
    expect(md).toContain('## The Lottery Ticket Hypothesis for Pre-trained BERT Networks');
    expect(md).toContain('Tags: `pruning`');
    expect(md).toContain('> **Note:** Read §4');
    const bib = exportBibtex([seed]);
    expect(bib).toMatch(/^@inproceedings\{chen2020lottery,/);
    expect(bib).toContain('eprint = {2007.12223}');
    expect(bib).toContain('doi = {10.48550/arXiv.2007.12223}');
    expect(bib).toContain('author = {Tianlong Chen and Jonathan Frankle}');
  });
});

describe('bad import files leave the library unchanged', () => {
  const good = () =>
    JSON.parse(exportJson(generateItems(3))) as { items: Array<Record<string, unknown>> } & Record<
      string,
      unknown
    >;

  it.each([
    ['not JSON', 'hello', 'not valid JSON'],
    ['truncated', () => exportJson(generateItems(5)).slice(0, 500), 'not valid JSON'],
    ['another JSON file', '{"name": "package"}', 'not a Sidenotes library export'],
    [
      'a newer version',
      () => JSON.stringify({ ...good(), version: 9 }),
      'newer Sidenotes (format 9)',
    ],
    ['no items', () => JSON.stringify({ ...good(), items: 'x' }), 'no list of items'],
  ])('%s is refused whole', async (_name, file, message) => {
    const db = await openLibraryDb();
    await saveSummary(db, makeSummary());
    const before = await allItems(db);
    const text = typeof file === 'function' ? file() : file;
    expect(() => parseImport(text)).toThrow(LibraryError);
    expect(() => parseImport(text)).toThrow(message);
    expect(await allItems(db)).toEqual(before);
  });

  it('lists bad entries with their position and why, and imports none of them', async () => {
    const data = good();
    data.items[1] = {
      ...data.items[1],
      summary: { ...(data.items[1]!.summary as object), body: 'x'.repeat(300_000) },
    };
    data.items.push({ id: 'broken' }, 'junk' as unknown as Record<string, unknown>);
    const parsed = parseImport(JSON.stringify(data));
    expect(parsed.items).toHaveLength(2);
    expect(parsed.invalid).toEqual([
      { entry: 2, reason: 'summary.body is longer than 200,000 characters' },
      { entry: 4, reason: 'summary is missing' },
      { entry: 5, reason: 'not an object' },
    ]);
  });

  it('drops prototype-polluting keys and keeps HTML as inert text', async () => {
    const data = good();
    const polluting =
      '"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}';
    // At the top, in every item and in every summary.
    const hostile = `{${polluting}, ${JSON.stringify(data).slice(1)}`
      .replaceAll('{"id":', `{${polluting}, "id":`)
      .replaceAll('"summary":{', `"summary":{${polluting}, `)
      .replaceAll('"paper":{', `"paper":{${polluting}, `)
      .replaceAll('"source":{', `"source":{${polluting}, `);
    // Two keys in each of: the file, and every item, summary, paper and source.
    expect(hostile.split('polluted').length - 1).toBeGreaterThanOrEqual(
      2 + 2 * 4 * data.items.length,
    );
    const withHtml = hostile.replace(
      /"body":"[^"]*"/,
      '"body":"<img src=x onerror=alert(1)><script>alert(1)</script>"',
    );
    const parsed = parseImport(withHtml);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(parsed.items.some((i) => i.summary.body.includes('<script>'))).toBe(true); // stored as text; rendered sanitized
    expect(parsed.items).toHaveLength(data.items.length);
    for (const item of parsed.items) {
      expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(item.summary)).toBe(Object.prototype);
      expect(JSON.stringify(item)).not.toContain('polluted');
      expect(Object.keys(item).sort()).toEqual([
        'id',
        'kind',
        'note',
        'revision',
        'savedAt',
        'summary',
        'tags',
        'updatedAt',
      ]);
    }
  });

  it('imports all or nothing: a failure midway writes none', async () => {
    const db = await openLibraryDb();
    const items = generateItems(50);
    const preview = await previewImport(db, parseImport(exportJson(items)));
    // Another page saves item 30 between preview and commit with other content: commit skips it.
    await saveSummary(db, { ...items[30]!.summary });
    const originalAdd = IDBObjectStore.prototype.add;
    let calls = 0;
    IDBObjectStore.prototype.add = function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['add']>
    ) {
      if (++calls === 20)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return originalAdd.apply(this, args);
    };
    try {
      await expect(commitImport(db, preview)).rejects.toMatchObject({ code: 'quota' });
    } finally {
      IDBObjectStore.prototype.add = originalAdd;
    }
    expect(await allItems(db)).toHaveLength(1);
    expect(await commitImport(db, preview)).toBe(49);
  });
});

describe('own summaries in a file', () => {
  const file = (items: unknown[]) =>
    JSON.stringify({ format: 'sidenotes-library', version: 1, exportedAt: '', items });
  const ownShaped = (id: string, source: Record<string, unknown>, key = 'arxiv:2007.12223') => ({
    id,
    kind: 'own',
    summary: makeSummary({ id, paperKeys: [key], source: source as never }),
    savedAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    tags: [],
    note: '',
    revision: 1,
  });
  const YOURS = { id: 'you', name: 'Your summary', url: '', licence: 'yours', kind: 'human' };
  const LAB = { id: 'lab', name: 'Your summary', url: '', licence: 'CC0', kind: 'human' };

  it('are own only with their paper’s own-summary id and the own source; others are saved', () => {
    const parsed = parseImport(
      file([
        ownShaped('you:arxiv:2007.12223', YOURS),
        // Marked own by someone else's file: any id, any source.
        ownShaped('lab:1', LAB),
        ownShaped('lab:2', YOURS),
      ]),
    );
    expect(parsed.invalid).toEqual([]);
    expect(parsed.items.map((i) => [i.id, i.kind])).toEqual([
      ['you:arxiv:2007.12223', 'own'],
      ['lab:1', 'saved'],
      ['lab:2', 'saved'],
    ]);
  });

  it('refuses an item that takes an own-summary id without being one', () => {
    const parsed = parseImport(
      file([
        ownShaped('you:arxiv:2007.12223', LAB),
        // The own-summary id of another paper than its own.
        ownShaped('you:arxiv:1406.2661', YOURS),
        { ...ownShaped('you:arxiv:2007.12223', YOURS), kind: 'saved' },
      ]),
    );
    expect(parsed.items).toEqual([]);
    expect(parsed.invalid.map((p) => p.reason)).toEqual(
      Array(3).fill('its id is kept for your own summaries, and it is not one'),
    );
  });
});
