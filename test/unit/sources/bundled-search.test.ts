import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSearchIndex } from '@/utils/search/build';
import { BUNDLED_SEARCH_PATH, loadBundledSearch } from '@/utils/sources/bundled-search';
import { ROOT } from '../../helpers/fixtures';

const human = { id: 'shortscience', name: 'ShortScience.org', kind: 'human' as const };
const fileOf = (title: string): ArrayBuffer => {
  const bytes = buildSearchIndex([
    {
      key: 'arxiv:1803.03635',
      paper: { title, authors: [] },
      summaries: [{ body: 'text', source: human }],
    },
  ]);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
};
const titles = (engine: Awaited<ReturnType<typeof loadBundledSearch>>, query: string) =>
  engine.search(query).hits.map((h) => h.doc.title);

describe('the bundled search index, read early by the page (public/search-preload.js)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    globalThis.sidenotesSearchBytes = undefined;
  });

  it('takes the bytes the page started reading, once, without reading the file again', async () => {
    const fetch = vi.fn(async (_url: string) => new Response(fileOf('Read again')));
    vi.stubGlobal('fetch', fetch);
    globalThis.sidenotesSearchBytes = Promise.resolve(fileOf('Lottery tickets'));
    expect(titles(await loadBundledSearch(), 'lottery')).toEqual(['Lottery tickets']);
    expect(fetch).not.toHaveBeenCalled();
    expect(globalThis.sidenotesSearchBytes).toBeNull(); // a late preload reads nothing
    // A second load (a retry) reads the file itself.
    expect(titles(await loadBundledSearch(), 'read')).toEqual(['Read again']);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(BUNDLED_SEARCH_PATH);
  });

  it('reads the file itself when the early read failed, or when there was none', async () => {
    vi.stubGlobal('fetch', async () => new Response(fileOf('Lottery tickets')));
    globalThis.sidenotesSearchBytes = Promise.reject(new Error('read cut short'));
    expect(titles(await loadBundledSearch(), 'lottery')).toEqual(['Lottery tickets']);
    expect(titles(await loadBundledSearch(), 'lottery')).toEqual(['Lottery tickets']);
  });

  it('says the index is missing when the file cannot be read', async () => {
    vi.stubGlobal('fetch', async () => new Response('', { status: 404 }));
    globalThis.sidenotesSearchBytes = Promise.reject(new Error('404'));
    await expect(loadBundledSearch()).rejects.toThrow('the bundled search index is missing (404)');
  });
});

describe('the early readers of the bundled search index', () => {
  // HTML and public/ cannot import BUNDLED_SEARCH_PATH: they name the same file, or the
  // early read is lost without a sign (loadBundledSearch then reads the file a second time).
  const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

  it('name the file that loadBundledSearch reads, and it is packaged', () => {
    expect(existsSync(join(ROOT, 'public', BUNDLED_SEARCH_PATH))).toBe(true);
    for (const page of ['entrypoints/popup/index.html', 'entrypoints/sidepanel/index.html']) {
      const html = read(page);
      expect(html).toContain(`<link rel="preload" href="${BUNDLED_SEARCH_PATH}" as="fetch"`);
      expect(html).toContain('<script async src="/search-preload.js"></script>');
    }
    expect(read('public/search-preload.js')).toContain(`fetch('${BUNDLED_SEARCH_PATH}')`);
  });
});
