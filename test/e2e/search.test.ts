import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Launched } from '../helpers/browser';
import { ROOT } from '../helpers/fixtures';
import { aclPage, SEED, seedAbsPage } from '../helpers/pages';

const ABS = `https://arxiv.org/abs/${SEED.arxivId}`;
const ACL = 'https://aclanthology.org/A00-1031/';
const SHOTS = join(ROOT, 'test/screenshots');
const pages = {
  [ABS]: seedAbsPage(),
  [ACL]: aclPage('A00-1031', 'TnT - A Statistical Part-Of-Speech Tagger'),
};

let browser: Launched;
beforeAll(async () => {
  browser = await launch({ pages });
});
afterAll(() => browser?.close());

const extensionUrl = (path: string) => `chrome-extension://${browser.extensionId}/${path}`;

/** The id of the normal browser window holding the test's pages. */
const mainWindowId = () =>
  browser.worker.evaluate(
    async () => (await chrome.windows.getAll({ windowTypes: ['normal'] }))[0]!.id!,
  );

async function openPopupTab(query = ''): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(extensionUrl(`popup.html${query}`));
  await page.getByTestId('search-input').waitFor();
  return page;
}

describe('the search popup', () => {
  it('finds the seed paper first while "lottery ticket bert" is typed key by key', async () => {
    const page = await openPopupTab();
    const input = page.getByTestId('search-input');
    await expect.poll(() => input.getAttribute('placeholder')).toMatch(/Search 4,684 papers/);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('search-input');
    await page.keyboard.type('lottery ticket bert', { delay: 15 });
    const first = page.getByTestId('search-result').first();
    await expect.poll(() => first.getAttribute('data-paper')).toBe(`arxiv:${SEED.arxivId}`);
    expect(await first.locator('mark').allTextContents()).toEqual(
      expect.arrayContaining(['Lottery', 'Ticket', 'BERT']),
    );
    // Chrome runs the content scripts on the paper sites from install: nothing to ask for
    // (its permissions.contains would say otherwise: only Firefox's build asks).
    expect(await page.getByTestId('site-access').count()).toBe(0);
    await page.close();
  });

  it('reads the search index once, started as its <head> parses, and shows results for ?q=', async () => {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.enable');
    const reads: string[] = [];
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.endsWith('/index/search.bin')) reads.push(e.initiator.type);
    });
    await page.goto(extensionUrl('popup.html?q=lottery%20ticket%20bert'));
    await expect
      .poll(() => page.getByTestId('search-result').first().getAttribute('data-paper'))
      .toBe(`arxiv:${SEED.arxivId}`);
    // The preload link starts the read (the parser); public/search-preload.js and then the
    // modules take that one read: a second would mean the bytes were read twice.
    expect(await page.evaluate(() => globalThis.sidenotesSearchBytes)).toBeNull();
    expect(reads).toEqual(['parser']);
    await page.close();
  });

  it('opens the chosen paper with ↓ and Enter, and clears with Esc', async () => {
    const page = await openPopupTab();
    await page.getByTestId('search-input').fill('part of speech tagger');
    const results = page.getByTestId('search-result');
    await expect.poll(() => results.count()).toBeGreaterThan(1);
    const second = await results.nth(1).getAttribute('data-paper');
    await page.keyboard.press('ArrowDown');
    expect(await results.nth(1).getAttribute('aria-selected')).toBe('true');
    const [opened] = await Promise.all([
      browser.context.waitForEvent('page'),
      page.keyboard.press('Enter'),
    ]);
    const id = second!.slice(second!.indexOf(':') + 1);
    const expected = second!.startsWith('acl:')
      ? `https://aclanthology.org/${id}/`
      : second!.startsWith('openreview:')
        ? `https://openreview.net/forum?id=${id}`
        : `https://arxiv.org/abs/${id}`;
    // The new tab navigates to the paper's page. Playwright's routing of a tab
    // the extension itself creates is unreliable (it may end on an error page),
    // so the proof is the tab's own navigation history, which keeps the URL
    // it went to either way.
    const cdp = await browser.context.newCDPSession(opened);
    const visited = async () =>
      (await cdp.send('Page.getNavigationHistory')).entries.map((e) => e.url);
    await expect.poll(visited).toContain(expected);
    await opened.close();
    await page.getByTestId('search-input').focus();
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('search-input').inputValue()).toBe('');
    expect(await results.count()).toBe(0);
    await page.close();
  });

  it('filters to one source and to human-written summaries, and says when nothing matches', async () => {
    const page = await openPopupTab();
    await page.getByTestId('search-input').fill('lottery');
    await page.getByTestId('source-filter').selectOption('scisummnet');
    await page.getByTestId('no-results').waitFor();
    expect(await page.getByTestId('no-results').textContent()).toContain('clear the filters');
    await page.getByTestId('source-filter').selectOption('shortscience');
    await expect
      .poll(() => page.getByTestId('search-result').first().getAttribute('data-paper'))
      .toBe(`arxiv:${SEED.arxivId}`);
    // Every bundled summary is human-written: the filter keeps them all
    // (the unit tests check it against machine-generated ones).
    const before = await page.getByTestId('search-result').count();
    await page.getByTestId('human-only').check();
    expect(await page.getByTestId('search-result').count()).toBe(before);
    await page.close();
  });

  it('opens on a query, as the context menu does for selected text', async () => {
    const page = await openPopupTab(`?q=${encodeURIComponent('Big Bird transformers')}`);
    expect(await page.getByTestId('search-input').inputValue()).toBe('Big Bird transformers');
    await expect
      .poll(() => page.getByTestId('search-result').first().getAttribute('data-paper'))
      .toBe('arxiv:2007.14062');
    await page.close();
  });

  it("shows the active tab's paper and its summaries", async () => {
    const paper = await browser.context.newPage();
    await paper.goto(ABS);
    await paper.locator('sidenotes-sidebar[data-sidenotes-paper]').waitFor({ state: 'attached' });
    const page = await openPopupTab(`?window=${await mainWindowId()}`);
    await paper.bringToFront();
    await page.reload();
    const current = page.getByTestId('current-paper');
    await current.waitFor();
    expect(await current.textContent()).toContain(SEED.title);
    await current.getByRole('button', { name: /Show 1 summary/ }).click();
    await current.getByTestId('summary-card').waitFor();
    expect(await current.getByTestId('save-button').getAttribute('aria-pressed')).toBe('false');
    await page.setViewportSize({ width: 440, height: 600 });
    await page.getByTestId('search-input').fill('contrastive learning');
    await page.getByTestId('search-result').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'popup-light.png') });
    await page.close();
    await paper.close();
  });
});

