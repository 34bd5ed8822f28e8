import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIREFOX_EXTENSION_DIR,
  inSidebar,
  launch,
  sidebarPaper,
  type FirefoxLaunched,
} from '../helpers/firefox';
import { ROOT } from '../helpers/fixtures';
import { LIST, listPage, LISTED, SUMMARIZED } from '../helpers/listing';
import { SEED } from '../helpers/pages';

/** The Chromium suite's 2,000-entry arXiv list (test/helpers/listing.ts), in Firefox. */
const SHOTS = join(ROOT, 'test/screenshots');
const counts = JSON.parse(
  readFileSync(join(FIREFOX_EXTENSION_DIR, 'index-counts.json'), 'utf8'),
) as Record<string, [number, number]>;

let ff: FirefoxLaunched;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ff = await launch({ pages: { [LIST]: listPage() } });
});
afterAll(() => ff?.close());

describe('badges on an arXiv list of 2,000 papers, in Firefox', () => {
  it('marks exactly the summarized papers, asks nothing of the network, and opens a paper beside the list', async () => {
    const page = await ff.newPage();
    const before = ff.requests.length;
    await page.goto(LIST);
    const expected = LISTED.filter((p) => counts[`arxiv:${p.id}`]);
    expect(expected.map((p) => p.id)).toEqual(SUMMARIZED.map((p) => p.id));
    const badgeKeys = () =>
      page.$$eval('[data-sidenotes-badge]', (hosts) =>
        hosts.map((h) => (h as HTMLElement).dataset.sidenotesBadge!).sort(),
      );
    // The listing script's own signal: every badge it was asked for is drawn.
    await page.waitForFunction(
      () => performance.getEntriesByName('sidenotes:badges-painted').length > 0,
    );
    await expect.poll(badgeKeys).toEqual(expected.map((p) => `arxiv:${p.id}`).sort());
    // Out of the page's flow, and nothing asked of the web but the page itself.
    expect(
      await page.$$eval('[data-sidenotes-badge]', (hosts) =>
        hosts.map((h) => getComputedStyle(h).position),
      ),
    ).toEqual(SUMMARIZED.map(() => 'absolute'));
    // (Firefox asks for the site's favicon itself.)
    expect(ff.requests.slice(before).filter((r) => !r.endsWith('/favicon.ico'))).toEqual([LIST]);
    await page.screenshot({ path: join(SHOTS, 'firefox-badges-arxiv.png') });

    // A click on the first badge opens its paper's summaries beside the list.
    const badge = await page.$(`[data-sidenotes-badge="arxiv:${SEED.arxivId}"]`);
    const box = await badge!.boundingBox();
    await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await expect.poll(() => sidebarPaper(page)).toBe(`arxiv:${SEED.arxivId}`);
    const cards = await inSidebar(page, () => {
      const found = document.querySelectorAll('[data-testid="summary-card"]').length;
      return found || null;
    });
    expect(cards).toBe(counts[`arxiv:${SEED.arxivId}`]![0]);
    expect(page.url()).toBe(LIST);
    await page.screenshot({ path: join(SHOTS, 'firefox-badges-arxiv-opened.png') });
    await page.close();
  });
});
