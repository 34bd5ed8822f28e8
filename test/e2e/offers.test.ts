import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launch,
  shellPart,
  sidebarFrame,
  sidebarState,
  type Launched,
  openSidebar,
} from '../helpers/browser';
import { ROOT } from '../helpers/fixtures';
import { arxivAbsPage } from '../helpers/pages';
import { semanticScholarPaper } from '../helpers/semantic-scholar';
import { settledTabState } from '../helpers/tab-state';

/**
 * Issue 11 end to end: sources offered in the empty sidebar (Ask once,
 * Always ask), OpenReview TL;DRs found by title from arXiv pages, LongSumm's
 * summaries on their arXiv pages, and the first-run page. A local server
 * stands in for Semantic Scholar, OpenReview and Hugging Face under their
 * real addresses; every request the browser makes is recorded.
 */
const SHOTS = join(ROOT, 'test/screenshots');
const S2_TLDR = 'A stand-in TLDR: the method halves the training cost.';

const paper = (id: string, title: string, authors: string[]) => ({
  url: `https://arxiv.org/abs/${id}`,
  id,
  title,
  authors,
});
/** Papers the bundled index does not know. */
const ONCE = paper('2405.00011', 'Frugal Training of Sparse Transformers', ['Lovelace, Ada']);
const SECOND = paper('2405.00012', 'Another Paper Nobody Summarized', ['Babbage, Charles']);
const ALWAYS = paper('2405.00013', 'Scaling Laws for Tiny Recurrent Nets', ['Hopper, Grace']);
const SHOWN = paper('2405.00014', 'How the Empty Sidebar Looks to a Reader', ['Noether, Emmy']);
/** OpenReview has a note of this title by the same people (arXiv writes "Surname, Given"). */
const OR_MATCH = paper('2405.00021', 'Curriculum Dropout for Graph Networks', [
  'Curie, Marie',
  'Meitner, Lise',
]);
/** OpenReview has a note of this very title, by other people: another paper. */
const OR_OTHERS = paper('2405.00022', 'Attention Is Not All You Need Here', ['Franklin, Rosalind']);
const OR_TLDR = 'We drop graph edges on a curriculum and generalize better.';
const OR_OTHERS_TLDR = 'A different paper that happens to share the title.';
const LONGSUMM = 'https://arxiv.org/abs/1902.00751';
const LONGSUMM_SS = 'https://arxiv.org/abs/1605.03661';

/** A title that closes the offer's quote, says its own words and reverses a host name. */
const HOSTILE = paper(
  '2405.00015',
  `Sparse Nets\u201d to nobody. Nothing is sent \u202eten.weiverneps\u202c ${'and more words '.repeat(12)}`,
  ['Lovelace, Ada'],
);
const PAPERS = [ONCE, SECOND, ALWAYS, SHOWN, OR_MATCH, OR_OTHERS, HOSTILE];

/** What OpenReview answers to `notes?content.title=…`, in API v2's shape. */
function openReviewByTitle(title: string) {
  const note = (id: string, authors: string[], tldr: string) => ({
    id,
    forum: id,
    content: {
      title: { value: title },
      authors: { value: authors },
      TLDR: { value: tldr },
    },
  });
  if (title === OR_MATCH.title)
    return { notes: [note('CurrDrop01', ['Marie Curie', 'Pierre Curie'], OR_TLDR)] };
  if (title === OR_OTHERS.title)
    return { notes: [note('OtherNote1', ['Someone Else'], OR_OTHERS_TLDR)] };
  return { notes: [] };
}

let browser: Launched;
let standIn: Server;
let standInUrl: string;

function s2Body(arxivId: string) {
  const known = PAPERS.find((p) => p.id === arxivId);
  return semanticScholarPaper(arxivId, known?.title ?? 'Unknown', S2_TLDR);
}

