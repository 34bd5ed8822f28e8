import { describe, expect, it } from 'vitest';
import { listedMatches, listedPapers, MAX_LISTED_KEYS } from '@/utils/lookup/listed-papers';
import { generateItems, makeSummary } from '../library/helpers';

/** storage.session as a map. */
function area() {
  const data = new Map<string, unknown>();
  return {
    get: async (key: string) => (data.has(key) ? { [key]: data.get(key) } : {}),
    set: async (items: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(items)) data.set(k, v);
    },
    remove: async (key: string) => void data.delete(key),
  };
}

describe('the papers a listing page listed', () => {
  it('gathers a page view’s batches, starts afresh on a new page, and is bounded', async () => {
    const listed = listedPapers(area());
    await listed.add(7, 'doc-1', ['arxiv:2007.12223', 'arxiv:1406.2661']);
    await listed.add(7, 'doc-1', ['arxiv:1406.2661', 'arxiv:1512.03385']);
    expect(await listed.keys(7)).toEqual([
      'arxiv:2007.12223',
      'arxiv:1406.2661',
      'arxiv:1512.03385',
    ]);
    await listed.add(7, 'doc-2', ['arxiv:1606.03657']);
    expect(await listed.keys(7)).toEqual(['arxiv:1606.03657']);
    const many = Array.from({ length: MAX_LISTED_KEYS + 5 }, (_, i) => `arxiv:2406.${10000 + i}`);
    await listed.add(8, 'doc-3', many);
    expect(await listed.keys(8)).toHaveLength(MAX_LISTED_KEYS);
    await listed.forget(7);
    expect(await listed.keys(7)).toEqual([]);
  });

  it('matches them against the library and the kept feed, own summaries first', () => {
    const items = generateItems(40);
    const saved = items.find((i) => i.kind === 'saved');
    const own = items.find((i) => i.kind === 'own');
    const feed = [makeSummary({ paperKeys: ['arxiv:1406.2661'] })];
    const keys = [saved!.summary.paperKeys[0]!, own!.summary.paperKeys[0]!, 'arxiv:1406.2661'];
    expect(listedMatches(keys, [saved!, own!], feed)).toEqual({
      inLibrary: [
        { key: own!.summary.paperKeys[0], title: own!.summary.paper.title, own: true },
        { key: saved!.summary.paperKeys[0], title: saved!.summary.paper.title, own: false },
      ],
      inFeed: 1,
    });
    expect(listedMatches(['arxiv:9999.99999'], [saved!, own!], feed)).toEqual({
      inLibrary: [],
      inFeed: 0,
    });
  });
});
