// @vitest-environment node
/**
 * What a security review of this round found, each as a test that failed
 * before its fix: a page resetting the tab's allowance of source asks, a
 * remote card deleting the user's own summary, a quadratic DOI trim,
 * direction controls in bylines, and unbounded page keys.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { freshIndexedDb, makeSummary } from '../library/helpers';
import { PaperStates, type PaperStateDeps, type StoredTab } from '@/utils/lookup/paper-states';
import { libraryHandlers } from '@/entrypoints/background/library-handlers';
import { checked } from '@/utils/messaging/router';
import { VIEW_PAYLOADS } from '@/utils/messaging/view-to-worker';
import { library } from '@/utils/db/open';
import { allItems, saveOwnSummary } from '@/utils/library/library';
import { parseDoi } from '@/utils/detect/doi';
import { detectPaper } from '@/utils/detect';
import { readSummary } from '@/utils/core/schema';

describe('a page cannot reset its tab’s allowance of source asks', () => {
  it('keeps counting across "not a paper" visits; only closing the tab resets it', async () => {
    const data = new Map<number, StoredTab>();
    const asks: string[] = [];
    const deps: PaperStateDeps = {
      lookupLocal: async () => ({ lists: [[], [], []], errors: [] }),
      plan: async () => [{ id: 's2', name: 'Semantic Scholar' }],
      offers: async () => [],
      ask: async (_ref: unknown, id: string) => {
        asks.push(id);
        return { id, name: id, summaries: [], note: null, failed: false };
      },
      store: {
        read: async (t: number) => data.get(t),
        write: async (tab: StoredTab) => void data.set(tab.state.tabId, tab),
        remove: async (t: number) => void data.delete(t),
      },
      onChange: () => undefined,
    } as unknown as PaperStateDeps;
    const papers = new PaperStates(deps, () => 1_000_000);
    for (let i = 0; i < 30; i++) {
      await papers.detected(
        7,
        { keys: [`arxiv:2101.${10000 + i}`], url: 'https://arxiv.org/' },
        `v${i}`,
      );
      await papers.clear(7); // the page's next "visit" to a listing page
    }
    expect(asks.length).toBe(5);
    await papers.forget(7);
    await papers.detected(7, { keys: ['arxiv:2101.09999'], url: 'https://arxiv.org/' }, 'after');
    expect(asks.length).toBe(6);
  });
});

describe('a card from outside cannot remove what it is not', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    freshIndexedDb();
  });

  it('refuses to toggle the user’s own summary, or an item of another source with the same id', async () => {
    const db = await library();
    const own = await saveOwnSummary(
      db,
      { keys: ['arxiv:1706.03762'], url: 'https://arxiv.org/abs/1706.03762', title: 'Attention' },
      'My notes.',
    );
    const toggle = checked(VIEW_PAYLOADS, libraryHandlers())['library:toggle-save'];
    const forged = makeSummary({
      id: own.id,
      source: {
        id: 'lab',
        name: 'Your summary',
        url: 'https://lab.example',
        licence: 'x',
        kind: 'human',
      },
    });
    expect(await toggle({ summary: forged }, {})).toMatchObject({ ok: false });
    expect((await allItems(db)).map((i) => i.id)).toEqual([own.id]);
    // A card may not create a "you:" item either.
    const planted = makeSummary({ id: 'you:arxiv:2001.00001' });
    expect(await toggle({ summary: planted }, {})).toMatchObject({ ok: false });
    // An honest card saves and unsaves itself.
    const honest = makeSummary();
    expect(await toggle({ summary: honest }, {})).toEqual({ ok: true, value: { saved: true } });
    const sameIdOtherSource = { ...honest, source: { ...honest.source, id: 'other' } };
    expect(await toggle({ summary: sameIdOtherSource }, {})).toMatchObject({ ok: false });
    expect(await toggle({ summary: honest }, {})).toEqual({ ok: true, value: { saved: false } });
  });
});

describe('page metadata is bounded', () => {
  it('trims trailing punctuation from a DOI in one pass, with the same result', () => {
    expect(parseDoi('10.1234/abc.def).,;')).toBe('10.1234/abc.def');
    const hostile = `10.1234/${'.'.repeat(200_000)}x${'.'.repeat(200_000)}`;
    expect(parseDoi(hostile)).toBeNull(); // not a DOI by the key grammar; and it returns
  });

  it('keeps at most 20 keys and a 1,000-character title from a page', () => {
    const meta: Array<[string, string]> = [
      ['citation_title', 'T'.repeat(5000) + ' and more words'],
      ...Array.from({ length: 300 }, (_, i): [string, string] => ['citation_doi', `10.1234/x${i}`]),
    ];
    const ref = detectPaper('https://arxiv.org/abs/2007.12223', meta)!;
    expect(ref.keys.length).toBeLessThanOrEqual(20);
    expect(ref.title!.length).toBeLessThanOrEqual(1000);
  });
});

describe('outside text cannot reorder the byline', () => {
  it('drops direction overrides and isolates from names and labels', () => {
    const read = readSummary({
      ...makeSummary(),
      author: 'Mallory\u202e)moc.live( xedni',
      label: '\u2066TL;DR\u2069',
    });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.summary.author).toBe('Mallory)moc.live( xedni');
    expect(read.summary.label).toBe('TL;DR');
  });
});
