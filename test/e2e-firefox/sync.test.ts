import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch as launchChromium, sidebarFrame as chromiumSidebar } from '../helpers/browser';
import {
  clickInSidebar,
  confirmWrite,
  importItems,
  inSidebar,
  launch,
  sidebarFrame,
  testId,
  testIdText,
  type FirefoxLaunched,
} from '../helpers/firefox';
import { ROOT } from '../helpers/fixtures';
import { SEED, seedAbsPage } from '../helpers/pages';
import { confirm, connect, SYNC_PASSPHRASE, syncNow, writeOwn } from '../helpers/sync';
import { startWebDav, type WebDavServer } from '../helpers/webdav-server';
import { generateItems } from '../unit/library/helpers';

/**
 * Sync in Firefox, and across browsers: a reader who writes in Firefox and
 * reads in Chromium (or the other way round) has one library, through a
 * real WebDAV server (rclone) on 127.0.0.1 that only ever sees ciphertext.
 * Firefox's side drives the same options page and test ids as
 * test/e2e/sync.test.ts, which covers the order of events in depth.
 */
const ABS = `https://arxiv.org/abs/${SEED.arxivId}`;
const SHOTS = join(ROOT, 'test/screenshots');
const pages = { [ABS]: seedAbsPage() };
const work = mkdtempSync(join(tmpdir(), 'sidenotes-ff-sync-'));
let server: WebDavServer;
let ff: FirefoxLaunched | undefined;
let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;

beforeAll(async () => {
  server = await startWebDav();
});
afterAll(async () => {
  await ff?.close();
  await chromium?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

const syncState = (page: Page) =>
  page.$eval(testId('sync-status'), (el) => el.getAttribute('data-state')).catch(() => null);

/** The first summary card's text in the Firefox sidebar of the seed paper. */
const firstCard = (page: Page) =>
  inSidebar(page, () => document.querySelector('[data-testid="summary-card"]')?.textContent);

/** Writes the reader's own summary in Firefox's in-page sidebar, confirming the write. */
async function writeOwnInFirefox(page: Page, body: string) {
  await clickInSidebar(page, testId('write-own'));
  const frame = await sidebarFrame(page);
  await frame.waitForSelector(testId('own-body'));
  await frame.type(testId('own-body'), body);
  await clickInSidebar(page, testId('own-save'));
  // No Intersection Observer v2 in Firefox: a write from the page's sidebar is confirmed.
  await confirmWrite(page);
  await expect.poll(() => firstCard(page), { timeout: 15_000 }).toContain(body);
}

/** "Sync now" in Firefox, waiting for a sync begun after the click to end. */
async function syncNowInFirefox(page: Page) {
  const clicked = Date.now();
  await page.click(testId('sync-now'));
  await expect
    .poll(
      () =>
        page.$eval(
          testId('sync-status'),
          (el, after) =>
            ['ok', 'error'].includes(el.getAttribute('data-state') ?? '') &&
            Date.parse(el.getAttribute('data-started-at') ?? '') >= after
              ? el.getAttribute('data-state')
              : null,
          clicked,
        ),
      { timeout: 30_000 },
    )
    .toBe('ok');
}

describe('sync between Firefox and Chromium through a WebDAV folder the reader owns', () => {
  it('Firefox imports and writes, then connects; Chromium connects and shows it; its edit reaches Firefox', async () => {
    // Firefox asks for the server's origin from the Connect click; the test answers "Allow".
    ff = await launch({ pages, prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
    const { page: lib } = await importItems(ff, generateItems(40, 23));
    await expect
      .poll(() => testIdText(lib, 'library-count'), { timeout: 15_000 })
      .toContain('40 items');
    const paper = await ff.newPage();
    await paper.goto(ABS);
    await writeOwnInFirefox(paper, 'Read in Firefox: the tickets survive fine-tuning.');

    const options = await ff.extensionPage('options.html');
    await options.bringToFront();
    await options.waitForSelector(testId('sync-status'));
    await options.type(testId('sync-url'), server.url);
    await options.type(testId('sync-user'), server.user);
    await options.type(testId('sync-password'), server.password);
    await options.type(testId('sync-passphrase'), SYNC_PASSPHRASE);
    await options.click(testId('sync-connect'));
    await options
      .waitForSelector(testId('sync-preview'), { timeout: 30_000 })
      .catch(async (error: unknown) => {
        // The page's own words, beside the failure.
        console.log(
          'sync:',
          await testIdText(options, 'sync-error'),
          await testIdText(options, 'sync-busy'),
        );
        await options.screenshot({ path: join(SHOTS, 'firefox-sync-failed.png'), fullPage: true });
        throw error;
      });
    expect(await testIdText(options, 'sync-preview')).toContain(
      "The folder is empty: this browser's 41 items",
    );
    await options.click(testId('sync-confirm'));
    await expect.poll(() => syncState(options), { timeout: 30_000 }).toBe('ok');
    await expect
      .poll(() => testIdText(options, 'sync-status'), { timeout: 15_000 })
      .toContain('41 items');
    await options.screenshot({ path: join(SHOTS, 'firefox-sync-connected.png'), fullPage: true });

    // Chromium, another profile on the same folder: Firefox's writing is there, first.
    chromium = await launchChromium({ pages, direct: new URL(server.url).origin });
    const chromiumOptions = await connect(chromium, server);
    expect(await confirm(chromiumOptions)).toContain(
      "This browser's 0 items will be merged with the 41 already there",
    );
    const chromiumPaper = await chromium.context.newPage();
    await chromiumPaper.goto(ABS);
    await expect
      .poll(() => chromiumSidebar(chromiumPaper).getByTestId('summary-card').first().textContent())
      .toContain('the tickets survive fine-tuning');
    await chromiumPaper.close();

    // Edited in Chromium, synced; Firefox's next sync brings the edit.
    await writeOwn(chromium, 'Edited in Chromium: the tickets survive fine-tuning, mostly.');
    expect(await syncNow(chromiumOptions)).toBe('ok');
    await options.bringToFront();
    await syncNowInFirefox(options);
    await paper.reload();
    await expect
      .poll(() => firstCard(paper), { timeout: 20_000 })
      .toContain('Edited in Chromium: the tickets survive fine-tuning, mostly.');
  });
});
