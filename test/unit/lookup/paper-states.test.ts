// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { PaperRef } from '@/utils/core/paper-ref';
import type { Summary } from '@/utils/core/summary';
import type { SourceAnswer, SourceOffer, TabState } from '@/utils/core/tab-state';
import {
  PaperStates,
  type LocalAnswer,
  type PaperStateDeps,
  type StoredTab,
  type TabStore,
} from '@/utils/lookup/paper-states';

const summary = (id: string, kind: 'human' | 'machine' = 'human', body = id): Summary => ({
  id,
  paperKeys: ['arxiv:2007.12223'],
  paper: { title: 'A paper', authors: [] },
  body,
  format: 'text',
  author: null,
  date: null,
  votes: null,
  link: null,
  source: {
    id: kind === 'human' ? 'seed' : 's2',
    name: 'x',
    url: 'https://x.example',
    licence: 'CC BY 4.0',
    kind,
  },
});

const REF: PaperRef = { keys: ['arxiv:2007.12223'], url: 'https://arxiv.org/abs/2007.12223' };

/** A storage.session stand-in that survives a "worker stop" (a new PaperStates). */
function memoryStore(): TabStore & { data: Map<number, StoredTab> } {
  const data = new Map<number, StoredTab>();
  return {
    data,
    read: async (tabId) => structuredClone(data.get(tabId)),
    write: async (tab) => void data.set(tab.state.tabId, structuredClone(tab)),
    remove: async (tabId) => void data.delete(tabId),
  };
}

interface Harness {
  deps: PaperStateDeps;
  lookups: string[][];
  asks: string[];
  /** The sources asked once ("Ask once"), in order. */
  onceAsks: string[];
  /** Live sources switched on: planned when they can answer, else offered. */
  enabled: Set<string>;
  changes: TabState[];
  /** Resolves the oldest pending ask of a source. */
  answer(sourceId: string, answer?: Partial<SourceAnswer>): void;
}

