import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXTENSION_ORIGIN,
  inSidebar,
  launch,
  sidebarFrame,
  sidebarPaper,
  type FirefoxLaunched,
} from '../helpers/firefox';
import { ROOT } from '../helpers/fixtures';
import { aclPage, hostileAbsPage, openReviewPage, SEED, seedAbsPage } from '../helpers/pages';

const ABS = `https://arxiv.org/abs/${SEED.arxivId}`;
const OPENREVIEW = 'https://openreview.net/forum?id=rJlnfaNYvB';
const ACL = 'https://aclanthology.org/A00-1031/';
const HOSTILE = 'https://arxiv.org/abs/2007.13916';
const SHOTS = join(ROOT, 'test/screenshots');

const pages = {
  [ABS]: seedAbsPage(),
  [OPENREVIEW]: openReviewPage('rJlnfaNYvB', 'Adaptive Loss Scaling for Mixed Precision Training'),
  [ACL]: aclPage('A00-1031', 'TnT - A Statistical Part-Of-Speech Tagger'),
  // The Chromium suite's hostile page (test/e2e/sidebar.test.ts).
  [HOSTILE]: hostileAbsPage(),
};

/** The summary cards' texts in the page's sidebar, once there are some. */
const cardTexts = (page: Parameters<typeof inSidebar>[0]) =>
  inSidebar(page, () => {
    const cards = [...document.querySelectorAll('[data-testid="summary-card"]')];
    return cards.length ? cards.map((c) => c.textContent ?? '') : null;
  });

let ff: FirefoxLaunched;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ff = await launch({ pages });
});
afterAll(() => ff?.close());

describe('the sidebar in Firefox', () => {
  it('shows the seed ShortScience summary on its arXiv abstract page', async () => {
    const page = await ff.newPage();
    await page.goto(ABS);
    await expect.poll(() => sidebarPaper(page)).toBe(`arxiv:${SEED.arxivId}`);
    const cards = await cardTexts(page);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toContain('ShortScience.org');
    expect(cards[0]).toContain('human-written');
    const frame = await sidebarFrame(page);
    expect(frame.url().startsWith(`${EXTENSION_ORIGIN}/sidebar.html`)).toBe(true);
    expect(await frame.evaluate(() => document.querySelector('.paper-title')?.textContent)).toBe(
      SEED.title,
    );
    await page.screenshot({ path: join(SHOTS, 'firefox-sidebar-arxiv.png') });
    await page.close();
  });

  it("shows a SciTLDR paper's TL;DRs on its OpenReview forum, and follows in-page navigation", async () => {
    const page = await ff.newPage();
    await page.goto(OPENREVIEW);
    await expect.poll(() => sidebarPaper(page)).toBe('openreview:rJlnfaNYvB');
    const cards = await cardTexts(page);
    expect(cards[0]).toContain('TL;DR by the authors');
    expect(cards[1]).toContain('TL;DR written from the peer reviews');
    await page.evaluate(() => history.pushState({}, '', '/forum?id=SJgEl3A5tm'));
    await expect.poll(() => sidebarPaper(page)).toBe('openreview:SJgEl3A5tm');
    await page.close();
  });

  it('shows the ScisummNet summary on an ACL Anthology page', async () => {
    const page = await ff.newPage();
    await page.goto(ACL);
    await expect.poll(() => sidebarPaper(page)).toBe('acl:A00-1031');
    const cards = await cardTexts(page);
    expect(cards[0]).toContain('Trigrams');
    expect(cards[0]).toContain('CC BY 4.0');
    await page.close();
  });

  it('survives a hostile page: its CSS cannot hide the sidebar, its scripts cannot read it', async () => {
    const page = await ff.newPage();
    await page.goto(HOSTILE);
    const cards = await cardTexts(page);
    expect(cards.length).toBeGreaterThan(0);
    // The page's `display: none !important` loses to the host's own styles: the frame is on screen.
    const box = await (await (await sidebarFrame(page)).frameElement())!.boundingBox();
    expect(box!.width).toBeGreaterThan(250);
    expect(box!.height).toBeGreaterThan(400);
    await new Promise((r) => setTimeout(r, 500));
    const stolen = await page.evaluate(
      () => (window as unknown as { __stolen: string[] }).__stolen,
    );
    expect(stolen.length).toBeGreaterThan(0);
    expect(stolen.filter((a) => a.startsWith('root:'))).not.toContain('root:[object ShadowRoot]');
    for (const attempt of stolen.filter((a) => a.startsWith('text:')))
      expect(attempt).toBe('text:');
    expect(stolen.join(' ')).not.toMatch(/moz-extension:|contrastive/i);
    // The forged "save" messages changed nothing: the Save button is not pressed.
    expect(
      await inSidebar(page, () =>
        document.querySelector('[data-testid="save-button"]')?.getAttribute('aria-pressed'),
      ),
    ).toBe('false');
    await page.close();
  });
});
