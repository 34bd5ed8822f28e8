import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  clickInSidebar,
  confirmWrite,
  importItems,
  launch,
  sidebarAttribute,
  type FirefoxLaunched,
} from '../helpers/firefox';
import { ROOT } from '../helpers/fixtures';
import { SEED, seedAbsPage } from '../helpers/pages';

const ABS = `https://arxiv.org/abs/${SEED.arxivId}`;
const SHOTS = join(ROOT, 'test/screenshots');
const pages = { [ABS]: seedAbsPage() };
const profile = mkdtempSync(join(tmpdir(), 'sidenotes-ff-library-'));
let ff: FirefoxLaunched | undefined;
afterAll(async () => {
  await ff?.close();
  rmSync(profile, { recursive: true, force: true });
});

const texts = (page: Page, testId: string) =>
  page.$$eval(`[data-testid="${testId}"]`, (els) => els.map((e) => e.textContent ?? ''));

describe('the library in Firefox', () => {
  it('finds the seed paper in the popup search', async () => {
    ff = await launch({ pages, install: 'profile', profileDir: profile });
    const popup = await ff.extensionPage('popup.html');
    const input = await popup.waitForSelector('[data-testid="search-input"]');
    await expect
      .poll(() => input!.evaluate((i) => i.getAttribute('placeholder')))
      .toMatch(/Search 4,684 papers/);
    await input!.type('lottery ticket bert', { delay: 10 });
    await expect
      .poll(() => popup.$eval('[data-testid="search-result"]', (r) => r.getAttribute('data-paper')))
      .toBe(`arxiv:${SEED.arxivId}`);
    const marks = await popup.$eval('[data-testid="search-result"]', (r) =>
      [...r.querySelectorAll('mark')].map((m) => m.textContent),
    );
    expect(marks).toEqual(expect.arrayContaining(['Lottery', 'Ticket', 'BERT']));
    // Firefox granted the paper sites at install (its default): nothing to ask for.
    expect(await popup.$('[data-testid="site-access"]')).toBeNull();
    await popup.screenshot({ path: join(SHOTS, 'firefox-popup-search.png') });
    await popup.close();
  });

  it('keeps a summary saved from the sidebar across a restart of Firefox with the same profile', async () => {
    const page = await ff!.newPage();
    await page.goto(ABS);
    await clickInSidebar(page, '[data-testid="save-button"]');
    // Firefox has no Intersection Observer v2: a write from the page's sidebar is confirmed.
    await confirmWrite(page);
    await expect
      .poll(() => sidebarAttribute(page, '[data-testid="save-button"]', 'aria-pressed'))
      .toBe('true');
    const lib = await ff!.extensionPage('library.html');
    await expect
      .poll(() => texts(lib, 'saved-item'))
      .toEqual([expect.stringContaining(SEED.title)]);

    await ff!.close({ keepProfile: true });
    ff = await launch({ pages, install: 'profile', profileDir: profile });
    const again = await ff.newPage();
    await again.goto(ABS);
    // The sidebar says so, and so does the library page.
    await expect
      .poll(() => sidebarAttribute(again, '[data-testid="save-button"]', 'aria-pressed'), {
        timeout: 20_000,
      })
      .toBe('true');
    const after = await ff.extensionPage('library.html');
    await expect
      .poll(() => texts(after, 'saved-item'))
      .toEqual([expect.stringContaining(SEED.title)]);
    await after.screenshot({ path: join(SHOTS, 'firefox-library.png') });
  });

  it('imports a library file: a preview first, then every item', async () => {
    // The Chromium suite's generated items, written by the project's own export.
    const { generateItems } = await import('../unit/library/helpers');
    const { page: lib, preview } = await importItems(ff!, generateItems(200, 7));
    expect(preview).toContain('200 new, 0 already present, 0 invalid');
    // The seed summary saved above, and the 200 imported.
    await expect
      .poll(() => lib.$eval('[data-testid="library-count"]', (c) => c.textContent))
      .toContain('201 items');
    await lib.close();
  });
});
