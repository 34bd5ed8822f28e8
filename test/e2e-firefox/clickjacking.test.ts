import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickInSidebar,
  confirmWrite,
  inSidebar,
  launch,
  pressInSidebar,
  sidebarAttribute,
  sidebarBox,
  sleep,
  type FirefoxLaunched,
} from '../helpers/firefox';
import { ROOT } from '../helpers/fixtures';
import { SEED, seedAbsPage } from '../helpers/pages';

const ABS = `https://arxiv.org/abs/${SEED.arxivId}`;
const SHOTS = join(ROOT, 'test/screenshots');
const SAVE = '[data-testid="save-button"]';
const CONFIRM = '[data-testid="write-confirm"]';

let ff: FirefoxLaunched;
beforeAll(async () => {
  ff = await launch({ pages: { [ABS]: seedAbsPage() } });
});
afterAll(() => ff?.close());

const pressed = (page: Page) => sidebarAttribute(page, SAVE, 'aria-pressed');
const confirmShown = (page: Page) =>
  inSidebar(page, () => document.querySelector('[data-testid="write-confirm"]') !== null || 'no');

/** What the review used: a page-wide, click-through decoy painted over the sidebar. */
const layDecoy = (page: Page) =>
  page.evaluate(() => {
    const cover = document.createElement('div');
    cover.id = 'decoy';
    cover.innerHTML =
      '<p style="margin:300px 0 0 900px;font:32px sans-serif">Click here to win!</p>';
    cover.style.cssText =
      'position: fixed; inset: 0; z-index: 2147483647; background: rgba(255,255,255,.97); pointer-events: none';
    document.documentElement.append(cover);
  });

describe('clickjacking in Firefox (no Intersection Observer v2)', () => {
  it('a lured click on Save through a decoy writes nothing, nor do the clicks it lures next', async () => {
    const page = await ff.newPage();
    await page.goto(ABS);
    await clickInSidebar(page, '[data-testid="summary-card"]'); // a reader's own click in the frame
    const save = (await sidebarBox(page, SAVE))!;
    expect(await pressed(page)).toBe('false');
    await layDecoy(page);
    const at = { x: save.x + save.width / 2, y: save.y + save.height / 2 };
    // The decoy's "Click here to win!": the click goes through it onto Save…
    await page.mouse.click(at.x, at.y);
    expect(await confirmShown(page)).toBe(true);
    expect(await pressed(page)).toBe('false');
    // …and Save's confirmation appeared somewhere else in the frame, under the decoy.
    const box = (await sidebarBox(page, CONFIRM))!;
    const covers = (p: { x: number; y: number }) =>
      p.x >= box.x && p.x <= box.x + box.width && p.y >= box.y && p.y <= box.y + box.height;
    expect(covers(at)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'firefox-clickjacking-decoy.png') });
    // The decoy lures a second click at the same place, after a while: that press is a miss,
    // which spends the confirmation (its click on Save asks anew, at another random place).
    await sleep(800);
    await page.mouse.click(at.x, at.y);
    await sleep(300);
    expect(await pressed(page)).toBe('false');
    // One more lured click elsewhere in the frame: a miss again, and nothing written.
    await page.mouse.click(at.x + 200, at.y - 40);
    await sleep(300);
    expect(await pressed(page)).toBe('false');
    expect(
      await inSidebar(
        page,
        () => document.querySelector('[data-testid="write-confirm"]') ?? 'gone',
      ),
    ).toBe('gone');
    await page.close();
  });

  it('a double click on Save writes nothing: the confirm takes no press that comes too soon', async () => {
    const page = await ff.newPage();
    await page.goto(ABS);
    await pressInSidebar(page, SAVE);
    expect(await confirmShown(page)).toBe(true);
    // Straight onto the confirm, as fast as a double click: refused, and spent.
    await pressInSidebar(page, '[data-testid="write-confirm-button"]');
    await sleep(300);
    expect(await pressed(page)).toBe('false');
    expect(
      await inSidebar(
        page,
        () => document.querySelector('[data-testid="write-confirm"]') ?? 'gone',
      ),
    ).toBe('gone');
    await page.close();
  });

  it('saves once the reader confirms where the confirmation appeared, and unsaves the same way', async () => {
    const page = await ff.newPage();
    await page.goto(ABS);
    await pressInSidebar(page, SAVE);
    expect(await confirmShown(page)).toBe(true);
    await sleep(600);
    await page.screenshot({ path: join(SHOTS, 'firefox-write-confirm.png') });
    await confirmWrite(page);
    await expect.poll(() => pressed(page)).toBe('true');
    await pressInSidebar(page, SAVE);
    await confirmWrite(page);
    await expect.poll(() => pressed(page)).toBe('false');
    await page.close();
  });

  it("an offer's Ask once says where to ask instead: the page's sidebar has no permissions API in Firefox", async () => {
    const page = await ff.newPage();
    await page.goto(ABS);
    await pressInSidebar(page, '[data-source="openreview"] [data-testid="ask-once"]');
    const notice = await inSidebar(
      page,
      () => document.querySelector('[data-testid="offer-notice"]')?.textContent,
    );
    expect(notice).toMatch(/OpenReview was not asked: in Firefox.*Firefox's sidebar/);
    // Nothing to confirm: nothing will be written.
    expect(
      await inSidebar(
        page,
        () => document.querySelector('[data-testid="write-confirm"]') ?? 'none',
      ),
    ).toBe('none');
    await page.close();
  });
});
