import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXTENSION_ORIGIN,
  inSidebar,
  launch,
  locationOf,
  sidebarPaper,
  sleep,
  waitForPage,
  type FirefoxLaunched,
} from '../helpers/firefox';
import { ROOT } from '../helpers/fixtures';
import { SEED, seedAbsPage } from '../helpers/pages';

const ABS = `https://arxiv.org/abs/${SEED.arxivId}`;
const SHOTS = join(ROOT, 'test/screenshots');

let ff: FirefoxLaunched;
let welcome: Page;
beforeAll(async () => {
  ff = await launch({
    pages: { [ABS]: seedAbsPage() },
    keepWelcome: true,
    // As a Firefox whose user has not granted the paper sites at install…
    grantByDefault: false,
    // …and whose permission prompt, which headless Firefox cannot show, says yes.
    prefs: { 'extensions.webextOptionalPermissionPrompts': false },
  });
  welcome = await waitForPage(ff.browser, `${EXTENSION_ORIGIN}/welcome.html`);
});
afterAll(() => ff?.close());

const accessNotice = (page: Page) =>
  page.$eval('[data-testid="site-access"]', (n) => n.textContent ?? '').catch(() => null);

describe('first run in a Firefox that has not granted the paper sites', () => {
  it('shows no sidebar on a paper, and the popup says what is missing', async () => {
    const page = await ff.newPage();
    await page.goto(ABS);
    await sleep(1500);
    expect(await sidebarPaper(page)).toBeNull();
    const popup = await ff.extensionPage('popup.html');
    await expect.poll(() => accessNotice(popup)).toMatch(/not allowed on paper sites/);
    expect(await popup.$('[data-testid="allow-paper-sites"]')).not.toBeNull();
    await popup.close();
    await page.close();
  });

  it('asks first on the first-run page, with one click, and then the sidebar appears', async () => {
    await expect.poll(() => accessNotice(welcome)).toMatch(/has not allowed Sidenotes/);
    // It is the page's first action: before what Sidenotes does, the sources and the rest.
    const first = await welcome.$eval('main > :nth-child(2)', (n) => n.getAttribute('data-testid'));
    expect(first).toBe('site-access');
    await welcome.screenshot({ path: join(SHOTS, 'firefox-first-run-allow.png') });
    await (await welcome.$('[data-testid="allow-paper-sites"]'))!.click();
    await expect.poll(() => accessNotice(welcome)).toBeNull();
    expect(await locationOf(welcome)).toBe(`${EXTENSION_ORIGIN}/welcome.html`);

    const page = await ff.newPage();
    await page.goto(ABS);
    await expect.poll(() => sidebarPaper(page), { timeout: 15_000 }).toBe(`arxiv:${SEED.arxivId}`);
    expect(
      await inSidebar(page, () => document.querySelectorAll('[data-testid="summary-card"]').length),
    ).toBe(1);
    const popup = await ff.extensionPage('popup.html');
    await popup.waitForSelector('[data-testid="search-input"]');
    await sleep(300);
    expect(await accessNotice(popup)).toBeNull();
  });
});