beforeAll(async () => {
  // Requests to the real hosts arrive as /<host><path>.
  standIn = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    const openReview = /^\/(api2?)\.openreview\.net\/notes$/.exec(url.pathname);
    if (openReview) {
      const title = url.searchParams.get('content.title');
      // API v1 holds nothing these papers' API v2 does not.
      return json(
        200,
        title && openReview[1] === 'api2' ? openReviewByTitle(title) : { notes: [] },
      );
    }
    const s2 = /^\/api\.semanticscholar\.org\/graph\/v1\/paper\/arXiv:(.+)$/.exec(url.pathname);
    if (s2) return json(200, JSON.parse(s2Body(s2[1]!)));
    json(404, { error: 'Not Found' });
  });
  await new Promise<void>((done) => standIn.listen(0, '127.0.0.1', done));
  standInUrl = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`;
  browser = await launch({
    pages: Object.fromEntries([
      ...PAPERS.map((p) => [p.url, arxivAbsPage(p.id, p.title, p.authors)]),
      [
        LONGSUMM,
        arxivAbsPage('1902.00751', 'Parameter-Efficient Transfer Learning for NLP', [
          'Houlsby, Neil',
        ]),
      ],
      [
        LONGSUMM_SS,
        arxivAbsPage('1605.03661', 'Learning Representations for Counterfactual Inference', [
          'Johansson, Fredrik D.',
        ]),
      ],
    ]),
    async route(url, route) {
      const { host, pathname, search } = new URL(url);
      if (
        [
          'api.semanticscholar.org',
          'api2.openreview.net',
          'api.openreview.net',
          'huggingface.co',
        ].includes(host)
      ) {
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
  await browser?.close().catch(() => undefined);
  standIn?.close();
});

const requestsTo = (host: string, since = 0) =>
  browser.requests.slice(since).filter((r) => new URL(r).host === host);

const cards = (page: Page) => sidebarFrame(page).getByTestId('summary-card');
const offer = (page: Page, source: string) =>
  sidebarFrame(page).locator(`[data-testid="source-offer"][data-source="${source}"]`);

/** Opens a paper the bundle does not know, and its "0" tab. */
async function openEmpty(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await expect.poll(() => sidebarState(page)).toBe('collapsed');
  expect(await shellPart(page, '.tab-count').textContent()).toBe('0');
  await shellPart(page, 'button.tab').click();
  await sidebarFrame(page).getByTestId('empty-state').waitFor();
  return page;
}

async function settings(): Promise<Record<string, boolean>> {
  return browser.worker.evaluate(async () => {
    const { sources } = (await chrome.storage.local.get('sources')) as {
      sources?: { enabled?: Record<string, boolean> };
    };
    return sources?.enabled ?? {};
  });
}

describe('sources offered in the empty sidebar', () => {
  it('shows page text in the Sends line isolated, shortened and without direction controls', async () => {
    const page = await openEmpty(HOSTILE.url);
    const sends = offer(page, 'openreview').getByTestId('offer-sends');
    await sends.waitFor();
    const title = sends.locator('bdi');
    expect(await title.count()).toBe(1);
    const shown = (await title.textContent())!;
    expect(shown).toMatch(
      /^Sparse Nets\u201d to nobody\. Nothing is sent ten\.weiverneps and .*…$/,
    );
    expect(shown.length).toBeLessThanOrEqual(80);
    expect(await sends.textContent()).not.toMatch(/\p{Cf}/u);
    expect(await sends.textContent()).toMatch(/…” to api2\.openreview\.net/);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: join(SHOTS, `offer-page-text-${scheme}.png`) });
    }
    await page.close();
  });

  it('offers Semantic Scholar with what it sends; Ask once shows its TLDR and leaves it off', async () => {
    const before = browser.requests.length;
    const page = await openEmpty(ONCE.url);
    const s2 = offer(page, 'semanticscholar');
    await s2.waitFor();
    expect(await s2.textContent()).toContain('machine-generated');
    expect(await s2.getByTestId('offer-sends').textContent()).toBe(
      `Sends the arXiv id ${ONCE.id} to api.semanticscholar.org.`,
    );
    // OpenReview is offered by the page's title, human-written, saying it sends that title.
    const openReview = offer(page, 'openreview');
    expect(await openReview.textContent()).toContain('human-written');
    expect(await openReview.getByTestId('offer-sends').textContent()).toContain(
      `the title “${ONCE.title}” to api2.openreview.net`,
    );
    // Offered is not asked: the page view is settled with Semantic Scholar offered, not planned.
    const settled = await settledTabState(browser.worker, `arxiv:${ONCE.id}`);
    expect(settled.sources.map((s) => s.id)).not.toContain('semanticscholar');
    expect(requestsTo('api.semanticscholar.org', before)).toEqual([]);

    await s2.getByTestId('ask-once').click();
    const tldr = cards(page).filter({ hasText: S2_TLDR });
    await tldr.waitFor();
    expect(await tldr.textContent()).toMatch(/Semantic Scholar.*machine-generated/);
    expect(requestsTo('api.semanticscholar.org', before)).toHaveLength(1);
    expect(await offer(page, 'semanticscholar').count()).toBe(0);
    // The tab counts it like any summary.
    await expect.poll(() => shellPart(page, '.bar-title').textContent()).toBe('Sidenotes · 1');
    await page.screenshot({ path: join(SHOTS, 'sidebar-offers-after-ask-once.png') });
    // Few summaries, machine-written only: the other offers sit under the card, smaller.
    expect(
      await sidebarFrame(page).locator('.offers-compact [data-testid="source-offer"]').count(),
    ).toBe(2);
    await page.close();

    // Nothing remembered: the source stays off, and a second paper asks nothing.
    expect((await settings()).semanticscholar ?? false).toBe(false);
    const since = browser.requests.length;
    const second = await openEmpty(SECOND.url);
    await offer(second, 'semanticscholar').waitFor();
    expect((await settledTabState(browser.worker, `arxiv:${SECOND.id}`)).sources).toEqual([]);
    expect(requestsTo('api.semanticscholar.org', since)).toEqual([]);
    expect(await cards(second).count()).toBe(0);
    await second.close();

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    // The switches are enabled once the settings are loaded: then they say what is stored.
    const toggle = options.getByTestId('source-toggle-semanticscholar');
    await expect.poll(() => toggle.isEnabled()).toBe(true);
    expect(await toggle.isChecked()).toBe(false);
    await options.close();
  });

  it('looks right to a reader, light and dark', async () => {
    const page = await openEmpty(SHOWN.url);
    await offer(page, 'huggingface').waitFor();
    await page.screenshot({ path: join(SHOTS, 'sidebar-offers-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect
      .poll(() =>
        sidebarFrame(page)
          .locator('body')
          .evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches),
      )
      .toBe(true);
    await page.screenshot({ path: join(SHOTS, 'sidebar-offers-dark.png') });
    // Keyboard: the first offer's buttons are reachable with Tab.
    const ask = offer(page, 'openreview').getByTestId('ask-once');
    await ask.focus();
    expect(await ask.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.close();
  });

  it('Always ask turns the source on, as the options page shows, and asks it', async () => {
    const before = browser.requests.length;
    const page = await openEmpty(ALWAYS.url);
    await offer(page, 'semanticscholar').getByTestId('always-ask').click();
    await cards(page).filter({ hasText: S2_TLDR }).waitFor();
    expect(requestsTo('api.semanticscholar.org', before)).toHaveLength(1);
    expect((await settings()).semanticscholar).toBe(true);
    await page.close();

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect
      .poll(() => options.getByTestId('source-toggle-semanticscholar').isChecked())
      .toBe(true);
    await options.close();

    // On now: the next paper asks it by itself, and offers it no more.
    const next = await browser.context.newPage();
    await next.goto(SECOND.url);
    await openSidebar(next);
    await cards(next).filter({ hasText: S2_TLDR }).waitFor();
    expect(await offer(next, 'semanticscholar').count()).toBe(0);
    await next.close();
  });
});

describe('OpenReview TL;DRs on arXiv pages, by title', () => {
  it('shows the authors’ TL;DR of a note with the same title and authors, as human-written', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByTestId('source-toggle-openreview').click();
    await expect.poll(() => options.getByTestId('source-toggle-openreview').isChecked()).toBe(true);
    await options.close();

    const before = browser.requests.length;
    const page = await browser.context.newPage();
    await page.goto(OR_MATCH.url);
    await openSidebar(page);
    const tldr = cards(page).filter({ hasText: OR_TLDR });
    await tldr.waitFor();
    expect(await tldr.textContent()).toMatch(/OpenReview.*human-written.*TL;DR by the authors/);
    // Human-written above Semantic Scholar's machine-generated TLDR.
    expect(await cards(page).first().textContent()).toContain(OR_TLDR);
    const asked = requestsTo('api2.openreview.net', before);
    expect(asked).toHaveLength(1);
    expect(new URL(asked[0]!).searchParams.get('content.title')).toBe(OR_MATCH.title);
    await page.close();
  });

  it('does not show a same-titled note by other authors', async () => {
    const before = browser.requests.length;
    const page = await browser.context.newPage();
    await page.goto(OR_OTHERS.url);
    await openSidebar(page);
    await cards(page).filter({ hasText: S2_TLDR }).waitFor();
    await expect.poll(() => requestsTo('api2.openreview.net', before).length).toBe(1);
    // Asked, answered, refused: API v1 is asked next, and has nothing either.
    await expect.poll(() => requestsTo('api.openreview.net', before).length).toBe(1);
    // Both answered (and what they answered shown, or refused): nothing more will come.
    await settledTabState(browser.worker, `arxiv:${OR_OTHERS.id}`, page);
    expect(await cards(page).filter({ hasText: OR_OTHERS_TLDR }).count()).toBe(0);
    expect(await cards(page).count()).toBe(1);
    await page.close();
  });
});

describe('LongSumm on arXiv pages', () => {
  it('shows a blog summary with its author and licence', async () => {
    const page = await browser.context.newPage();
    await page.goto(LONGSUMM);
    const card = cards(page).filter({ hasText: 'DAIR.AI' });
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain('by Elvis Saravia');
    expect(text).toContain('CDLA-Sharing-1.0');
    expect(text).not.toContain('[url]');
    await page.close();
  });

  it('links a ShortScience summary’s paper as "Read on ShortScience", and nowhere asks to write there', async () => {
    const page = await browser.context.newPage();
    await page.goto(LONGSUMM_SS);
    const card = cards(page).filter({ hasText: 'Hugo Larochelle' });
    await card.waitFor();
    expect(await card.textContent()).toContain('CC BY-NC-SA 4.0');
    const frame = sidebarFrame(page);
    expect(await frame.getByTestId('read-shortscience').textContent()).toBe('Read on ShortScience');
    expect(await frame.getByTestId('read-shortscience').getAttribute('href')).toBe(
      'https://www.shortscience.org/paper?bibtexKey=journals/corr/1605.03661',
    );
    expect(
      await frame
        .locator('body')
        .getByText(/summary on ShortScience/)
        .count(),
    ).toBe(0);
    await page.close();
  });
});

describe('the first-run page', () => {
  it('opens once after install, not on the next start, and is reachable from the Sources page', async () => {
    // One browser at a time: this test installs into fresh profiles of its own.
    await browser.close();
    const profileDir = mkdtempSync(join(tmpdir(), 'sidenotes-e2e-welcome-'));
    try {
      const first = await launch({ pages: {}, profileDir, keepWelcome: true });
      const isWelcome = (p: Page) =>
        p.url() === `chrome-extension://${first.extensionId}/welcome.html`;
      await expect.poll(() => first.context.pages().filter(isWelcome).length).toBe(1);
      const welcome = first.context.pages().find(isWelcome)!;
      await welcome.getByTestId('source-row').first().waitFor();
      expect(await welcome.locator('h1').textContent()).toBe('Welcome to Sidenotes');
      expect(await welcome.getByText('nothing about what you read').count()).toBeGreaterThan(0);
      // Every source with its switch and what it sends, all off.
      const rows = welcome.getByTestId('source-row');
      expect(await rows.count()).toBe(4);
      for (const toggle of await welcome.getByRole('switch').all())
        expect(await toggle.isChecked()).toBe(false);
      expect(await rows.filter({ hasText: 'OpenReview' }).textContent()).toContain(
        'the title of a paper you open elsewhere',
      );
      // As the browser assigned them: Alt+Shift+P may be refused (it then says so and suggests it).
      const shortcuts = welcome.getByTestId('shortcut');
      expect(
        await shortcuts.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-command'))),
      ).toEqual(['toggle-sidebar', '_execute_action', 'open-side-panel']);
      expect(await shortcuts.nth(0).locator('th').textContent()).toBe('Alt+Shift+S');
      expect(await shortcuts.nth(1).locator('th').textContent()).toBe('Alt+Shift+F');
      expect(await shortcuts.nth(2).textContent()).toContain('Alt+Shift+P');
      // What sync would send, to whom, and what a forgotten passphrase means.
      const sync = await welcome.getByTestId('welcome-sync').textContent();
      for (const words of ['WebDAV folder you own', 'encrypted', 'never a title', 'forget'])
        expect(sync).toContain(words);
      await welcome.screenshot({ path: join(SHOTS, 'welcome-light.png'), fullPage: true });
      await welcome.emulateMedia({ colorScheme: 'dark' });
      await welcome.screenshot({ path: join(SHOTS, 'welcome-dark.png'), fullPage: true });
      // Keyboard: Tab reaches the close button first, Enter closes the page.
      await welcome.keyboard.press('Tab');
      expect(
        await welcome.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      ).toBe('welcome-close');
      await Promise.all([
        welcome.waitForEvent('close'),
        // The page closes under the key press.
        welcome.keyboard.press('Enter').catch(() => undefined),
      ]);
      await expect.poll(() => first.context.pages().filter(isWelcome).length).toBe(0);
      await first.close({ keepProfile: true });

      const again = await launch({ pages: {}, profileDir, keepWelcome: true });
      await new Promise((r) => setTimeout(r, 1500));
      expect(
        again.context
          .pages()
          .map((p) => p.url())
          .filter((u) => u.includes('welcome')),
      ).toEqual([]);
      const options = await again.context.newPage();
      await options.goto(`chrome-extension://${again.extensionId}/options.html`);
      await options.getByTestId('welcome-link').click();
      await options.waitForURL(/\/welcome\.html$/);
      await options.getByText('Pin the icon').waitFor();
      await again.close({ keepProfile: true });
    } finally {
      rmSync(profileDir, { recursive: true, force: true });
    }
  });
});