function harness(store: TabStore, local: Summary[] = [summary('local')]): Harness {
  const lookups: string[][] = [];
  const asks: string[] = [];
  const onceAsks: string[] = [];
  const enabled = new Set<string>();
  const changes: TabState[] = [];
  /** Hugging Face answers for arXiv papers; OpenReview for any paper with a title. */
  const live = (ref: PaperRef) => [
    ...(ref.keys.some((k) => k.startsWith('arxiv:')) ? ['hf'] : []),
    ...(ref.title ? ['openreview'] : []),
  ];
  const offer = (id: string): SourceOffer => ({
    id,
    name: id,
    kind: 'machine',
    what: `${id} summaries`,
    sends: [`the paper's id, to ${id}`],
    origins: [`https://${id}.example/*`],
  });
  const pending = new Map<string, Array<(a: SourceAnswer) => void>>();
  const deps: PaperStateDeps = {
    async lookupLocal(ref): Promise<LocalAnswer> {
      lookups.push([...ref.keys]);
      const bundled = ref.keys.includes('arxiv:2007.12223') ? local : [];
      return { lists: [[], bundled, []], errors: [], publicCount: bundled.length };
    },
    plan: async (ref) => [
      { id: 's2', name: 'Semantic Scholar' },
      ...(ref.keys.some((k) => k.startsWith('doi:')) ? [{ id: 'crossref', name: 'By DOI' }] : []),
      ...live(ref)
        .filter((id) => enabled.has(id))
        .map((id) => ({ id, name: id })),
    ],
    offers: async (ref) =>
      live(ref)
        .filter((id) => !enabled.has(id))
        .map(offer),
    ask: (_ref, id, _force, once) => {
      asks.push(id);
      if (once) onceAsks.push(id);
      return new Promise((resolve) => pending.set(id, [...(pending.get(id) ?? []), resolve]));
    },
    store,
    onChange: (state) => changes.push(structuredClone(state)),
  };
  return {
    deps,
    lookups,
    asks,
    onceAsks,
    enabled,
    changes,
    answer(id, answer = {}) {
      // The oldest pending ask of that source answers first.
      pending.get(id)!.shift()!({
        id,
        name: id,
        summaries: [],
        note: null,
        failed: false,
        ...answer,
      });
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('one paper state per tab', () => {
  it('looks a page view up once, and a second view reads the same state without another look-up or ask', async () => {
    const h = harness(memoryStore());
    const papers = new PaperStates(h.deps);
    expect(await papers.detected(7, REF, 'v1')).toMatchObject({ count: 1 });
    const first = await papers.get(7);
    const second = await papers.get(7);
    expect(second).toEqual(first);
    expect(h.lookups).toHaveLength(1);
    expect(h.asks).toEqual(['s2']);
    expect(papers.stats).toEqual({ lookups: 1, asks: 1 });
    expect(first!.sources).toEqual([{ id: 's2', name: 'Semantic Scholar', status: 'asking' }]);
  });

  it('merges each source as it answers, machine-generated below human, in one list', async () => {
    const h = harness(memoryStore());
    const papers = new PaperStates(h.deps);
    await papers.detected(7, REF, 'v1');
    h.answer('s2', { summaries: [summary('tldr', 'machine'), summary('dup', 'human', 'local')] });
    await settle();
    const state = (await papers.get(7))!;
    expect(state.summaries.map((s) => s.id)).toEqual(['local', 'tldr']);
    expect(state.sources[0]).toMatchObject({ status: 'answered' });
    expect(h.changes.at(-1)!.revision).toBeGreaterThan(h.changes[0]!.revision);
  });

  it('extends the same page view with the metadata’s new keys only, asking only newly possible sources', async () => {
    const h = harness(memoryStore());
    const papers = new PaperStates(h.deps);
    await papers.detected(7, REF, 'v1');
    const withDoi = { ...REF, keys: [...REF.keys, 'doi:10.1/x'], title: 'A paper' };
    await papers.detected(7, withDoi, 'v1');
    expect(h.lookups).toEqual([['arxiv:2007.12223'], ['doi:10.1/x']]);
    expect(h.asks).toEqual(['s2', 'crossref']);
    expect(papers.stats.lookups).toBe(1);
    expect((await papers.get(7))!.paper!.title).toBe('A paper');
  });

  it('starts again for a new page view, and drops answers meant for the old one', async () => {
    const h = harness(memoryStore());
    const papers = new PaperStates(h.deps);
    await papers.detected(7, REF, 'v1');
    await papers.detected(7, REF, 'v2');
    h.answer('s2', { summaries: [summary('late', 'machine')] });
    await settle();
    const state = (await papers.get(7))!;
    expect(state.view).toBe('v2');
    expect(state.summaries.map((s) => s.id)).toEqual(['local']);
    expect(papers.stats.lookups).toBe(2);
  });

  it('keeps the state when the worker is stopped mid-stream, and asks again only the unanswered source', async () => {
    const store = memoryStore();
    const before = harness(store);
    const first = new PaperStates(before.deps);
    await first.detected(7, { ...REF, keys: [...REF.keys, 'doi:10.1/x'] }, 'v1');
    before.answer('crossref', { summaries: [summary('by-doi')] });
    await settle();
    // Chrome stops the worker: memory is gone, storage.session is not.
    const after = harness(store);
    const restarted = new PaperStates(after.deps);
    const state = (await restarted.get(7))!;
    expect(state.summaries.map((s) => s.id).sort()).toEqual(['by-doi', 'local']);
    expect(after.lookups).toEqual([]);
    expect(after.asks).toEqual(['s2']);
    after.answer('s2', { summaries: [summary('tldr', 'machine')] });
    await settle();
    expect((await restarted.get(7))!.summaries.map((s) => s.id)).toEqual([
      'local',
      'by-doi',
      'tldr',
    ]);
    expect(after.asks).toEqual(['s2']);
  });

  it('retries one source on request, and says so when the source is unknown', async () => {
    const h = harness(memoryStore());
    const papers = new PaperStates(h.deps);
    await papers.detected(7, REF, 'v1');
    h.answer('s2', { failed: true, note: 'did not answer' });
    await settle();
    expect(await papers.retry(7, 's2')).toBe(true);
    expect((await papers.get(7))!.sources[0]!.status).toBe('asking');
    expect(h.asks).toEqual(['s2', 's2']);
    expect(await papers.retry(7, 'nope')).toBe(false);
  });

  it('asks remote sources for at most 5 page views a minute per tab, then offers Retry', async () => {
    const h = harness(memoryStore());
    let now = 1_000_000;
    const papers = new PaperStates(h.deps, () => now);
    for (let i = 0; i < 30; i++) {
      await papers.detected(7, { ...REF, keys: [`arxiv:2401.${10000 + i}`] }, `v${i}`);
    }
    expect(h.asks).toHaveLength(5);
    const held = (await papers.get(7))!;
    expect(held.sources[0]).toMatchObject({ status: 'answered', answer: { failed: true } });
    expect(await papers.retry(7, 's2')).toBe(true);
    expect(h.asks).toHaveLength(6);
    // Another tab has its own allowance, and a minute later this one asks again.
    await papers.detected(8, REF, 'w1');
    expect(h.asks).toHaveLength(7);
    now += 61_000;
    await papers.detected(7, REF, 'v-later');
    expect(h.asks).toHaveLength(8);
  });

  // Security review finding: a page could reset its tab's allowance of source asks
  // by visiting a page that is not a paper in between.
  it('keeps counting asks across "not a paper" visits; only closing the tab resets it', async () => {
    const h = harness(memoryStore());
    const papers = new PaperStates(h.deps, () => 1_000_000);
    for (let i = 0; i < 30; i++) {
      await papers.detected(7, { ...REF, keys: [`arxiv:2101.${10000 + i}`] }, `v${i}`);
      await papers.clear(7); // the page's next "visit" to a listing page
    }
    expect(h.asks).toHaveLength(5);
    await papers.forget(7);
    await papers.detected(7, { ...REF, keys: ['arxiv:2101.09999'] }, 'after');
    expect(h.asks).toHaveLength(6);
  });

  it('keeps working in memory when storage.session is full', async () => {
    const store = memoryStore();
    store.write = async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    const h = harness(store);
    const papers = new PaperStates(h.deps);
    expect(await papers.detected(7, REF, 'v1')).toMatchObject({ count: 1 });
    expect((await papers.get(7))!.summaries).toHaveLength(1);
  });
});

describe('sources offered where the need is felt', () => {
  it('offers the sources that could answer but are off; Ask once asks one for this page view only', async () => {
    const h = harness(memoryStore(), []);
    const papers = new PaperStates(h.deps);
    expect(await papers.detected(7, REF, 'v1')).toMatchObject({ count: 0 });
    let state = (await papers.get(7))!;
    expect(state.offers.map((o) => o.id)).toEqual(['hf']);
    expect(state.offers[0]).toMatchObject({ kind: 'machine', sends: ["the paper's id, to hf"] });
    expect(h.asks).toEqual(['s2']);

    expect(await papers.askOnce(7, 'hf')).toBe(true);
    state = (await papers.get(7))!;
    expect(state.offers).toEqual([]);
    expect(state.sources.find((s) => s.id === 'hf')).toEqual({
      id: 'hf',
      name: 'hf',
      once: true,
      origins: ['https://hf.example/*'],
      status: 'asking',
    });
    expect(h.onceAsks).toEqual(['hf']);
    h.answer('hf', { summaries: [summary('ai', 'machine')] });
    await settle();
    state = (await papers.get(7))!;
    expect(state.summaries.map((s) => s.id)).toEqual(['ai']);
    expect(state.sources.find((s) => s.id === 'hf')).toMatchObject({
      once: true,
      status: 'answered',
    });
    // Asked once, not again: a second click is refused, and nothing is asked.
    expect(await papers.askOnce(7, 'hf')).toBe(false);

    // Nothing is remembered: the next page view (another paper, or a reload) offers it again.
    const other = { keys: ['arxiv:2401.00001'], url: 'https://arxiv.org/abs/2401.00001' };
    await papers.detected(7, other, 'v2');
    state = (await papers.get(7))!;
    expect(state.offers.map((o) => o.id)).toEqual(['hf']);
    expect(state.sources.map((s) => s.id)).toEqual(['s2']);
    expect(h.onceAsks).toEqual(['hf']);
    expect(h.asks).toEqual(['s2', 'hf', 's2']);
  });

  it('refuses to ask once a source this paper does not offer', async () => {
    const h = harness(memoryStore());
    const papers = new PaperStates(h.deps);
    await papers.detected(7, REF, 'v1');
    expect(await papers.askOnce(7, 'openreview')).toBe(false);
    expect(await papers.askOnce(7, 's2')).toBe(false);
    expect(await papers.askOnce(8, 'hf')).toBe(false);
    expect(h.asks).toEqual(['s2']);
  });

  it('plans again after Always ask: the source turned on is asked like any other, and no longer offered', async () => {
    const h = harness(memoryStore());
    const papers = new PaperStates(h.deps);
    await papers.detected(7, REF, 'v1');
    h.enabled.add('hf');
    expect(await papers.replan(7)).toBe(true);
    const state = (await papers.get(7))!;
    expect(state.offers).toEqual([]);
    expect(state.sources.map((s) => [s.id, s.status, s.once])).toEqual([
      ['s2', 'asking', undefined],
      ['hf', 'asking', undefined],
    ]);
    expect(h.asks).toEqual(['s2', 'hf']);
    expect(h.onceAsks).toEqual([]);
    // Planning again asks nothing twice.
    await papers.replan(7);
    expect(h.asks).toEqual(['s2', 'hf']);
  });

  it('extends a page view when its title arrives: a source that asks by title is offered, or asked when on', async () => {
    const h = harness(memoryStore());
    const papers = new PaperStates(h.deps);
    await papers.detected(7, REF, 'v1');
    // The metadata brings the title and no key the URL did not give.
    await papers.detected(7, { ...REF, title: 'A paper with a title', authors: ['Ada'] }, 'v1');
    expect((await papers.get(7))!.offers.map((o) => o.id)).toEqual(['hf', 'openreview']);
    expect(h.lookups).toHaveLength(1);

    const on = harness(memoryStore());
    on.enabled.add('openreview');
    const asking = new PaperStates(on.deps);
    await asking.detected(7, REF, 'v1');
    expect(on.asks).toEqual(['s2']);
    await asking.detected(7, { ...REF, title: 'A paper with a title' }, 'v1');
    expect(on.asks).toEqual(['s2', 'openreview']);
    // The same metadata again changes nothing.
    await asking.detected(7, { ...REF, title: 'A paper with a title' }, 'v1');
    expect(on.asks).toEqual(['s2', 'openreview']);
  });

  it('counts a source newly possible with the metadata against the page views’ limit, not the user’s clicks', async () => {
    const h = harness(memoryStore());
    h.enabled.add('openreview');
    const papers = new PaperStates(h.deps, () => 1_000_000);
    for (let i = 0; i < 8; i++) {
      const ref = { ...REF, keys: [`arxiv:2401.${10000 + i}`] };
      await papers.detected(7, ref, `v${i}`);
      // The title arrives with the metadata: OpenReview (by title) becomes possible.
      await papers.detected(7, { ...ref, title: `Paper number ${i}` }, `v${i}`);
    }
    // Five page views asked (Semantic Scholar, then OpenReview); the rest asked nothing.
    expect(h.asks.filter((id) => id === 'openreview')).toHaveLength(5);
    expect(h.asks).toHaveLength(10);
    const held = (await papers.get(7))!;
    expect(held.sources.map((s) => s.status)).toEqual(['answered', 'answered']);
    // The user's click is not the page's doing: Ask once still asks.
    expect(await papers.askOnce(7, 'hf')).toBe(true);
    expect(h.onceAsks).toEqual(['hf']);
  });

  it('resumes a source asked once after the worker stopped, still once', async () => {
    const store = memoryStore();
    const before = harness(store);
    const first = new PaperStates(before.deps);
    await first.detected(7, REF, 'v1');
    before.answer('s2');
    await first.askOnce(7, 'hf');
    const after = harness(store);
    const restarted = new PaperStates(after.deps);
    await restarted.get(7);
    expect(after.onceAsks).toEqual(['hf']);
  });
});
