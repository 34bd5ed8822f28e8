import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveIndex } from '@/scripts/serve-index';
import { shardIdFor } from '@/utils/index-format/format';
import { buildSearchIndex } from '@/utils/search/build';
import { launch, sidebarFrame, type Launched, openSidebar } from '../helpers/browser';
import { ROOT } from '../helpers/fixtures';
import { arxivAbsPage, SEED } from '../helpers/pages';
import { publishIndex, readingGroupLine } from '../helpers/remote-index';

/**
 * Issue 10, findings 4 and 5 in real Chromium: a remote index, served from
 * 127.0.0.1 and added in the options as a reader would, whose shard holds one
 * good summary of a paper beside hostile ones (link schemes, fields of the
 * wrong type, `author: {"toString": 1}`), and whose search file names
 * `data:` and `chrome:` pages.
 */
const ARXIV_ID = '2405.00077';
const PAPER = `https://arxiv.org/abs/${ARXIV_ID}`;
const TITLE = 'A Paper Summarized by Friends and Foes';
const GOOD = 'The good summary: it says what the paper does, and nothing else.';
const GOOD_LINK = `https://lab.example/notes/${ARXIV_ID}`;
const SHOTS = join(ROOT, 'test/screenshots');

/** Kept, with the dangerous field dropped: the card shows, the link does not. */
const NEUTRALISED: Array<[string, Record<string, unknown>]> = [
  ['Neutralised: a javascript: link.', { link: 'javascript:alert(document.domain)' }],
  ['Neutralised: a data: link.', { link: 'data:text/html,<script>alert(1)</script>' }],
  ['Neutralised: a chrome: link.', { link: 'chrome://settings' }],
  [
    'Neutralised: a file: source page and a credentials link.',
    { link: 'https://arxiv.org@evil.example/', source: { url: 'file:///etc/passwd' } },
  ],
];

/** Dropped whole, counted in the index's note. */
const DROPPED: Array<[string, Record<string, unknown>]> = [
  ['Dropped: author is an object.', { author: { toString: 1 } }],
  ['Dropped: label is an object.', { label: { toString: 1 } }],
  ['Dropped: votes is text.', { votes: 'very many' }],
  ['Dropped: date is an object.', { date: { year: 2026 } }],
  ['Dropped: licence is a number.', { source: { licence: 42 } }],
  ['Dropped: kind is unknown.', { source: { kind: 'trusted' } }],
];

const sha256 = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The reading group's index, then its paper's shard and search file rewritten by a foe. */
async function hostileIndex(dir: string) {
  await publishIndex(
    dir,
    [
      readingGroupLine(ARXIV_ID, TITLE, GOOD),
      ...Array.from({ length: 20 }, (_, i) =>
        readingGroupLine(`2301.${20000 + i}`, `Lab paper ${i}`, `Notes ${i}`),
      ),
    ],
    'Hostile lab',
  );
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    shardPrefixLength: number;
    shards: Record<string, { file: string; sha256: string; bytes: number }>;
    search: { file: string; sha256: string; bytes: number };
  };
  const info = manifest.shards[shardIdFor(`arxiv:${ARXIV_ID}`, manifest.shardPrefixLength)]!;
  const shard = JSON.parse(readFileSync(join(dir, info.file), 'utf8')) as {
    entries: Record<string, { entry: { summaries: Array<Record<string, unknown>> } }>;
  };
  const summaries = shard.entries[`arxiv:${ARXIV_ID}`]!.entry.summaries;
  const good = summaries[0]!;
  good.link = GOOD_LINK;
  [...NEUTRALISED, ...DROPPED].forEach(([body, fields], i) => {
    const { source, ...rest } = fields as { source?: object };
    summaries.push({
      ...good,
      id: `foe:${i}`,
      body,
      ...rest,
      source: { ...(good.source as object), ...source },
      // Made own properties below: a prototype key in the record itself.
      __marker__: i,
    });
  });
  const text = JSON.stringify(shard).replace(
    /"__marker__":\d+/g,
    '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}',
  );
  writeFileSync(join(dir, info.file), text);
  Object.assign(info, { sha256: sha256(text), bytes: Buffer.byteLength(text) });

  // The search file: two papers whose page is a data: or chrome: URL.
  const source = { id: 'lab', name: 'Our reading group', kind: 'human' as const };
  const search = buildSearchIndex(
    [
      ['title:hostile search result data', 'data:text/html,<h1>Sign in</h1>'],
      ['title:hostile search result chrome', 'chrome://settings'],
    ].map(([key, url]) => ({
      key: key!,
      paper: { title: key!.slice('title:'.length), authors: [], url: url! },
      summaries: [{ body: 'A summary whose paper page is not a web page.', source }],
    })),
  );
  writeFileSync(join(dir, 'search.bin'), search);
  manifest.search = { file: 'search.bin', sha256: sha256(search), bytes: search.length };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

let browser: Launched;
let server: Server;
let indexUrl: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sidenotes-e2e-hostile-'));
  await hostileIndex(dir);
  server = await serveIndex(dir, 0);
  indexUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await launch({
    pages: {
      [PAPER]: arxivAbsPage(ARXIV_ID, TITLE, ['Ada Lovelace']),
    },
    async route(url, route) {
      if (new URL(url).host.startsWith('127.0.0.1:')) {
        await route.continue();
        return true;
      }
      return false;
    },
  });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

const cards = (page: Page) => sidebarFrame(page).getByTestId('summary-card');

