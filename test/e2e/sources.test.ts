import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveIndex } from '@/scripts/serve-index';
import {
  badgeText,
  launch,
  sidebarFrame,
  type Launched,
  shellPart,
  sidebarState,
  openSidebar,
} from '../helpers/browser';
import { ROOT } from '../helpers/fixtures';
import { arxivAbsPage, openReviewPage, SEED, seedAbsPage } from '../helpers/pages';
import { publishIndex, readingGroupLine } from '../helpers/remote-index';
import { semanticScholarPaper } from '../helpers/semantic-scholar';
import { settledTabState } from '../helpers/tab-state';
import { MAX_ASKING_VIEWS_PER_MINUTE } from '@/utils/lookup/paper-states';

/**
 * Remote sources end to end, with local HTTP servers standing in for the
 * remote hosts: a remote index served by `serve:index` on 127.0.0.1, and a
 * stand-in for Semantic Scholar and ShortScience that their real addresses
 * are routed to. Every request the browser makes is recorded.
 */
const ABS = `https://arxiv.org/abs/${SEED.arxivId}`;
const UNSUMMARIZED = 'https://arxiv.org/abs/2401.00001';
const COUNTED = 'https://arxiv.org/abs/2403.00003';
const RESTLESS = 'https://arxiv.org/abs/2404.00100';
const FEED_PAPER = 'https://arxiv.org/abs/2402.00002';
const LAB_PAPER = 'https://arxiv.org/abs/2301.10005';
const FEED_TITLE = 'Sparse Lattice Attention for Long Documents';
const REMOTE_ONLY = 'Only the reading group index has this summary of the paper.';
const S2_TLDR = 'This paper finds sparse trainable subnetworks in pre-trained BERT.';
const SHOTS = join(ROOT, 'test/screenshots');
const SOURCE_HOSTS = [
  '127.0.0.1',
  'api.semanticscholar.org',
  'www.shortscience.org',
  'api2.openreview.net',
  'api.openreview.net',
  'huggingface.co',
];

const STOOD_IN = SOURCE_HOSTS.slice(1);
const UNSUMMARIZED_ID = '2401.00001';
const HF_AI = 'An AI summary: nobody had summarized this paper yet.';
const OLD_FORUM = 'https://openreview.net/forum?id=B1xOldVenue';
const OLD_TLDR = 'An older venue keeps its TL;DR in API v1.';
const BUNDLED_FORUM = 'https://openreview.net/forum?id=rJlnfaNYvB';
/** SciTLDR (bundled) has this author TL;DR too: it must show once. */
const BUNDLED_TLDR =
  'We devise adaptive loss scaling to improve mixed precision training that surpass the state-of-the-art results.';

/** What OpenReview's two APIs hold: the new forum in v2 (values wrapped), the old one in v1 only. */
function openReviewNotes(api: string, forum: string) {
  if (api === 'api2' && forum === 'rJlnfaNYvB')
    return {
      notes: [
        {
          id: forum,
          forum,
          license: 'CC BY 4.0',
          content: {
            title: { value: 'Adaptive Loss Scaling for Mixed Precision Training' },
            TLDR: { value: BUNDLED_TLDR },
          },
        },
      ],
    };
  if (api === 'api' && forum === 'B1xOldVenue')
    return {
      notes: [{ id: forum, forum, content: { title: 'An Old Venue Paper', 'TL;DR': OLD_TLDR } }],
    };
  return { notes: [] };
}

let browser: Launched;
let indexServer: Server;
let indexUrl: string;
let standIn: Server;
let standInUrl: string;
/** How the stand-in answers Semantic Scholar for an arXiv id: a TLDR, or an HTTP status. */
const s2Answers = new Map<string, 'tldr' | 'slow' | number>();

const lab = readingGroupLine;

