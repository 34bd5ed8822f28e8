import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXTENSION_DIR,
  launch,
  sidebarFrame,
  sidebarHost,
  sidebarState,
  type Launched,
} from '../helpers/browser';
import { readFixture, ROOT } from '../helpers/fixtures';
import { serveIndex } from '@/scripts/serve-index';
import { FAKES, LIST, LISTED, SUMMARIZED, badgeName } from '../helpers/listing';
import { arxivListPage, minimalPdf, SEED } from '../helpers/pages';
import { publishIndex } from '../helpers/remote-index';
import { holdsTabState, settledTabState, tabRoundTrip } from '../helpers/tab-state';

const SHOTS = join(ROOT, 'test/screenshots');
const HF = 'https://huggingface.co/papers';
const VENUE = 'https://openreview.net/group?id=ICLR.cc/2020/Conference';

const papers = LISTED;

const counts = JSON.parse(readFileSync(join(EXTENSION_DIR, 'index-counts.json'), 'utf8')) as Record<
  string,
  [number, number]
>;

let browser: Launched;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch({
    pages: {
      [LIST]: arxivListPage(papers, FAKES),
      [HF]: readFixture('pages/huggingface-listing/papers.html'),
      [VENUE]: readFixture('pages/openreview-listing/venue.html'),
    },
  });
});
afterAll(() => browser?.close());

/** The page's layout shifts so far (the CLS entries Chrome records), summed. */
const layoutShift = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((done) => {
        let sum = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) sum += (e as unknown as { value: number }).value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => done(sum), 300);
      }),
  );

/** Every badge's accessible name, from the accessibility tree (badges live in closed shadow roots). */
async function badgeNames(cdp: CDPSession): Promise<string[]> {
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: Array<{ role?: { value?: string }; name?: { value?: string } }>;
  };
  return nodes
    .filter((n) => n.role?.value === 'button' && /summar(y|ies) of/.test(n.name?.value ?? ''))
    .map((n) => n.name!.value!)
    .sort();
}

const badgeKeys = (page: Page) =>
  page.$$eval('[data-sidenotes-badge]', (hosts) =>
    hosts.map((h) => (h as HTMLElement).dataset.sidenotesBadge!),
  );