describe('a hostile remote index', () => {
  it('is added and downloaded within its budget, which the options page shows', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByTestId('remote-index-url').fill(indexUrl);
    await options.getByTestId('add-remote-index').click();
    // Bounded reads (a missing element would hold each for Playwright's 30 s), and what the
    // options page and storage held if they never come.
    const text = (id: string) =>
      options
        .getByTestId(id)
        .textContent({ timeout: 500 })
        .catch(() => null);
    const explain = async () =>
      JSON.stringify({
        page: (await options.locator('main, body').first().textContent())?.slice(0, 600),
        stored: await browser.worker.evaluate(() =>
          chrome.storage.local.get(['sources', 'index-status']),
        ),
      });
    await expect
      .poll(() => text('index-stats'), { timeout: 15_000, message: 'index stats' })
      .toMatch(/21 papers · 21 summaries/)
      .catch(async (e: unknown) => {
        throw new Error(`${String(e)}\n${await explain()}`);
      });
    await options.getByTestId('sync-index').click();
    await expect
      .poll(() => options.getByTestId('index-progress').count(), { timeout: 15_000 })
      .toBe(0);
    expect(await options.getByTestId('index-error').count()).toBe(0);
    await expect
      .poll(() => text('index-cache'), { timeout: 15_000, message: 'index cache' })
      .toMatch(/^Kept in this browser: \d+ KB of 100 MB at most/)
      .catch(async (e: unknown) => {
        throw new Error(`${String(e)}\n${await explain()}`);
      });
    await options.close();
  });

  it('shows the good summary, neutralises or drops the hostile ones with a note, and never breaks', async () => {
    // Errors the extension's own frames log (a card that threw logs one); the page's own are its business.
    const errors: string[] = [];
    const page = await browser.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && m.location().url.startsWith('chrome-extension://'))
        errors.push(m.text());
    });
    await page.goto(PAPER);
    await openSidebar(page);
    await cards(page).filter({ hasText: GOOD }).waitFor();
    const status = sidebarFrame(page).locator(
      `[data-testid="source-status"][data-source="index:${indexUrl}"]`,
    );
    // Asking… clears: the index answered, with a note that counts what was dropped.
    await expect.poll(() => status.getAttribute('data-status')).toBe('note');
    expect(await status.getAttribute('data-dropped')).toBe(String(DROPPED.length));
    expect(await status.textContent()).toMatch(
      /^6 summaries from Hostile lab \(127\.0\.0\.1:\d+\) could not be shown: author is not text; label is not text; and 4 other problems\.$/,
    );
    expect(
      await sidebarFrame(page)
        .locator('[data-testid="source-status"][data-status="asking"]')
        .count(),
    ).toBe(0);

    // The good one and the neutralised ones render; the dropped ones do not.
    const texts = await cards(page).allTextContents();
    expect(texts).toHaveLength(1 + NEUTRALISED.length);
    expect(texts[0]).toContain(GOOD);
    for (const [body] of NEUTRALISED)
      expect(
        texts.some((t) => t.includes(body)),
        body,
      ).toBe(true);
    for (const [body] of DROPPED)
      expect(
        texts.some((t) => t.includes(body)),
        body,
      ).toBe(false);
    for (const text of texts) expect(text).toMatch(/by reading group/);
    expect(await sidebarFrame(page).getByTestId('summary-card-failed').count()).toBe(0);

    // Every link in the sidebar is https; none of the hostile schemes is an href anywhere.
    const hrefs = await sidebarFrame(page)
      .locator('a[href]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.filter((h) => h === GOOD_LINK)).toHaveLength(1);
    for (const href of hrefs) expect(href, href).toMatch(/^https:\/\/(?!arxiv\.org@)/);
    // The prototype keys in the records reached nothing.
    expect(
      await sidebarFrame(page)
        .locator('body')
        .evaluate(() => (({}) as Record<string, unknown>).polluted ?? null),
    ).toBeNull();
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'sidebar-hostile-index.png') });
    // The note, where the source list stands under the cards.
    await status.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(SHOTS, 'sidebar-hostile-index-note.png') });
    await page.close();
  });

  it('opens nothing for a search result whose page is a data: or chrome: URL', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.getByTestId('search-input').fill('hostile search result');
    // The bundled index answers too: only the two papers of the hostile search file count here.
    const results = popup.locator(
      '[data-testid="search-result"][data-paper^="title:hostile search result"]',
    );
    await expect.poll(() => results.count()).toBe(2);
    await popup.screenshot({ path: join(SHOTS, 'popup-hostile-search.png') });
    const pagesBefore = browser.context.pages().length;
    const requestsBefore = browser.requests.length;
    const tabs = () => browser.worker.evaluate(async () => (await chrome.tabs.query({})).length);
    const tabsBefore = await tabs();
    await results.nth(0).click();
    await results.nth(1).click();
    await popup.getByTestId('search-input').press('Enter');
    // The popup handled those events (a click opens a tab, if it does, from its handler):
    // a new query after them is answered; then the browser is asked how many tabs it has.
    await popup.getByTestId('search-input').fill(SEED.title);
    await popup
      .locator(`[data-testid="search-result"][data-paper="arxiv:${SEED.arxivId}"]`)
      .waitFor();
    expect(await tabs()).toBe(tabsBefore);
    expect(popup.isClosed()).toBe(false);
    expect(browser.context.pages().length).toBe(pagesBefore);
    for (const p of browser.context.pages())
      expect(p.url(), p.url()).not.toMatch(/^(data:|chrome:\/\/settings|file:)/);
    expect(browser.requests.slice(requestsBefore)).toEqual([]);
    await popup.close();
  });
});
