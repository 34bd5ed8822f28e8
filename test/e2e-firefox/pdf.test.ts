import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  besideTheTab,
  EXTENSION_ORIGIN,
  launch,
  paperWindowId,
  locationOf,
  waitForPage,
  type FirefoxLaunched,
} from '../helpers/firefox';
import { ROOT } from '../helpers/fixtures';
import { aclPage, minimalPdf, SEED } from '../helpers/pages';

/**
 * PDF tabs and Firefox's own sidebar (sidebar_action), in dark mode. Firefox's
 * PDF viewer runs no content scripts: the worker takes the paper from the
 * tab's address for the popup and the sidebar.
 */
const PDF = `https://arxiv.org/pdf/${SEED.arxivId}v1`;
const ACL = 'https://aclanthology.org/A00-1031/';
/** Another bundled arXiv paper's PDF, loaded in the tab the sidebar follows. */
const OTHER_PDF = 'https://arxiv.org/pdf/2007.13916';
const OTHER_TITLE =
  'Demystifying Contrastive Self-Supervised Learning: Invariances, Augmentations and Dataset Biases';
const SHOTS = join(ROOT, 'test/screenshots');
const DARK_BACKGROUND = 'rgb(28, 31, 38)';

let ff: FirefoxLaunched;
/** The browser window the paper tabs are in. */
let windowId: number;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ff = await launch({
    pages: {
      [PDF]: minimalPdf(SEED.title),
      [OTHER_PDF]: minimalPdf(OTHER_TITLE),
      [ACL]: aclPage('A00-1031', 'TnT - A Statistical Part-Of-Speech Tagger'),
    },
    // Web content and extension pages in the dark colour scheme, as with a dark desktop.
    prefs: { 'layout.css.prefers-color-scheme.content-override': 0, 'ui.systemUsesDarkTheme': 1 },
  });
  windowId = await paperWindowId(ff.browser);
});
afterAll(() => ff?.close());

/** Asks the add-on (from one of its pages) about the tabs at `url`: their ids, titles, badges. */
const tabsAt = (from: Page, url: string) =>
  from.evaluate(async (u) => {
    const b = (globalThis as unknown as { browser: typeof chrome }).browser;
    const tabs = await b.tabs.query({ url: u });
    return Promise.all(
      tabs.map(async (t) => ({
        title: t.title,
        status: t.status,
        badge: await b.action.getBadgeText({ tabId: t.id! }),
      })),
    );
  }, url);

const background = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

describe('an arXiv PDF tab in Firefox', () => {
  it("shows the paper's summaries in the popup, from the tab's address", async () => {
    const pdf = await ff.newPage();
    // Headless Firefox's PDF viewer may never finish loading (Puppeteer waits for it in vain):
    // the tab at the PDF's address, as the add-on sees it, is the signal.
    void pdf.goto(PDF).catch(() => undefined);
    const library = await waitForPage(ff.browser, `${EXTENSION_ORIGIN}/library.html`);
    await expect.poll(async () => (await tabsAt(library, PDF)).length).toBe(1);
    const popup = await besideTheTab(ff.browser, 'popup.html', windowId);
    const current = await popup.waitForSelector('[data-testid="current-paper"]');
    expect(await current!.evaluate((c) => c.textContent)).toContain(SEED.title);
    await popup.click('[data-testid="current-paper"] .current-toggle');
    await popup.waitForSelector('[data-testid="current-paper"] [data-testid="summary-card"]');
    expect(await background(popup)).toBe(DARK_BACKGROUND);
    await popup.setViewport({ width: 440, height: 600 });
    await popup.screenshot({ path: join(SHOTS, 'firefox-pdf-popup-dark.png') });
    // The toolbar badge counts them on the PDF tab too.
    const [tab] = await tabsAt(popup, PDF);
    expect(tab!.badge).toBe('1');
    // No content script ran in the PDF viewer: no sidebar in it, and the tab keeps Firefox's own
    // title (no extension may rename a tab whose page it cannot script).
    expect(pdf.frames().filter((f) => f.url().startsWith('moz-extension:'))).toHaveLength(0);
    expect(tab!.title).not.toContain(SEED.title);
    await popup.close();
  });

  it("Firefox's sidebar page follows the window's active tab, PDF tabs included", async () => {
    const acl = await ff.newPage();
    await acl.goto(ACL);
    // sidebar_action's page (sidepanel.html, the manifest's default_panel).
    const panel = await besideTheTab(ff.browser, 'sidepanel.html', windowId);
    expect(await locationOf(panel)).toContain('sidepanel.html');
    await panel.screenshot({ path: '/tmp/dbg-panel.png' });
    const title = () =>
      panel.evaluate(() => document.querySelector('.paper-title')?.textContent ?? null);
    await expect.poll(title).toBe('TnT - A Statistical Part-Of-Speech Tagger');
    // To the PDF tab opened in the first test.
    const pdf = (await ff.browser.pages()).find((p) => p.url() === PDF);
    await pdf!.bringToFront();
    await expect.poll(title).toBe(SEED.title);
    expect(
      await panel.$$eval('[data-testid="summary-card"]', (cards) =>
        cards.map((c) => c.textContent),
      ),
    ).toEqual([expect.stringContaining('ShortScience.org')]);
    expect(await background(panel)).toBe(DARK_BACKGROUND);
    await panel.setViewport({ width: 420, height: 760 });
    await panel.screenshot({ path: join(SHOTS, 'firefox-sidebar-action-pdf-dark.png') });
    // The tab it follows moves on to another paper's PDF: it follows (no page script told it).
    await acl.bringToFront();
    await expect.poll(title).toBe('TnT - A Statistical Part-Of-Speech Tagger');
    await acl.goto(OTHER_PDF, { waitUntil: 'domcontentloaded' });
    await expect.poll(title).toBe(OTHER_TITLE);
    // Its search works there as in the popup.
    await panel.type('[data-testid="search-input"]', 'tagger', { delay: 10 });
    await panel.waitForSelector('[data-testid="search-result"]');
    await panel.close();
    await acl.close();
  });
});