describe('badges on an arXiv list of 2,000 papers', () => {
  it('shows badges exactly on the papers with summaries, with their counts, and asks nothing of the network', async () => {
    const page = await browser.context.newPage();
    const before = browser.requests.length;
    await page.goto(LIST);
    const expected = papers.filter((p) => counts[`arxiv:${p.id}`]);
    expect(expected.map((p) => p.id)).toEqual(SUMMARIZED.map((p) => p.id));
    await expect.poll(() => badgeKeys(page)).toHaveLength(expected.length);
    expect((await badgeKeys(page)).sort()).toEqual(expected.map((p) => `arxiv:${p.id}`).sort());
    const cdp = await browser.context.newCDPSession(page);
    expect(await badgeNames(cdp)).toEqual(
      expected.map((p) => badgeName(p, counts[`arxiv:${p.id}`]![0])).sort(),
    );
    // Every link reported to the worker (the script's work on the page is done); and then
    // nothing but the page itself was asked for: the counts come from what the browser holds.
    const listingStats = () =>
      browser.worker.evaluate(
        () =>
          (globalThis as { sidenotesListingStats?: { batches: number; links: number } })
            .sidenotesListingStats ?? { batches: 0, links: 0 },
      );
    await expect.poll(async () => (await listingStats()).links).toBe(papers.length + 1);
    expect(browser.requests.slice(before)).toEqual([LIST]);
    // Batched: the first screenful while the page parses, the rest at once (not one per entry).
    const stats = await listingStats();
    expect(stats.batches).toBeLessThanOrEqual(2);
    // Every entry's link, and the fake entry's (whose host names no paper).
    expect(stats.links).toBe(papers.length + 1);
    // Out of the page's flow: nothing of the page moved when the badges came.
    expect(
      await page.$$eval('[data-sidenotes-badge]', (hosts) =>
        hosts.map((h) => getComputedStyle(h).position),
      ),
    ).toEqual(SUMMARIZED.map(() => 'absolute'));
    expect(await layoutShift(page)).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'badges-arxiv-light.png') });
    await page.close();
  });

  it('draws every badge in the page’s first frame after DOMContentLoaded', async () => {
    const page = await browser.context.newPage();
    const url = `${LIST}&frame`;
    await browser.context.route(url, (route) =>
      route.fulfill({ body: arxivListPage(papers, FAKES, true), contentType: 'text/html' }),
    );
    // The second load: the worker is awake, as when a reader opens a list.
    for (let load = 0; load < 2; load++) {
      await page.goto(url);
      await page.waitForFunction(
        () => performance.getEntriesByName('page:first-frame-after-dcl').length > 0,
      );
    }
    // Counted by the page in that frame's requestAnimationFrame callback (test/helpers/pages.ts).
    const inFrame = await page.evaluate(
      () =>
        (
          performance.getEntriesByName('page:first-frame-after-dcl')[0] as PerformanceMark & {
            detail: { badges: number };
          }
        ).detail.badges,
    );
    expect(inFrame).toBe(SUMMARIZED.length);
    await page.close();
  });

  it('is reached with the keyboard and opens the paper’s summaries beside the list', async () => {
    const page = await browser.context.newPage();
    await page.goto(LIST);
    await expect.poll(() => badgeKeys(page)).toHaveLength(SUMMARIZED.length);
    const scrollBefore = await page.evaluate(() => scrollY);
    // From the entry's last link, the next stop is its badge.
    await page.locator(`[id="oth-${SEED.arxivId}"]`).focus();
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => (document.activeElement as HTMLElement).dataset.sidenotesBadge),
    ).toBe(`arxiv:${SEED.arxivId}`);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => sidebarHost(page).getAttribute('data-sidenotes-paper'))
      .toBe(`arxiv:${SEED.arxivId}`);
    await expect.poll(() => sidebarState(page)).toBe('expanded');
    const cards = sidebarFrame(page).locator('[data-testid="summary-card"]');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(1);
    expect(page.url()).toBe(LIST);
    expect(await page.evaluate(() => scrollY)).toBe(scrollBefore);
    await page.screenshot({ path: join(SHOTS, 'badges-arxiv-opened.png') });
    await page.close();
  });
});

/**
 * What a page script on the list can read of it: the whole DOM as markup
 * (badge hosts and their attributes included) and every element's box.
 * Taken once the listing script says every badge asked for is drawn.
 */
async function pageView(page: Page): Promise<{ elements: number; html: string; boxes: string }> {
  await page.waitForFunction(
    () => performance.getEntriesByName('sidenotes:badges-painted').length > 0,
  );
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      elements: all.length,
      html: document.documentElement.outerHTML,
      boxes: all
        .map((el) => {
          const r = el.getBoundingClientRect();
          return `${r.x},${r.y},${r.width},${r.height}`;
        })
        .join(';'),
    };
  });
}

