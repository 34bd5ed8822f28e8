import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXTENSION_DIR,
  launch,
  openSidebar,
  sidebarFrame,
  sidebarHost,
  sidebarState,
  type Launched,
} from '../helpers/browser';
import { readFixture, ROOT } from '../helpers/fixtures';
import { seedAbsPage, SEED } from '../helpers/pages';
import { holdsTabState, settledTabState, tabRoundTrip } from '../helpers/tab-state';

/**
 * Papers beyond the paper sites (issue 23), in real Chromium.
 *
 * What is faithful and what is not: automation cannot click the toolbar
 * icon, and only that click lends a tab through `activeTab`, nor answer a
 * permission prompt. So this test loads a copy of the end-to-end build whose
 * manifest also grants `https://*\/*` at install: the access a click would
 * lend, and the answer "Allow" to the prompts. The popup is opened as a tab
 * following the paper's window, as the toolbar would open it on that tab.
 * Everything else is the product's: nothing of Sidenotes runs on a granted
 * host until the user chooses (the probe is registered from the choice *and*
 * the grant), the popup's opening runs the probe, the probe's report runs
 * the detection script, "Always on" and the options switch register and
 * unregister the probe. Since the hosts are granted already, the switches
 * raise no prompt, which is what a browser does with a granted permission.
 */
const ACM = 'https://dl.acm.org/doi/10.1145/3025453.3025912';
const ACM_KEY = 'doi:10.1145/3025453.3025912';
const ACM_NEXT = 'https://dl.acm.org/doi/10.1145/2639988.2655736';
const ACM_NEXT_KEY = 'doi:10.1145/2639988.2655736';
/** A paper no bundled summary knows (KDD '19): its sidebar opens only because the reader asked. */
const ACM_UNKNOWN = 'https://dl.acm.org/doi/10.1145/3292500.3330701';
const ACM_UNKNOWN_KEY = 'doi:10.1145/3292500.3330701';
const EPRINTS = 'https://eprints.example.ac.uk/20417/';
const BLOG = 'https://blog.example.net/2024/05/weekend-notes';
const ABS = `https://arxiv.org/abs/${SEED.arxivId}`;
const SHOTS = join(ROOT, 'test/screenshots');

const acm = readFixture('pages/anysite-acm/doi.html');
const pages = {
  [ACM]: acm,
  // The next page of the same host: another paper the bundled index knows.
  [ACM_NEXT]: acm
    .split('3025453.3025912')
    .join('2639988.2655736')
    .replace(/Same Stats, Different Graphs[^<"|]*/g, 'The Network is Reliable'),
  [ACM_UNKNOWN]: acm
    .split('3025453.3025912')
    .join('3292500.3330701')
    .replace(
      /Same Stats, Different Graphs[^<"|]*/g,
      'Optuna: A Next-generation Hyperparameter Optimization Framework',
    ),
  [EPRINTS]: readFixture('pages/anysite-eprints/record.html'),
  [BLOG]: readFixture('pages/anysite-nometa/post.html'),
  [ABS]: seedAbsPage(),
};

/** The e2e build, its manifest also granting every https host (see above). */
function grantedBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sidenotes-anysite-ext-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    host_permissions?: string[];
  };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), 'https://*/*'];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

/** Every message the worker gets from a page (type and address), beside the router. */
async function noteMessages(b: Launched) {
  await b.worker.evaluate(() => {
    const g = globalThis as { sidenotesTestMessages?: Array<{ type: string; url: string }> };
    if (g.sidenotesTestMessages) return;
    const seen: Array<{ type: string; url: string }> = [];
    g.sidenotesTestMessages = seen;
    chrome.runtime.onMessage.addListener((message: unknown, sender) => {
      const type = String((message as { type?: unknown } | null)?.type);
      if (sender.tab) seen.push({ type, url: sender.url ?? '' });
      return undefined;
    });
  });
}
/** The types of the messages noted from `url`, from the `since`-th message noted on. */
const messagesFrom = (b: Launched, url: string, since = 0) =>
  b.worker.evaluate(
    ([at, from]) =>
      (
        (globalThis as { sidenotesTestMessages?: Array<{ type: string; url: string }> })
          .sidenotesTestMessages ?? []
      )
        .slice(from)
        .filter((m) => m.url === at)
        .map((m) => m.type),
    [url, since] as const,
  );
