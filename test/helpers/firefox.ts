import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Frame, type HTTPRequest, type Page } from 'puppeteer-core';
import type { LibraryItem } from '@/utils/core/library-item';
import { exportJson } from '@/utils/library/export';
import { builtExtension } from './fixtures';
import { answerFor, type PageBody } from './serve';

/**
 * Real Firefox (Debian's firefox-esr) with the built extension, driven by
 * puppeteer-core over WebDriver BiDi: no geckodriver, no browser download.
 * The stand-in web is the Chromium tests' own (./serve.ts, ./pages.ts).
 */
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = builtExtension('firefox');
/** browser_specific_settings.gecko.id in wxt.config.ts. */
export const GECKO_ID = 'sidenotes@sidenotes.invalid';
/** The moz-extension:// host, fixed by a pref so that URLs are known before the add-on starts. */
export const EXTENSION_UUID = '5ea1d0e5-0000-4000-8000-5ea1d0e5f00d';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

export interface FirefoxLaunched {
  browser: Browser;
  profileDir: string;
  /** Every http(s) request a page tried (extension pages and the background are not routed). */
  requests: string[];
  /** A new tab whose web requests are answered from `pages`. */
  newPage(): Promise<Page>;
  /**
   * moz-extension://…/`path` in a new tab (automation may not navigate
   * there itself), opened from an extension tab or a sidebar already open.
   */
  extensionPage(path: string): Promise<Page>;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

/**
 * How the add-on is installed. 'temporary': WebDriver BiDi's
 * webExtension.install, as about:debugging does (gone at restart).
 * 'profile': an .xpi in the profile's extensions folder, as an installed
 * add-on (unsigned: the ESR honours xpinstall.signatures.required), kept
 * across restarts of the same profile.
 */
export type Install = 'temporary' | 'profile';

export async function launch(options: {
  pages: Record<string, PageBody>;
  profileDir?: string;
  install?: Install;
  /** Firefox's own default (true) grants an MV3 add-on's host matches at install; false: as a user who has not. */
  grantByDefault?: boolean;
  /** Keep the first-run page that the add-on opens at install (closed otherwise). */
  keepWelcome?: boolean;
  extensionDir?: string;
  /** More Firefox preferences (about:config) for this run. */
  prefs?: Record<string, unknown>;
  /** False: a window on screen (npm run start:firefox). */
  headless?: boolean;
  /** False: what `pages` does not answer loads from the network (npm run start:firefox). */
  offline?: boolean;
  /** Accept any certificate (a local https stand-in's, ./tls-stand-in.ts). */
  acceptInsecureCerts?: boolean;
}): Promise<FirefoxLaunched> {
  const extensionDir = options.extensionDir ?? FIREFOX_EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json')))
    throw new Error(`No built extension in ${extensionDir}: run "npm run build:firefox" first.`);
  if (!existsSync(FIREFOX))
    throw new Error(`No Firefox at ${FIREFOX}: run "bash scripts/ensure-test-tools.sh".`);
  const install = options.install ?? 'temporary';
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'sidenotes-ff-'));
  const fresh = !existsSync(join(profileDir, 'extensions', `${GECKO_ID}.xpi`));
  if (install === 'profile') {
    mkdirSync(join(profileDir, 'extensions'), { recursive: true });
    // Always the current build: a restart reloads the same code, a rebuilt one replaces it.
    const xpi = join(profileDir, 'extensions', `${GECKO_ID}.xpi`);
    rmSync(xpi, { force: true });
    execFileSync('zip', ['-q', '-r', '-1', xpi, '.'], { cwd: extensionDir });
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: options.headless ?? true,
    acceptInsecureCerts: options.acceptInsecureCerts ?? false,
    userDataDir: profileDir,
    defaultViewport: options.headless === false ? null : { width: 1280, height: 800 },
    extraPrefsFirefox: {
      'extensions.originControls.grantByDefault': options.grantByDefault ?? true,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'xpinstall.signatures.required': false,
      // Never ask the real web for anything the tests did not serve.
      'network.dns.disableIPv6': true,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      ...options.prefs,
    },
  });
  const requests: string[] = [];
  const serve = (request: HTTPRequest) => {
    const url = request.url();
    if (!/^https?:\/\//.test(url)) return void request.continue().catch(() => undefined);
    requests.push(url);
    const answer = answerFor(options.pages, url);
    if (answer) return void request.respond(answer).catch(() => undefined);
    if (options.offline === false) return void request.continue().catch(() => undefined);
    void request.abort('internetdisconnected').catch(() => undefined);
  };
  const welcome = (fresh || install === 'temporary') && waitForPage(browser, '/welcome.html');
  if (install === 'temporary') await browser.installExtension(extensionDir);
  // Kept open until close: extension pages are opened from it (see extensionPage).
  const anchor = welcome ? await welcome.catch(() => null) : null;
  if (anchor && !options.keepWelcome) await goInPage(anchor, `${EXTENSION_ORIGIN}/library.html`);

  return {
    browser,
    profileDir,
    requests,
    async newPage() {
      const page = await browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', serve);
      return page;
    },
    async extensionPage(path) {
      const url = `${EXTENSION_ORIGIN}/${path}`;
      const from = await extensionFrame(browser);
      const opened = waitForPage(browser, url, 30_000);
      // An extension tab has `tabs`; a sidebar frame in a web page has not in Firefox, but
      // its window.open is not held back by the popup blocker (a tab's is, without a click).
      await from.evaluate((u) => {
        const tabs = (globalThis as unknown as { browser: Partial<typeof chrome> }).browser.tabs;
        if (tabs) return tabs.create({ url: u }).then(() => undefined);
        window.open(u, '_blank', 'noopener');
      }, url);
      return opened;
    },
    async close({ keepProfile = false } = {}) {
      await browser.close();
      if (!keepProfile && !options.profileDir)
        rmSync(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

/** The id of the browser window the paper tabs open in (the first-run tab's). */
export async function paperWindowId(browser: Browser): Promise<number> {
  const library = await waitForPage(browser, `${EXTENSION_ORIGIN}/library.html`);
  return library.evaluate(async () => {
    const b = (globalThis as unknown as { browser: typeof chrome }).browser;
    return (await b.windows.getCurrent()).id!;
  });
}

/**
 * One of the add-on's pages (`popup.html`, `sidepanel.html`: Firefox's
 * sidebar) in a small window of its own, following window `windowId`'s
 * active tab as the toolbar popup and Firefox's sidebar do: surfaces beside
 * the tab, which automation can open neither of. Opened from the first-run
 * tab (an extension page may open windows; automation may not go there).
 */
export async function besideTheTab(
  browser: Browser,
  path: string,
  windowId: number,
): Promise<Page> {
  const url = `${EXTENSION_ORIGIN}/${path}${path.includes('?') ? '&' : '?'}window=${windowId}`;
  const from = await waitForPage(browser, `${EXTENSION_ORIGIN}/library.html`);
  const opened = waitForPage(browser, url);
  await from.evaluate((u) => {
    const b = (globalThis as unknown as { browser: typeof chrome }).browser;
    return b.windows
      .create({ url: u, type: 'popup', width: 420, height: 760 })
      .then(() => undefined);
  }, url);
  return opened;
}

/** Where a tab really is: Puppeteer may report an extension tab as about:blank. */
export const locationOf = (page: Page): Promise<string> =>
  page.evaluate(() => location.href).catch(() => page.url());

/** The first tab (open now or soon) whose location is `url`, or ends with it. */
export async function waitForPage(browser: Browser, url: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const page of await browser.pages()) {
      const at = await locationOf(page);
      if (at === url || at.endsWith(url)) return page;
    }
    if (Date.now() > deadline) throw new Error(`No tab opened ${url}.`);
    await sleep(50);
  }
}

/** Moves an extension tab to another of the add-on's pages, as the page itself may. */
async function goInPage(page: Page, url: string) {
  await page.evaluate((u) => location.replace(u), url);
  const deadline = Date.now() + 10_000;
  while (
    (await locationOf(page)) !== url ||
    !(await page.evaluate(() => document.readyState === 'complete').catch(() => false))
  ) {
    if (Date.now() > deadline) throw new Error(`The tab did not move to ${url}.`);
    await sleep(50);
  }
}

/** Any frame of the add-on's origin: an extension tab, or a sidebar in a paper's tab. */
async function extensionFrame(browser: Browser): Promise<Frame> {
  const pages = await browser.pages();
  // An extension tab first: it has `tabs`, and it is not a frame its page may be tearing down.
  for (const page of pages)
    if ((await locationOf(page)).startsWith(EXTENSION_ORIGIN)) return page.mainFrame();
  for (const page of pages) {
    const frame = page.frames().find((f) => f.url().startsWith(EXTENSION_ORIGIN) && !f.detached);
    if (frame) return frame;
  }
  throw new Error('No Sidenotes page or sidebar is open to open another page from.');
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The page's current sidebar frame (its host's shadow root is closed: found
 * by its address). Puppeteer may keep the about:blank it first reported for
 * a frame whose address was set later: such frames are asked where they are.
 */
export async function sidebarFrame(page: Page, timeoutMs = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  const isSidebar = (url: string) => /^moz-extension:\/\/[^/]+\/sidebar\.html(#|$)/.test(url);
  for (;;) {
    for (const frame of page.frames()) {
      if (frame.detached || frame === page.mainFrame()) continue;
      const url = frame.url();
      if (isSidebar(url)) return frame;
      if (url === 'about:blank' || url === '') {
        const at = await frame.evaluate(() => location.href).catch(() => '');
        if (isSidebar(at)) return frame;
      }
    }
    if (Date.now() > deadline) throw new Error('No Sidenotes sidebar frame on this page.');
    await sleep(50);
  }
}

/**
 * `fn` evaluated in the sidebar frame, the frame found anew on every try (a
 * new page view replaces it), until it returns something truthy.
 */
export async function inSidebar<T>(
  page: Page,
  fn: () => T | Promise<T>,
  timeoutMs = 20_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const frame = await sidebarFrame(page, Math.max(0, deadline - Date.now()));
      last = await frame.evaluate(fn);
      if (last) return last as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Not in the sidebar in time: ${String(last)}`);
    await sleep(50);
  }
}

/** Waits for `selector` in the sidebar frame and clicks it with the pointer (real input events). */
export async function clickInSidebar(
  page: Page,
  selector: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = await sidebarFrame(page, Math.max(0, deadline - Date.now()));
    const handle = await frame.$(selector).catch(() => null);
    if (handle) {
      try {
        return await handle.click();
      } finally {
        await handle.dispose().catch(() => undefined);
      }
    }
    if (Date.now() > deadline) throw new Error(`No ${selector} in the sidebar.`);
    await sleep(50);
  }
}

/** An attribute of the first `selector` in the sidebar frame (null while there is none). */
export async function sidebarAttribute(page: Page, selector: string, name: string) {
  const frame = await sidebarFrame(page);
  return frame.$eval(selector, (el, n) => el.getAttribute(n), name).catch(() => null);
}

/** The sidebar host's paper key (the testing contract's `data-sidenotes-paper`). */
export const sidebarPaper = (page: Page): Promise<string | null> =>
  page.evaluate(
    () => document.querySelector('sidenotes-sidebar')?.getAttribute('data-sidenotes-paper') ?? null,
  );

/** Where `selector` in the sidebar frame is on the page (CSS px of the tab), or null. */
export async function sidebarBox(page: Page, selector: string) {
  const frame = await sidebarFrame(page);
  const element = await frame.frameElement();
  const outer = await element?.boundingBox();
  const inner = await frame
    .$eval(selector, (el) => {
      const r = el.getBoundingClientRect();
      return r.width && r.height ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
    })
    .catch(() => null);
  await element?.dispose();
  return outer && inner ? { ...inner, x: outer.x + inner.x, y: outer.y + inner.y } : null;
}

/** A real pointer click at the middle of `selector` in the sidebar, through whatever lies over it. */
export async function pressInSidebar(page: Page, selector: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  let box = await sidebarBox(page, selector);
  while (!box) {
    if (Date.now() > deadline) throw new Error(`No ${selector} in the sidebar.`);
    await sleep(50);
    box = await sidebarBox(page, selector);
  }
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * Confirms the write the sidebar waits for, as a reader does: finds the
 * confirm where it appeared, reads it (longer than CONFIRM_MIN_MS), clicks it.
 */
export async function confirmWrite(page: Page): Promise<void> {
  const button = '[data-testid="write-confirm-button"]';
  await inSidebar(page, () => !!document.querySelector('[data-testid="write-confirm-button"]'));
  await sleep(700);
  await pressInSidebar(page, button);
}

/**
 * The library page, in front (Firefox runs a background tab's timers once a
 * second), after importing `items` as a reader does: the project's own
 * export written to a file, chosen, previewed, confirmed. Returns the page
 * and what the preview said.
 */
export async function importItems(
  ff: FirefoxLaunched,
  items: readonly LibraryItem[],
): Promise<{ page: Page; preview: string }> {
  const page = await ff.extensionPage('library.html');
  await page.bringToFront();
  await page.waitForSelector('[data-testid="library-count"]');
  const dir = mkdtempSync(join(tmpdir(), 'sidenotes-ff-import-'));
  try {
    const file = join(dir, 'import.json');
    writeFileSync(file, exportJson(items));
    const input = await page.waitForSelector('input[data-testid="import-file"]');
    await input!.uploadFile(file);
    const shown = await page.waitForSelector('[data-testid="import-preview"]');
    const preview = await shown!.evaluate((p) => p.textContent ?? '');
    await page.click('[data-testid="import-confirm"]');
    return { page, preview };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The selector of the testing contract's `data-testid` (README). */
export const testId = (id: string) => `[data-testid="${id}"]`;

/** The text of the first `data-testid="id"` in `page` ('' while there is none). */
export const testIdText = (page: Page, id: string): Promise<string> =>
  page.$eval(testId(id), (el) => el.textContent ?? '').catch(() => '');
