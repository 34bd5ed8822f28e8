// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { PaperRef } from '@/utils/core/paper-ref';
import { emptyTabState, type TabState } from '@/utils/core/tab-state';
import { fromAddress, stateWithTabUrl } from '@/utils/lookup/tab-url';

const PDF = 'https://arxiv.org/pdf/2007.12223v2';
const ABS = 'https://arxiv.org/abs/2007.12223';

/** A PaperStates stand-in: one tab's state, and the page views it was asked to resolve. */
function papers(initial?: PaperRef, view = 'page-view') {
  let state: TabState | undefined = initial
    ? { ...emptyTabState(1), view, paper: initial }
    : undefined;
  const resolved: Array<{ key: string; view: string }> = [];
  return {
    resolved,
    get: async () => state,
    async detected(tabId: number, ref: PaperRef, v: string) {
      resolved.push({ key: ref.keys[0]!, view: v });
      state = { ...emptyTabState(tabId), view: v, paper: ref };
      return { count: 0, publicCount: 0 };
    },
  };
}

describe('stateWithTabUrl', () => {
  it("resolves a tab no page script spoke for (Firefox's PDF viewer) from its address", async () => {
    const p = papers();
    const state = await stateWithTabUrl(p, async () => PDF)(1);
    expect(state?.paper?.keys[0]).toBe('arxiv:2007.12223');
    expect(p.resolved).toEqual([{ key: 'arxiv:2007.12223', view: `url:${PDF}` }]);
  });

  it("keeps the page's own state for the same paper or address: it asks nothing again", async () => {
    const fromPage = papers({ keys: ['arxiv:2007.12223', 'title:x'], url: ABS, title: 'X' });
    const state = await stateWithTabUrl(fromPage, async () => PDF)(1);
    expect(state?.view).toBe('page-view');
    expect(fromPage.resolved).toEqual([]);
    // An OpenReview page whose metadata names its arXiv twin first: its own address.
    const OR = 'https://openreview.net/forum?id=rJlnfaNYvB';
    const twin = papers({ keys: ['arxiv:1910.12385', 'openreview:rJlnfaNYvB'], url: OR });
    await stateWithTabUrl(twin, async () => OR)(1);
    expect(twin.resolved).toEqual([]);
  });

  it("replaces an earlier page's paper when the tab moved to another paper's PDF", async () => {
    const p = papers({ keys: ['arxiv:2004.10162'], url: 'https://arxiv.org/abs/2004.10162' });
    const state = await stateWithTabUrl(p, async () => PDF)(1);
    expect(state?.paper?.keys[0]).toBe('arxiv:2007.12223');
  });

  it('leaves tabs whose address names no paper, or that it may not read, as they are', async () => {
    for (const url of ['https://example.com/a.pdf', undefined]) {
      const p = papers();
      expect(await stateWithTabUrl(p, async () => url)(1)).toBeUndefined();
      expect(p.resolved).toEqual([]);
    }
  });
});

describe('fromAddress', () => {
  it('tells a state read from the address from one a page script reported', async () => {
    const p = papers();
    const state = await stateWithTabUrl(p, async () => PDF)(1);
    expect(fromAddress(state)).toBe(true);
    expect(fromAddress({ ...emptyTabState(1), view: 'page-view' })).toBe(false);
    expect(fromAddress(undefined)).toBe(false);
  });
});