describe('what a listing page can see of your library', () => {
  /** Listed, summarized nowhere but in your library. */
  const PRIVATE = papers[1500]!;
  /** Listed and in the bundled index, with your own summary besides. */
  const BOTH = SUMMARIZED[1]!;

  it('is the same with and without your own summaries of listed papers', async () => {
    const page = await browser.context.newPage();
    await page.goto(LIST);
    const before = await pageView(page);
    expect(before.html).toContain(`data-sidenotes-badge="arxiv:${BOTH.id}"`);

    const library = await browser.context.newPage();
    await library.goto(`chrome-extension://${browser.extensionId}/library.html`);
    for (const paper of [PRIVATE, BOTH]) {
      const answer = await library.evaluate(
        ([key, title]) =>
          (
            globalThis as unknown as {
              chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
            }
          ).chrome.runtime.sendMessage({
            type: 'library:save-own',
            payload: { paper: { keys: [key], title }, body: 'My private reading notes.' },
          }),
        [`arxiv:${paper.id}`, paper.title],
      );
      expect(answer).toMatchObject({ ok: true });
    }
    await library.close();

    await page.reload();
    const after = await pageView(page);
    // No badge, attribute, size or position tells the page which entries you wrote about.
    expect(after.elements).toBe(before.elements);
    expect(after.html).toBe(before.html);
    expect(after.boxes).toBe(before.boxes);

    // The popup, an extension page, says which listed papers are yours.
    const windowId = await browser.worker.evaluate(
      async () => (await chrome.windows.getAll({ windowTypes: ['normal'] }))[0]!.id!,
    );
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?window=${windowId}`);
    await page.bringToFront();
    await popup.reload();
    const listed = popup.getByTestId('listed-matches');
    await listed.waitFor();
    expect(await listed.locator('.current-label').textContent()).toBe(
      'On this page: 2 papers in your library',
    );
    expect(
      (
        await popup
          .getByTestId('listed-match')
          .evaluateAll((li) => li.map((e) => (e as HTMLElement).dataset.key))
      ).sort(),
    ).toEqual([`arxiv:${BOTH.id}`, `arxiv:${PRIVATE.id}`].sort());
    await popup.setViewportSize({ width: 440, height: 600 });
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.screenshot({ path: join(SHOTS, `popup-listed-matches-${scheme}.png`) });
    }
    await popup.close();

    // Opened from its badge, the paper shows your summary beside the others, in the extension's frame.
    await page.locator(`[data-sidenotes-badge="arxiv:${BOTH.id}"]`).first().click();
    const cards = sidebarFrame(page).locator('[data-testid="summary-card"]');
    await expect.poll(() => cards.count()).toBe(counts[`arxiv:${BOTH.id}`]![0] + 1);
    await page.close();
  });
});

describe('badges on an OpenReview venue (a single-page app)', () => {
  it('follows its tab switches, and keeps the paper opened from it', async () => {
    const page = await browser.context.newPage();
    await page.goto(VENUE);
    await expect
      .poll(async () => (await badgeKeys(page)).sort())
      .toEqual(['openreview:BklSwn4tDH', 'openreview:rJlnfaNYvB']);
    await page.locator('[data-sidenotes-badge="openreview:BklSwn4tDH"]').click();
    await expect
      .poll(() => sidebarHost(page).getAttribute('data-sidenotes-paper'))
      .toBe('openreview:BklSwn4tDH');
    // The site opens another tab: its list fills without a page load, and the URL's hash changes.
    await page.evaluate(() => {
      document.querySelector('#tab-accept-poster ul')!.innerHTML =
        '<li><div class="note"><h4><a href="/forum?id=BJ8vJebC-">Synthetic and Natural Noise Both Break Neural Machine Translation</a></h4></div></li>';
      location.hash = '#tab-accept-poster';
    });
    await expect.poll(() => badgeKeys(page)).toContain('openreview:BJ8vJebC-');
    const cdp = await browser.context.newCDPSession(page);
    expect(await badgeNames(cdp)).toContain(
      '4 summaries of Synthetic and Natural Noise Both Break Neural Machine Translation',
    );
    // The tab switch's own visit (with the new address's metadata) names no paper: the worker
    // drops the tab's state, answers, and a message it sends after that reaches the page.
    await expect.poll(() => holdsTabState(browser.worker, 'openreview:BklSwn4tDH')).toBe(false);
    expect(await tabRoundTrip(browser.worker, page)).toBe('answered');
    expect(await sidebarHost(page).getAttribute('data-sidenotes-paper')).toBe(
      'openreview:BklSwn4tDH',
    );
    await page.close();
  });
});

describe('badges on Hugging Face daily papers', () => {
  it('shows a badge on each summarized card, the same paper on each of its cards', async () => {
    const page = await browser.context.newPage();
    await page.goto(HF);
    await expect.poll(() => badgeKeys(page)).toHaveLength(4);
    expect([...new Set(await badgeKeys(page))].sort()).toEqual([
      'arxiv:1406.2661',
      'arxiv:1512.03385',
      'arxiv:2007.12223',
    ]);
    await page.close();
  });
});

/** An index line: one summary of one arXiv paper, by a person or by a model. */
const line = (arxivId: string, title: string, body: string, kind: 'human' | 'machine') =>
  JSON.stringify({
    paper: { arxivId, title },
    summary: {
      body,
      author: kind === 'human' ? 'reading group' : null,
      source: {
        id: `lab-${kind}`,
        name: 'Lab notes',
        url: 'https://lab.example',
        licence: 'CC BY 4.0',
        kind,
      },
    },
  });

describe('a remote index kept for offline use, on a listing page', () => {
  let withIndex: Launched;
  let server: Server;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sidenotes-listing-index-'));
    await publishIndex(
      dir,
      [
        line('2406.01001', 'A Fresh Look at Sparse Training', 'A model wrote this one.', 'machine'),
        line(
          '1512.03385',
          'Deep Residual Learning',
          'Our group read it: residual connections.',
          'human',
        ),
      ],
      'Lab notes',
    );
    server = await serveIndex(dir, 0);
    withIndex = await launch({
      // The index's host, a local server, is reached for real (until it goes away).
      async route(url, route) {
        if (!new URL(url).host.startsWith('127.0.0.1:')) return false;
        await route.continue();
        return true;
      },
      pages: {
        [LIST]: arxivListPage(papers, FAKES),
        [HF]: readFixture('pages/huggingface-listing/papers.html'),
        [`${HF}?theme=dark`]: readFixture('pages/huggingface-listing/papers.html').replace(
          '<html class="">',
          '<html class="dark">',
        ),
      },
    });
    // Added and downloaded for offline use in the options, as a reader does; then the host goes away.
    const options = await withIndex.context.newPage();
    await options.goto(`chrome-extension://${withIndex.extensionId}/options.html`);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await options.getByTestId('remote-index-url').fill(url);
    await options.getByTestId('add-remote-index').click();
    await options.getByTestId('index-stats').waitFor();
    // Downloaded once what the browser keeps of it grew past the manifest (or it failed).
    const kept = () => options.getByTestId('index-cache').textContent();
    const before = await kept();
    await options.getByTestId('sync-index').click();
    const downloaded = async () =>
      (await options.getByTestId('index-error').count()) > 0 ||
      ((await options.getByTestId('index-progress').count()) === 0 && (await kept()) !== before);
    // (A setup step: polled by hand, expect.poll belongs to tests.)
    for (const deadline = Date.now() + 30_000; !(await downloaded());) {
      if (Date.now() > deadline) throw new Error('The index did not finish downloading.');
      await new Promise((r) => setTimeout(r, 50));
    }
    if (await options.getByTestId('index-error').count())
      throw new Error(
        `The index did not sync: ${await options.getByTestId('index-error').textContent()}`,
      );
    await options.close();
    await new Promise<void>((done) => server.close(() => done()));
    server.closeAllConnections();
  });
  afterAll(() => withIndex?.close());

  it('marks the page from the bundled index only: the downloaded index shows in the sidebar, not on the page', async () => {
    const page = await withIndex.context.newPage();
    const before = withIndex.requests.length;
    await page.goto(HF);
    await expect.poll(() => badgeKeys(page)).toHaveLength(4);
    // Wait until the listing script has drawn every badge it was answered, then look.
    await page.waitForFunction(
      () => performance.getEntriesByName('sidenotes:badges-painted').length > 0,
    );
    const cdp = await withIndex.context.newCDPSession(page);
    expect(await badgeNames(cdp)).toEqual(
      [
        '1 summary of The Lottery Ticket Hypothesis for Pre-trained BERT Networks',
        '1 summary of The Lottery Ticket Hypothesis for Pre-trained BERT Networks',
        // The bundled index's two: the reading group's third is not the page's to know.
        '2 summaries of Deep Residual Learning for Image Recognition',
        '2 summaries of Generative Adversarial Networks',
      ].sort(),
    );
    // The paper only the reading group's index holds gets no badge.
    expect(await badgeKeys(page)).not.toContain('arxiv:2406.01001');
    expect(withIndex.requests.slice(before)).toEqual([HF]);
    // Opened, the paper shows all three, from the kept copy, in the extension's frame.
    await page.locator('[data-sidenotes-badge="arxiv:1512.03385"]').first().click();
    const cards = sidebarFrame(page).locator('[data-testid="summary-card"]');
    await expect.poll(() => cards.count()).toBe(3);
    await page.screenshot({ path: join(SHOTS, 'badges-huggingface-light.png') });
    await page.close();
  });

  it('looks right in dark mode, on a dark site and on a light one', async () => {
    const page = await withIndex.context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${HF}?theme=dark`);
    await expect.poll(() => badgeKeys(page)).toHaveLength(4);
    await page.screenshot({ path: join(SHOTS, 'badges-huggingface-dark.png') });
    await page.goto(LIST);
    await expect.poll(() => badgeKeys(page)).toHaveLength(SUMMARIZED.length);
    await page.screenshot({ path: join(SHOTS, 'badges-arxiv-dark.png') });
    await page.close();
  });
});

describe('PDF tabs named after their paper', () => {
  const PDF = `https://arxiv.org/pdf/${SEED.arxivId}v2`;
  const UNKNOWN = 'https://arxiv.org/pdf/2406.10001';
  const API = 'https://export.arxiv.org/api/query?id_list=2406.10001';
  let b: Launched;
  beforeAll(async () => {
    b = await launch({
      pages: {
        [PDF]: minimalPdf('A PDF'),
        [UNKNOWN]: minimalPdf('Another PDF'),
        [API]: {
          contentType: 'application/atom+xml; charset=utf-8',
          body: `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>ArXiv Query</title>
<entry><id>http://arxiv.org/abs/2406.10001v1</id><title>Sparse Training,
  Revisited &amp; Explained</title></entry></feed>`,
        },
      },
    });
  });
  afterAll(() => b?.close());

  it('names a PDF tab after a paper known locally, and asks nobody', async () => {
    const page = await b.context.newPage();
    const before = b.requests.length;
    await page.goto(PDF);
    await expect.poll(() => page.title()).toBe(`${SEED.title} — arXiv ${SEED.arxivId}`);
    expect(b.requests.slice(before)).toEqual([PDF]);
    await page.close();
  });

  it("asks arXiv's API for other arXiv PDFs only when turned on, and once", async () => {
    const page = await b.context.newPage();
    await page.goto(UNKNOWN);
    // The page's visit answered (its sidebar host names the paper) and the worker's state of
    // the tab settled. (A PDF viewer shows no sidebar frame to wait on.) Whether to ask arXiv
    // is decided in that same visit, before its answer: a storage read and a permission check.
    await expect
      .poll(() => sidebarHost(page).getAttribute('data-sidenotes-paper'))
      .toBe('arxiv:2406.10001');
    await settledTabState(b.worker, 'arxiv:2406.10001');
    expect(b.requests.filter((r) => r.startsWith('https://export.arxiv.org/'))).toEqual([]);
    const options = await b.context.newPage();
    await options.goto(`chrome-extension://${b.extensionId}/options.html`);
    const toggle = options.getByTestId('tab-titles-toggle');
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await options.screenshot({ path: join(SHOTS, 'options-tab-titles.png'), fullPage: true });
    await options.close();
    await page.reload();
    // A reloaded PDF takes its title over a second on a loaded machine (vitest's poll waits one),
    // and arXiv's stand-in answers through the test's request routing (CI saw over 10 s at load 10).
    await expect
      .poll(() => page.title(), { timeout: 25_000 })
      .toBe('Sparse Training, Revisited & Explained — arXiv 2406.10001');
    await page.reload();
    // Named again in the new document: arXiv's answer came from the cache, where a request
    // would have been made.
    await expect
      .poll(() => page.title(), { timeout: 10_000 })
      .toBe('Sparse Training, Revisited & Explained — arXiv 2406.10001');
    expect(b.requests.filter((r) => r.startsWith('https://export.arxiv.org/'))).toEqual([API]);
    await page.close();
  });
});