const feedXml = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:shortscience="https://www.shortscience.org/rss"><channel>
<title>ShortScience.org</title>
<item><title>${FEED_TITLE}</title><author>ada</author>
<description><![CDATA[Attention restricted to a **sparse lattice** keeps long documents tractable: $O(n \\sqrt n)$.]]></description>
<pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate>
<link>https://www.shortscience.org/paper?bibtexKey=journals/corr/2402.00002#ada</link>
<guid>https://www.shortscience.org/paper?bibtexKey=journals/corr/2402.00002#ada</guid>
<shortscience:arxivid>2402.00002</shortscience:arxivid><shortscience:votes>4</shortscience:votes></item>
</channel></rss>`;

/** Waits on the index host, the worker and the page, which a loaded CI machine can slow past vitest's 1 s. */
const LOADED = { timeout: 15_000 };

function s2Body(arxivId: string) {
  const title = arxivId === SEED.arxivId ? SEED.title : 'A Paper Nobody Has Summarized Yet';
  return semanticScholarPaper(arxivId, title, S2_TLDR);
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sidenotes-e2e-index-'));
  await publishIndex(
    dir,
    [
      lab(SEED.arxivId, SEED.title, REMOTE_ONLY),
      ...Array.from({ length: 40 }, (_, i) =>
        lab(`2301.${10000 + i}`, `Lab paper ${i}`, `Notes ${i}`),
      ),
    ],
    'Reading group',
  );
  indexServer = await serveIndex(dir, 0);
  indexUrl = `http://127.0.0.1:${(indexServer.address() as AddressInfo).port}/`;

  // Requests to the real hosts arrive as /<host><path>.
  standIn = createServer((req, res) => {
    const path = req.url ?? '/';
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    if (path === '/www.shortscience.org/rss-full.xml') {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: '"feed-1"' });
      return res.end(req.headers['if-none-match'] === '"feed-1"' ? undefined : feedXml);
    }
    const forum = /^\/(api2?)\.openreview\.net\/notes\?forum=(.+)$/.exec(path);
    if (forum) return json(200, openReviewNotes(forum[1]!, forum[2]!));
    const hf = /^\/huggingface\.co\/api\/papers\/(.+)$/.exec(path)?.[1];
    if (hf === UNSUMMARIZED_ID)
      return json(200, { id: hf, title: 'A Paper Nobody Has Summarized Yet', ai_summary: HF_AI });
    if (hf) return json(404, { error: 'Not Found' });
    const id = /^\/api\.semanticscholar\.org\/graph\/v1\/paper\/arXiv:([^?]+)/.exec(path)?.[1];
    const answer = id ? s2Answers.get(id) : undefined;
    if (answer === 'tldr' || answer === 'slow') {
      const reply = () =>
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(s2Body(id!));
      return void setTimeout(reply, answer === 'slow' ? 2500 : 0);
    }
    json(typeof answer === 'number' ? answer : 404, { error: 'Paper not found' });
  });
  await new Promise<void>((done) => standIn.listen(0, '127.0.0.1', done));
  standInUrl = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`;

  browser = await launch({
    pages: {
      [ABS]: seedAbsPage(),
      [UNSUMMARIZED]: arxivAbsPage('2401.00001', 'A Paper Nobody Has Summarized Yet', ['A. B.']),
      [COUNTED]: arxivAbsPage('2403.00003', 'A Paper Seen From Three Views', ['C. D.']),
      // A page that rewrites its URL to 30 other papers, one after another.
      [RESTLESS]: arxivAbsPage('2404.00100', 'A Restless Page', ['E. F.']).replace(
        '</body>',
        `<script>let i = 0; const t = setInterval(() => { history.pushState({}, '', '/abs/2404.' + String(101 + i).padStart(5, '0')); if (++i === 30) clearInterval(t); }, 30);</script></body>`,
      ),
      [FEED_PAPER]: arxivAbsPage('2402.00002', FEED_TITLE, ['Ada Lovelace']),
      [LAB_PAPER]: arxivAbsPage('2301.10005', 'Lab paper 5', ['B. C.']),
      [OLD_FORUM]: openReviewPage('B1xOldVenue', 'An Old Venue Paper'),
      [BUNDLED_FORUM]: openReviewPage(
        'rJlnfaNYvB',
        'Adaptive Loss Scaling for Mixed Precision Training',
      ),
    },
    async route(url, route) {
      const { host, pathname, search } = new URL(url);
      if (host.startsWith('127.0.0.1:')) {
        await route.continue();
        return true;
      }
      if (STOOD_IN.includes(host)) {
        // The stand-in answers under the real address (status, headers and body).
        const response = await route.fetch({ url: `${standInUrl}/${host}${pathname}${search}` });
        await route.fulfill({ response });
        return true;
      }
      return false;
    },
  });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  indexServer?.close();
  standIn?.close();
});

const requestsTo = (host: string, since = 0) =>
  browser.requests.slice(since).filter((r) => new URL(r).host.split(':')[0] === host);

async function openOptions(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.getByTestId('source-row').first().waitFor();
  return page;
}

/**
 * Opens a paper page, and its sidebar if it did not open by itself: it
 * does only for papers the bundled index has (public knowledge), since the
 * page can see it open.
 */
async function openPaper(url: string, { open = true } = {}): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  if (open) await openSidebar(page);
  return page;
}

const cards = (page: Page) => sidebarFrame(page).getByTestId('summary-card');

describe('remote sources', () => {
  it('are all off by default, and then nothing leaves the browser', async () => {
    const options = await openOptions();
    // Every source's switch (the images preference beside them is on by default, and sends nothing by itself).
    const toggles = await options.locator('[data-testid^="source-toggle-"]').all();
    expect(toggles.length).toBeGreaterThanOrEqual(4);
    for (const toggle of toggles) expect(await toggle.isChecked()).toBe(false);
    await options.close();
    const page = await openPaper(ABS);
    await expect.poll(() => cards(page).count()).toBe(1);
    // The page view settled with nothing planned: nothing will be asked.
    expect((await settledTabState(browser.worker, `arxiv:${SEED.arxivId}`)).sources).toEqual([]);
    for (const host of SOURCE_HOSTS) expect(requestsTo(host), host).toEqual([]);
    await page.close();
  });

  it('are not asked when switched on without the browser’s permission either', async () => {
    // As if the permission were taken back in the browser's settings after the switch was on.
    const settings = { enabled: {}, remoteIndexes: ['https://lab.example/index/'] };
    await browser.worker.evaluate((s) => chrome.storage.local.set({ sources: s }), settings);
    const page = await openPaper(ABS);
    await expect.poll(() => cards(page).count()).toBe(1);
    expect((await settledTabState(browser.worker, `arxiv:${SEED.arxivId}`, page)).sources).toEqual(
      [],
    );
    expect(requestsTo('lab.example')).toEqual([]);
    expect(
      await sidebarFrame(page).getByTestId('source-status').count(),
      'nothing planned, nothing shown',
    ).toBe(0);
    await page.close();
    await browser.worker.evaluate(() => chrome.storage.local.remove('sources'));
  });

  it('reads a remote index added in the options, and keeps showing it offline with a note', async () => {
    const options = await openOptions();
    // A wrong address is refused in plain words, and nothing is added.
    await options.getByTestId('remote-index-url').fill(`${standInUrl}/not-an-index/`);
    await options.getByTestId('add-remote-index').click();
    expect(await options.getByTestId('add-index-error').textContent()).toMatch(
      /Not added: there is no Sidenotes index at http:\/\/127\.0\.0\.1:\d+\/not-an-index\//,
    );
    expect(await options.getByTestId('remote-index').count()).toBe(0);
    await options.getByTestId('remote-index-url').fill(`${indexUrl}manifest.json`);
    await options.getByTestId('add-remote-index').click();
    await expect
      .poll(() => options.getByTestId('index-stats').textContent(), LOADED)
      .toMatch(/41 papers · 41 summaries/);
    await options.screenshot({ path: join(SHOTS, 'options-sources.png'), fullPage: true });

    const page = await openPaper(ABS);
    const remote = cards(page).filter({ hasText: REMOTE_ONLY });
    await remote.waitFor();
    expect(await remote.textContent()).toMatch(/via Reading group \(127\.0\.0\.1:\d+\)/);
    expect(await cards(page).count()).toBe(2);
    await expect.poll(() => badgeText(browser.worker, page), LOADED).toBe('2');
    // The manifest and the shards of the paper's two keys (arXiv id, title): nothing else.
    const fetched = requestsTo('127.0.0.1')
      .filter((r) => r.startsWith(indexUrl))
      .map((r) => new URL(r).pathname);
    const shards = fetched.filter((p) => p.startsWith('/shards/'));
    expect(fetched.filter((p) => !p.startsWith('/shards/'))).toEqual(['/manifest.json']);
    expect(shards.length).toBeGreaterThan(0);
    expect(shards.length).toBeLessThanOrEqual(2);
    expect(new Set(shards).size).toBe(shards.length);
    await page.close();

    // A paper only the index knows: the tab shows its count, but the sidebar does not open
    // by itself (the page could see that, and learn what the user's private index holds).
    const only = await openPaper(LAB_PAPER, { open: false });
    await expect.poll(() => shellPart(only, '.tab-count').textContent(), LOADED).toBe('1');
    expect(await sidebarState(only)).toBe('collapsed');
    await shellPart(only, 'button.tab').click();
    await cards(only).filter({ hasText: 'Notes 5' }).waitFor();
    await only.close();

    // Download it all (shards and search file): the popup then searches it too.
    await options.getByTestId('sync-index').click();
    await expect.poll(() => options.getByTestId('index-progress').count(), LOADED).toBe(0);
    expect(await options.getByTestId('index-error').count()).toBe(0);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.getByTestId('search-input').fill('lab paper 7');
    await expect
      .poll(() => popup.getByTestId('search-result').first().getAttribute('data-paper'), LOADED)
      .toBe('arxiv:2301.10007');
    expect(await popup.getByTestId('search-result').first().textContent()).toContain(
      'Our reading group',
    );
    await popup.close();

    // The host goes away: a sync says so in plain words…
    await new Promise<void>((done) => indexServer.close(() => done()));
    indexServer.closeAllConnections();
    await options.getByTestId('sync-index').click();
    await expect
      .poll(() => options.getByTestId('index-error').textContent(), LOADED)
      .toMatch(/could not be reached/);
    await expect
      .poll(
        () =>
          browser.worker.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null))),
        LOADED,
      )
      .toMatch(/"offline":true/);
    await options.close();
    // …and the paper still shows the cached summary, with a note.
    const again = await openPaper(ABS);
    await cards(again).filter({ hasText: REMOTE_ONLY }).waitFor();
    const note = sidebarFrame(again).locator('[data-testid="source-status"][data-status="note"]');
    expect(await note.textContent()).toMatch(/Reading group.*could not be reached/);
    await again.screenshot({ path: join(SHOTS, 'sidebar-remote-offline.png') });
    await again.close();
  });

  it('shows a Semantic Scholar TLDR once turned on: labelled machine-generated, below human summaries, fetched once', async () => {
    s2Answers.set(SEED.arxivId, 'tldr');
    const options = await openOptions();
    await options.getByTestId('source-toggle-semanticscholar').click();
    await expect
      .poll(() => options.getByTestId('source-toggle-semanticscholar').isChecked())
      .toBe(true);
    await options.close();

    const before = browser.requests.length;
    const page = await openPaper(ABS);
    const tldr = cards(page).filter({ hasText: S2_TLDR });
    await tldr.waitFor();
    expect(await tldr.textContent()).toMatch(/Semantic Scholar.*machine-generated/);
    const kinds = await cards(page).evaluateAll((els) =>
      els.map((el) => (el.classList.contains('card-machine') ? 'machine' : 'human')),
    );
    expect(kinds).toEqual(['human', 'human', 'machine']);
    await page.screenshot({ path: join(SHOTS, 'sidebar-remote-sources.png') });
    await page.reload();
    await cards(page).filter({ hasText: S2_TLDR }).waitFor();
    // One request for two visits: the answer is cached.
    expect(requestsTo('api.semanticscholar.org', before)).toHaveLength(1);
    for (const host of ['huggingface.co', 'api2.openreview.net', 'www.shortscience.org'])
      expect(requestsTo(host), host).toEqual([]);
    await page.close();
  });

  it('looks a page view up once and asks each source once, however many views show it', async () => {
    s2Answers.set('2403.00003', 'tldr');
    const stats = () =>
      browser.worker.evaluate(() => ({
        ...(globalThis as { sidenotesStats?: { lookups: number; asks: number } }).sidenotesStats!,
      }));
    const before = await stats();
    const requestsBefore = browser.requests.length;
    const page = await openPaper(COUNTED);
    // Nothing local: the "0" tab, opened, shows Semantic Scholar's answer as it arrives.
    await cards(page).filter({ hasText: S2_TLDR }).waitFor();
    // The paper's tab and window, from the worker's own record of the tab.
    const { tabId, windowId } = await browser.worker.evaluate(async (paperKey) => {
      const stored = await chrome.storage.session.get(null);
      const key = Object.keys(stored).find(
        (k) =>
          (stored[k] as { state?: { paper?: { keys: string[] } } }).state?.paper?.keys[0] ===
          paperKey,
      )!;
      const id = Number(key.slice('tab:'.length));
      return { tabId: id, windowId: (await chrome.tabs.get(id)).windowId };
    }, 'arxiv:2403.00003');
    const [panel] = await Promise.all([
      browser.context.waitForEvent('page'),
      browser.worker.evaluate(
        (url) => chrome.windows.create({ url, type: 'popup', width: 420, height: 700 }),
        `chrome-extension://${browser.extensionId}/sidepanel.html?window=${windowId}`,
      ),
    ]);
    await panel.getByTestId('summary-card').filter({ hasText: S2_TLDR }).waitFor();
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?window=${windowId}`);
    await page.bringToFront();
    await popup.reload();
    await expect
      .poll(() => popup.getByTestId('current-paper').textContent())
      .toContain('1 summary');
    const after = await stats();
    expect(after.lookups - before.lookups).toBe(1);
    // One ask per source planned for the page (Semantic Scholar and the remote index
    // added earlier), and one request to Semantic Scholar.
    const planned = await browser.worker.evaluate(async (key) => {
      const stored = (await chrome.storage.session.get(key))[key] as {
        state: { sources: unknown[] };
      };
      return stored.state.sources.length;
    }, `tab:${tabId}`);
    expect(planned).toBeGreaterThanOrEqual(1);
    expect(after.asks - before.asks).toBe(planned);
    expect(requestsTo('api.semanticscholar.org', requestsBefore)).toHaveLength(1);
    await Promise.all([popup.close(), panel.close(), page.close()]);
  });

  it('turns a page that rewrites its URL 30 times into at most a few requests', async () => {
    const before = browser.requests.length;
    const page = await openPaper(RESTLESS, { open: false });
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe('/abs/2404.00130');
    // The last page view settled (its sources answered): the rewrites asked all they will.
    await settledTabState(browser.worker, 'arxiv:2404.00130');
    // The first page view asks; the rewrites settle into one more (a stated cap of
    // 5 page views a minute per tab holds even for a slower page: unit-tested).
    const asked = requestsTo('api.semanticscholar.org', before).length;
    expect(asked).toBeGreaterThanOrEqual(1); // Semantic Scholar is on (turned on above)
    // Usually 2; a busy machine may let one more view through before the page settles,
    // never more than the stated cap.
    expect(asked).toBeLessThanOrEqual(MAX_ASKING_VIEWS_PER_MINUTE);
    await page.close();
  });

  it('says when a source did not answer, and Retry asks again', async () => {
    s2Answers.set('2401.00001', 503);
    const page = await openPaper(UNSUMMARIZED);
    const failed = sidebarFrame(page).locator(
      '[data-testid="source-status"][data-source="semanticscholar"][data-status="failed"]',
    );
    expect(await failed.textContent()).toMatch(/Semantic Scholar did not answer/);
    s2Answers.set('2401.00001', 'tldr');
    await failed.getByTestId('retry-source').click();
    await cards(page).filter({ hasText: S2_TLDR }).waitFor();
    await page.close();
  });

  it('syncs the ShortScience feed when turned on: its summaries show beside papers and in search', async () => {
    const options = await openOptions();
    await options.getByTestId('source-toggle-shortscience').click();
    await expect
      .poll(() => options.getByTestId('feed-status').textContent())
      .toMatch(/1 summary kept here/);
    await options.close();
    expect(requestsTo('www.shortscience.org').map((r) => new URL(r).pathname)).toEqual([
      '/rss-full.xml',
    ]);

    // Semantic Scholar (still on) is slow for this paper: the rest does not wait for it.
    s2Answers.set('2402.00002', 'slow');
    const page = await openPaper(FEED_PAPER);
    const card = cards(page).filter({ hasText: 'sparse lattice' });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/ShortScience\.org.*human-written/);
    expect(await card.locator('math').count()).toBe(1);
    const asking = sidebarFrame(page).locator(
      '[data-testid="source-status"][data-source="semanticscholar"]',
    );
    expect(await asking.getAttribute('data-status')).toBe('asking');
    expect(await asking.textContent()).toBe('Asking Semantic Scholar…');
    await cards(page).filter({ hasText: S2_TLDR }).waitFor();
    expect(await asking.count()).toBe(0);
    await page.close();

    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.getByTestId('search-input').fill('sparse lattice attention');
    const first = popup.getByTestId('search-result').first();
    await expect.poll(() => first.getAttribute('data-paper')).toBe('arxiv:2402.00002');
    await popup.close();
  });

  it("adds OpenReview's author TL;DRs (API v1 for older venues) and Hugging Face's AI summaries once on", async () => {
    const options = await openOptions();
    for (const id of ['openreview', 'huggingface']) {
      await options.getByTestId(`source-toggle-${id}`).click();
      await expect.poll(() => options.getByTestId(`source-toggle-${id}`).isChecked()).toBe(true);
    }
    await options.close();

    const before = browser.requests.length;
    const old = await openPaper(OLD_FORUM);
    const tldr = cards(old).filter({ hasText: OLD_TLDR });
    await tldr.waitFor();
    expect(await tldr.textContent()).toMatch(/OpenReview.*human-written.*TL;DR by the authors/);
    const asked = requestsTo('api2.openreview.net').concat(requestsTo('api.openreview.net'));
    expect(asked.map((r) => new URL(r).host)).toEqual([
      'api2.openreview.net',
      'api.openreview.net',
    ]);
    // Neither Semantic Scholar nor Hugging Face can look up an OpenReview id: not asked.
    expect(requestsTo('huggingface.co', before)).toEqual([]);
    expect(requestsTo('api.semanticscholar.org', before)).toEqual([]);
    await old.close();

    // The same author TL;DR from SciTLDR (bundled) and from OpenReview shows once.
    const bundled = await openPaper(BUNDLED_FORUM);
    await expect.poll(() => requestsTo('api2.openreview.net').length).toBe(2);
    await cards(bundled).first().waitFor();
    await settledTabState(browser.worker, 'openreview:rJlnfaNYvB', bundled);
    expect(await cards(bundled).filter({ hasText: BUNDLED_TLDR }).count()).toBe(1);
    await bundled.close();

    const arxiv = await openPaper(UNSUMMARIZED);
    const ai = cards(arxiv).filter({ hasText: HF_AI });
    await ai.waitFor();
    expect(await ai.textContent()).toMatch(/Hugging Face Papers.*machine-generated.*AI summary/);
    await arxiv.close();
  });
});
