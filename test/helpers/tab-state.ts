import type { Page, Worker } from 'playwright-core';
import { expect } from 'vitest';
import type { TabState } from '@/utils/core/tab-state';
import { sidebarFrame } from './browser';

/**
 * The worker's state of the tab showing the paper `paperKey`, once it is
 * settled: the page view resolved (its local summaries found, its sources
 * planned and its offers made, all at once) and every source planned has
 * answered. From then on that page view asks nothing more by itself: the
 * positive signal to wait for before checking that something did not happen.
 * With `page`, also until its sidebar shows that state (or a later one).
 */
export async function settledTabState(
  worker: Worker,
  paperKey: string,
  page?: Page,
): Promise<TabState> {
  let state: TabState | undefined;
  await expect
    .poll(
      async () => {
        state = await worker.evaluate(async (key) => {
          const stored = await chrome.storage.session.get(null);
          for (const value of Object.values(stored)) {
            const tab = (value as { state?: TabState }).state;
            if (tab?.paper?.keys[0] === key) return tab;
          }
          return undefined;
        }, paperKey);
        return !!state && state.sources.every((s) => s.status === 'answered');
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  if (page) {
    const root = sidebarFrame(page).locator('html');
    await expect
      .poll(async () => Number(await root.getAttribute('data-revision')), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(state!.revision);
  }
  return state!;
}

/** Whether the worker holds a state for a tab showing the paper `paperKey`. */
export async function holdsTabState(worker: Worker, paperKey: string): Promise<boolean> {
  return worker.evaluate(async (key) => {
    const stored = await chrome.storage.session.get(null);
    return Object.values(stored).some(
      (value) => (value as { state?: TabState }).state?.paper?.keys[0] === key,
    );
  }, paperKey);
}

/**
 * A message from the worker to `page`'s tab and back, sent after whatever the
 * worker had sent it before: 'answered' when a content script listens there,
 * 'no script' when none does (nothing of Sidenotes runs in the page).
 */
export async function tabRoundTrip(worker: Worker, page: Page): Promise<'answered' | 'no script'> {
  await page.bringToFront();
  return worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return chrome.tabs.sendMessage(tab.id, { type: 'test:ping' }, { frameId: 0 }).then(
      () => 'answered' as const,
      (error: unknown) => {
        if (/Receiving end does not exist/i.test(String(error))) return 'no script' as const;
        throw error;
      },
    );
  });
}

/**
 * From now on, the worker notes every `page:visit` it gets (beside its own
 * handler): the page's address and whether the visit carried its metadata
 * (the last of a page load's visits, the one whose "no paper" is final).
 */
export async function noteVisits(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const g = globalThis as { sidenotesTestVisits?: Array<{ url: string; meta: boolean }> };
    if (g.sidenotesTestVisits) return;
    const visits: Array<{ url: string; meta: boolean }> = [];
    g.sidenotesTestVisits = visits;
    chrome.runtime.onMessage.addListener((message: unknown) => {
      const { type, payload } = (message ?? {}) as { type?: unknown; payload?: unknown };
      const visit = (payload ?? {}) as { url?: unknown; meta?: unknown };
      if (type === 'page:visit' && typeof visit.url === 'string')
        visits.push({ url: visit.url, meta: visit.meta !== null });
      return undefined; // the router answers
    });
  });
}

/** The visits noted (noteVisits) from the page at `url`. */
export async function visitsFrom(
  worker: Worker,
  url: string,
): Promise<Array<{ url: string; meta: boolean }>> {
  return worker.evaluate(
    (at) =>
      (
        (globalThis as { sidenotesTestVisits?: Array<{ url: string; meta: boolean }> })
          .sidenotesTestVisits ?? []
      ).filter((v) => v.url === at),
    url,
  );
}
