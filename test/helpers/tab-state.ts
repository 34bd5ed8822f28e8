import type { Page, Worker } from 'playwright-core';
import { expect } from 'vitest';
import type { TabState } from '../../utils/core/tab-state';
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
