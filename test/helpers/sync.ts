import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { sidebarFrame, type Launched } from './browser';
import { SEED } from './pages';
import type { WebDavServer } from './webdav-server';

/**
 * Sync driven through the options page of the built extension in Chromium
 * (Playwright), for the sync tests of test/e2e and test/e2e-firefox
 * (whose Firefox side drives the same test ids with Puppeteer).
 */
export const SYNC_PASSPHRASE = 'moss-lantern-orbit-47';
const ABS = `https://arxiv.org/abs/${SEED.arxivId}`;

export async function optionsPage(b: Launched): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html`);
  await page.getByTestId('sync-status').waitFor();
  return page;
}

export const state = (page: Page) => page.getByTestId('sync-status').getAttribute('data-state');

/** Fills the options page's sync form for `server` and clicks Connect. */
export async function connect(b: Launched, server: WebDavServer, passphrase = SYNC_PASSPHRASE) {
  const page = await optionsPage(b);
  await page.getByTestId('sync-url').fill(server.url);
  await page.getByTestId('sync-user').fill(server.user);
  await page.getByTestId('sync-password').fill(server.password);
  await page.getByTestId('sync-passphrase').fill(passphrase);
  await page.getByTestId('sync-connect').click();
  return page;
}

export async function confirm(page: Page) {
  const preview = (await page.getByTestId('sync-preview').textContent({ timeout: 30_000 }))!;
  await page.getByTestId('sync-confirm').click();
  await expect.poll(() => state(page), { timeout: 30_000 }).toBe('ok');
  return preview;
}

/** Clicks "Sync now" and waits for a sync begun after the click to end: 'ok' or 'error'. */
export async function syncNow(page: Page) {
  const clicked = Date.now();
  await page.getByTestId('sync-now').click();
  let settled: { state: string; text: string } | null = null;
  await expect
    .poll(
      async () => {
        // Read at once: the next sync may begin a moment later.
        const now = await page.getByTestId('sync-status').evaluate((el) => ({
          state: el.getAttribute('data-state') ?? '',
          began: Date.parse(el.getAttribute('data-started-at') ?? ''),
          text: el.textContent ?? '',
        }));
        if ((now.state === 'ok' || now.state === 'error') && now.began >= clicked) settled = now;
        return settled !== null;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  const { state: result, text } = settled!;
  // An unexpected error shows its words beside the assertion that fails.
  if (result === 'error') console.log('sync status:', text);
  return result;
}

/**
 * Syncs until the status is `wanted` (at most three times): a sync the
 * worker had begun just before the click may end either way; the next one
 * started after it tells.
 */
export async function syncUntil(page: Page, wanted: 'ok' | 'error') {
  let result: string | null = null;
  for (let i = 0; i < 3 && result !== wanted; i++) result = await syncNow(page);
  return result;
}

/** Writes (or edits) the reader's own summary of the seed paper in its sidebar. */
export async function writeOwn(b: Launched, text: string) {
  const page = await b.context.newPage();
  await page.goto(ABS);
  const frame = sidebarFrame(page);
  const edit = frame.getByTestId('edit-own');
  await Promise.race([edit.waitFor(), frame.getByTestId('write-own').waitFor()]);
  if (await edit.count()) await edit.click();
  else await frame.getByTestId('write-own').click();
  await frame.getByTestId('own-body').fill(text);
  await frame.getByTestId('own-save').click();
  await expect
    .poll(() => frame.getByTestId('summary-card').first().textContent(), { timeout: 15_000 })
    .toContain(text);
  await page.close();
}