describe('the side panel', () => {
  it('follows tab switches between papers', async () => {
    const arxiv = await browser.context.newPage();
    await arxiv.goto(ABS);
    const acl = await browser.context.newPage();
    await acl.goto(ACL);
    await acl.locator('sidenotes-sidebar[data-sidenotes-paper]').waitFor({ state: 'attached' });
    const windowId = await mainWindowId();
    const [panel] = await Promise.all([
      browser.context.waitForEvent('page'),
      browser.worker.evaluate(
        (url) => chrome.windows.create({ url, type: 'popup', width: 420, height: 760 }),
        extensionUrl(`sidepanel.html?window=${windowId}`),
      ),
    ]);
    const title = panel.locator('.paper-title');
    await expect.poll(() => title.textContent()).toBe('TnT - A Statistical Part-Of-Speech Tagger');
    await arxiv.bringToFront();
    await expect.poll(() => title.textContent()).toBe(SEED.title);
    expect(await panel.getByTestId('summary-card').count()).toBe(1);
    await panel.setViewportSize({ width: 420, height: 760 });
    await panel.screenshot({ path: join(SHOTS, 'sidepanel-light.png') });
    // Typing in its search shows results instead of the paper's summaries.
    await panel.getByTestId('search-input').fill('tagger');
    await panel.getByTestId('search-result').first().waitFor();
    expect(await panel.locator('.paper-title').count()).toBe(0);
    await acl.bringToFront();
    await panel.getByTestId('search-input').fill('');
    await expect.poll(() => title.textContent()).toBe('TnT - A Statistical Part-Of-Speech Tagger');
    await panel.close();
    await arxiv.close();
    await acl.close();
  });
});

describe('dark mode', () => {
  it('popup and side panel follow the system colour scheme', async () => {
    const dark = await launch({ pages, colorScheme: 'dark' });
    try {
      const page = await dark.context.newPage();
      await page.setViewportSize({ width: 440, height: 600 });
      await page.goto(`chrome-extension://${dark.extensionId}/popup.html`);
      await page.getByTestId('search-input').fill('lottery ticket');
      await page.getByTestId('search-result').first().waitFor();
      expect(await page.locator('html').evaluate((h) => getComputedStyle(h).backgroundColor)).toBe(
        'rgb(28, 31, 38)',
      );
      await page.screenshot({ path: join(SHOTS, 'popup-dark.png') });
      const paper = await dark.context.newPage();
      await paper.goto(ABS);
      await paper.locator('sidenotes-sidebar[data-sidenotes-paper]').waitFor({ state: 'attached' });
      const windowId = await dark.worker.evaluate(
        async () => (await chrome.windows.getAll({ windowTypes: ['normal'] }))[0]!.id!,
      );
      const panel = await dark.context.newPage();
      await panel.setViewportSize({ width: 420, height: 760 });
      await panel.goto(`chrome-extension://${dark.extensionId}/sidepanel.html?window=${windowId}`);
      await paper.bringToFront();
      await panel.reload();
      await panel.getByTestId('summary-card').waitFor();
      await panel.screenshot({ path: join(SHOTS, 'sidepanel-dark.png') });
      // Save from the side panel, then look at the library page in the dark.
      await panel.getByTestId('save-button').first().click();
      await expect
        .poll(() => panel.getByTestId('save-button').first().getAttribute('aria-pressed'))
        .toBe('true');
      const lib = await dark.context.newPage();
      await lib.setViewportSize({ width: 1200, height: 700 });
      await lib.goto(`chrome-extension://${dark.extensionId}/library.html`);
      await lib.getByTestId('saved-item').first().click();
      await lib.getByTestId('item-detail').waitFor();
      await lib.screenshot({ path: join(SHOTS, 'library-dark.png') });
    } finally {
      await dark.close();
    }
  });
});
