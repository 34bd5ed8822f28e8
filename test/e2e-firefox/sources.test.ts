import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveIndex } from '@/scripts/serve-index';
import {
  besideTheTab,
  clickInSidebar,
  inSidebar,
  launch,
  paperWindowId,
  type FirefoxLaunched,
} from '../helpers/firefox';
import { ROOT } from '../helpers/fixtures';
import { SEED, seedAbsPage } from '../helpers/pages';
import { publishIndex, readingGroupLine } from '../helpers/remote-index';
import { semanticScholarPaper } from '../helpers/semantic-scholar';
import { tlsStandIn, type TlsStandIn } from '../helpers/tls-stand-in';

/**
 * Remote sources in Firefox: an offer's Ask once (a stand-in Semantic
 * Scholar behind a local https proxy, as the background's requests cannot be
 * routed here) and a remote index on 127.0.0.1, the Chromium suite's own.
 */
const ABS = `https://arxiv.org/abs/${SEED.arxivId}`;
const S2_TLDR = 'A stand-in TLDR: winning tickets exist in pre-trained BERT.';
const REMOTE_ONLY = 'Only the reading group index has this summary of the paper.';
const SHOTS = join(ROOT, 'test/screenshots');

let ff: FirefoxLaunched;
let s2: TlsStandIn;
let indexServer: Server;
let indexUrl: string;
const indexRequests: string[] = [];
const work = mkdtempSync(join(tmpdir(), 'sidenotes-ff-sources-'));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  s2 = await tlsStandIn(['api.semanticscholar.org'], (req, res) => {
    const id = /\/graph\/v1\/paper\/arXiv:([^?]+)/.exec(req.url ?? '')?.[1];
    if (!id) return void res.writeHead(404).end();
    res
      .writeHead(200, { 'Content-Type': 'application/json' })
      .end(semanticScholarPaper(id, SEED.title, S2_TLDR));
  });
  await publishIndex(
    work,
    [
      readingGroupLine(SEED.arxivId, SEED.title, REMOTE_ONLY),
      ...Array.from({ length: 40 }, (_, i) =>
        readingGroupLine(`2301.${10000 + i}`, `Lab paper ${i}`, `Notes ${i}`),
      ),
    ],
    'Reading group',
  );
  indexServer = await serveIndex(work, 0);
  indexServer.on('request', (req) => indexRequests.push(req.url ?? ''));
  indexUrl = `http://127.0.0.1:${(indexServer.address() as AddressInfo).port}/`;
  ff = await launch({
    pages: { [ABS]: seedAbsPage() },
    prefs: s2.prefs,
    acceptInsecureCerts: true,
  });
});
afterAll(async () => {
  await ff?.close();
  await s2?.close();
  indexServer?.closeAllConnections();
  indexServer?.close();
  rmSync(work, { recursive: true, force: true });
});

const cardTexts = (page: Page) =>
  page.$$eval('[data-testid="summary-card"]', (cards) => cards.map((c) => c.textContent ?? ''));

describe('remote sources in Firefox', () => {
  it("says honestly that the page's sidebar cannot Ask once, and Firefox's sidebar can", async () => {
    const page = await ff.newPage();
    await page.goto(ABS);
    await clickInSidebar(
      page,
      '[data-testid="source-offer"][data-source="semanticscholar"] [data-testid="ask-once"]',
    );
    const notice = await inSidebar(
      page,
      () => document.querySelector('[data-testid="offer-notice"]')?.textContent,
    );
    // hooks/use-source-offers.ts's PERMISSIONS_ELSEWHERE (which loads only in the add-on).
    expect(notice).toBe(
      "Semantic Scholar was not asked: in Firefox, the sidebar inside the page cannot ask for a permission. Open Sidenotes in Firefox's sidebar (Alt+Shift+P) to ask it, or turn it on in Sources.",
    );
    expect(s2.requests).toEqual([]);

    // Firefox's sidebar (sidebar_action's page) beside the same tab: there the offer asks.
    const panel = await besideTheTab(ff.browser, 'sidepanel.html', await paperWindowId(ff.browser));
    const askOnce = await panel.waitForSelector(
      '[data-testid="source-offer"][data-source="semanticscholar"] [data-testid="ask-once"]',
    );
    await askOnce!.click();
    await expect.poll(() => cardTexts(panel)).toContainEqual(expect.stringContaining(S2_TLDR));
    expect((await cardTexts(panel)).find((c) => c.includes(S2_TLDR))).toMatch(
      /Semantic Scholar.*machine-generated/,
    );
    expect(s2.requests).toEqual([
      expect.stringMatching(
        new RegExp(`^https://api\\.semanticscholar\\.org/graph/v1/paper/arXiv:${SEED.arxivId}\\?`),
      ),
    ]);
    await panel.screenshot({ path: join(SHOTS, 'firefox-sidebar-action-ask-once.png') });
    // The page's own sidebar shows the same tab state, the TLDR included.
    await inSidebar(page, () =>
      [...document.querySelectorAll('[data-testid="summary-card"]')].some((c) =>
        c.textContent?.includes('A stand-in TLDR'),
      ),
    );
    // Once: the source stays off.
    const enabled = await panel.evaluate(async () => {
      const b = (globalThis as unknown as { browser: typeof chrome }).browser;
      const { sources } = (await b.storage.local.get('sources')) as {
        sources?: { enabled?: Record<string, boolean> };
      };
      return sources?.enabled?.semanticscholar ?? false;
    });
    expect(enabled).toBe(false);
    await panel.close();
    await page.close();
  });

  it('reads a remote index added in the options: its summary shows beside the paper', async () => {
    const options = await ff.extensionPage('options.html');
    await options.type('[data-testid="remote-index-url"]', `${indexUrl}manifest.json`);
    await options.click('[data-testid="add-remote-index"]');
    await expect
      .poll(() =>
        options.$eval('[data-testid="index-stats"]', (s) => s.textContent).catch(() => null),
      )
      .toMatch(/41 papers · 41 summaries/);
    const page = await ff.newPage();
    await page.goto(ABS);
    const remote = await inSidebar(page, () =>
      [...document.querySelectorAll('[data-testid="summary-card"]')]
        .map((c) => c.textContent ?? '')
        .find((t) => t.includes('Only the reading group index')),
    );
    expect(remote).toMatch(/via Reading group \(127\.0\.0\.1:\d+\)/);
    // The manifest and the shards of the paper's keys: nothing else.
    const asked = indexRequests.map((r) => new URL(r, indexUrl).pathname);
    expect(asked.filter((p) => !p.startsWith('/shards/'))).toEqual(['/manifest.json']);
    expect(asked.filter((p) => p.startsWith('/shards/')).length).toBeLessThanOrEqual(2);
    await page.close();
    await options.close();
  });
});