const messagesNoted = (b: Launched) =>
  b.worker.evaluate(
    () => (globalThis as { sidenotesTestMessages?: unknown[] }).sidenotesTestMessages?.length ?? 0,
  );
const registered = (b: Launched) =>
  b.worker.evaluate(async () =>
    (await chrome.scripting.getRegisteredContentScripts()).map((s) => [s.id, s.matches]),
  );

/**
 * After `page` loaded `url`: nothing of Sidenotes ran there and nothing was
 * reported. Positive signals, not a wait: the page's load event (the probe
 * runs before it), a round trip to the tab answered by no script, then a
 * watched paper page opened in the same tab and settled, after whose
 * report any from the page before it would have arrived.
 */
async function expectNothingOn(b: Launched, page: Page, url: string) {
  const since = await messagesNoted(b);
  await page.goto(url, { waitUntil: 'load' });
  expect(await tabRoundTrip(b.worker, page)).toBe('no script');
  expect(await page.locator('sidenotes-sidebar').count()).toBe(0);
  await page.goto(ABS);
  await settledTabState(b.worker, `arxiv:${SEED.arxivId}`);
  expect(await messagesFrom(b, url, since)).toEqual([]);
}

/** The popup, as the toolbar opens it on the window's active tab (`page`). */
async function openPopupOn(b: Launched, page: Page): Promise<Page> {
  const windowId = await b.worker.evaluate(
    async () => (await chrome.windows.getAll({ windowTypes: ['normal'] }))[0]!.id!,
  );
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html?window=${windowId}`);
  await page.bringToFront();
  await popup.reload();
  await popup.setViewportSize({ width: 440, height: 640 });
  // The click's look at the tab is over: a later navigation of the tab cannot meet it.
  await popup.locator('html[data-recognised-tab]').waitFor({ state: 'attached' });
  return popup;
}

describe('papers on any site, when the user wants it', () => {
  let b: Launched;
  let extensionDir: string;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    extensionDir = grantedBuild();
    b = await launch({ pages, extension: extensionDir });
    await noteMessages(b);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    rmSync(extensionDir, { recursive: true, force: true });
  });

  it('shows nothing on a publisher page until the toolbar is clicked, then its sidebar; "Always on" and off', async () => {
    const page = await b.context.newPage();
    expect(await registered(b)).toEqual([]);
    await expectNothingOn(b, page, ACM);
    expect(await holdsTabState(b.worker, ACM_KEY)).toBe(false);

    // The click: the popup opens on the tab and the paper is found there.
    await page.goto(ACM);
    const popup = await openPopupOn(b, page);
    await sidebarHost(page)
      .and(page.locator(`[data-sidenotes-paper="${ACM_KEY}"]`))
      .waitFor({ state: 'attached' });
    await settledTabState(b.worker, ACM_KEY, page);
    await openSidebar(page);
    await sidebarFrame(page).getByTestId('summary-card').first().waitFor({ state: 'attached' });
    await popup.getByTestId('current-paper').waitFor({ state: 'attached' });
    expect(await popup.getByTestId('current-paper').textContent()).toContain(
      'Same Stats, Different Graphs',
    );

    // "Always on dl.acm.org": the next page of the host shows its sidebar by itself.
    const offer = popup.getByTestId('always-on');
    await offer
      .getByRole('button', { name: 'Always on dl.acm.org' })
      .waitFor({ state: 'attached' });
    await popup.screenshot({ path: join(SHOTS, 'popup-always-on.png') });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.screenshot({ path: join(SHOTS, 'popup-always-on-dark.png') });
    await popup.emulateMedia({ colorScheme: 'light' });
    await offer.getByRole('button', { name: 'Always on dl.acm.org' }).click();
    await offer
      .getByText('recognises papers on dl.acm.org by itself')
      .waitFor({ state: 'attached' });
    await expect
      .poll(() => registered(b))
      .toEqual([['sidenotes-probe-hosts', ['https://dl.acm.org/*']]]);
    // Done with it: a popup left open follows the window's active tab onto the next pages.
    await popup.close();
    const next = await b.context.newPage();
    await next.goto(ACM_NEXT);
    await sidebarHost(next)
      .and(next.locator(`[data-sidenotes-paper="${ACM_NEXT_KEY}"]`))
      .waitFor({ state: 'attached' });
    await settledTabState(b.worker, ACM_NEXT_KEY, next);
    expect(await messagesFrom(b, ACM_NEXT)).toContain('page:scholarly');

    // Off again: the probe is gone, and the host's pages get nothing.
    await openPopupOn(b, next).then(async (again) => {
      await again.getByTestId('always-on').getByRole('button', { name: 'Stop' }).click();
      await expect.poll(() => registered(b)).toEqual([]);
      await again.close();
    });
    await expectNothingOn(b, next, ACM);
    await Promise.all([next.close(), page.close()]);
  }, 60_000);

  it('opens the sidebar of a paper no bundled summary knows when the reader clicked for it', async () => {
    const page = await b.context.newPage();
    await page.goto(ACM_UNKNOWN);
    const popup = await openPopupOn(b, page);
    await sidebarHost(page)
      .and(page.locator(`[data-sidenotes-paper="${ACM_UNKNOWN_KEY}"]`))
      .waitFor({ state: 'attached' });
    await settledTabState(b.worker, ACM_UNKNOWN_KEY, page);
    // Open without a click on its tab (the bundled index alone would leave it folded).
    expect(await sidebarState(page)).toBe('expanded');
    await sidebarFrame(page).getByTestId('write-own').waitFor({ state: 'attached' });
    await sidebarFrame(page).getByTestId('source-offer').first().waitFor({ state: 'attached' });
    // The popup shows it as on the paper sites.
    await popup.getByTestId('current-paper').getByText('Optuna').waitFor({ state: 'attached' });
    await Promise.all([popup.close(), page.close()]);
  }, 30_000);

  it('recognises papers on every site from the options switch, and leaves pages without metadata alone', async () => {
    const options = await b.context.newPage();
    await options.goto(`chrome-extension://${b.extensionId}/options.html`);
    const allSites = options.getByTestId('all-sites');
    await expect.poll(() => allSites.isChecked()).toBe(false);
    // Granted already: no prompt (one would leave the switch off in headless Chromium).
    await allSites.click();
    await expect.poll(() => allSites.getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => registered(b)).toEqual([['sidenotes-probe-all', ['https://*/*']]]);
    await options
      .getByTestId('every-site')
      .screenshot({ path: join(SHOTS, 'options-all-sites.png') });
    await options.emulateMedia({ colorScheme: 'dark' });
    await options
      .getByTestId('every-site')
      .screenshot({ path: join(SHOTS, 'options-all-sites-dark.png') });

    const page = await b.context.newPage();
    // citation_doi on a host no list names: its sidebar, by itself.
    await page.goto(EPRINTS);
    await sidebarHost(page)
      .and(page.locator(`[data-sidenotes-paper="${ACM_NEXT_KEY}"]`))
      .waitFor({ state: 'attached' });
    // No metadata: the probe sends nothing, and nothing else runs.
    await expectNothingOn(b, page, BLOG);
    // The paper sites keep their own script: the probe is not run there too.
    expect(await messagesFrom(b, ABS)).not.toContain('page:scholarly');

    await allSites.click();
    await expect.poll(() => allSites.getAttribute('aria-checked')).toBe('false');
    await expect.poll(() => registered(b)).toEqual([]);
    await Promise.all([page.close(), options.close()]);
  }, 60_000);
});
