import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  type BrowserContext,
  type Frame,
  type Locator,
  type Page,
  type Route,
  type Worker,
} from 'playwright-core';
import { builtExtension } from './fixtures';
import { answerFor, type PageBody } from './serve';

/** End-to-end tests load the e2e build (SIDENOTES_E2E=1: the hosts they stand in for granted). */
export const EXTENSION_DIR = builtExtension('chrome');
// Debian's /usr/bin/chromium is a shell wrapper that adds flags of its own
// (an empty --load-extension among them); drive the binary itself.
export const CHROMIUM =
  process.env.CHROMIUM_PATH ??
  (existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : '/usr/bin/chromium');

export interface Launched {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  profileDir: string;
  /** Every http(s) request the browser tried, routed or not. */
  requests: string[];
  /** With realTabs: the browser's DevTools endpoint (a second client may attach, as a profiler). */
  endpoint?: string;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export type { PageBody };

/**
 * Real Chromium with the built extension, offline: URLs in `pages` are
 * served from memory under their real address, figures get a placeholder,
 * every other request is refused.
 */
export async function launch(options: {
  pages: Record<string, PageBody>;
  colorScheme?: 'light' | 'dark';
  profileDir?: string;
  headless?: boolean;
  /** Handles a request first (a local server standing in for a remote host); true if it did. */
  route?: (url: string, route: Route) => Promise<boolean>;
  /** An origin on this machine reached directly, never routed (a real server under test). */
  direct?: string;
  /** False: the same browser without the extension (the bench's baseline); a path: another extension. */
  extension?: boolean | string;
  /** Keep the first-run page that a fresh profile opens at install (closed otherwise). */
  keepWelcome?: boolean;
  /**
   * Tabs as in a person's browser: a tab opened with openInBackground() is
   * hidden until brought to front. Playwright's own launch emulates focus on
   * every page, which keeps every tab visible; here Chromium is started
   * apart and Playwright attaches without its default overrides (headless
   * only, light colour scheme, no viewport emulation).
   */
  realTabs?: boolean;
}): Promise<Launched> {
  const withExtension = options.extension !== false;
  const extensionDir = typeof options.extension === 'string' ? options.extension : EXTENSION_DIR;
  if (withExtension && !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run "npm run build" first.`);
  }
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'sidenotes-e2e-'));
  const args = [
    ...(withExtension
      ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
      : []),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  const { context, stop, endpoint } = options.realTabs
    ? await launchApart(profileDir, args)
    : {
        context: await chromium.launchPersistentContext(profileDir, {
          executablePath: CHROMIUM,
          headless: options.headless ?? true,
          colorScheme: options.colorScheme ?? 'light',
          viewport: { width: 1280, height: 800 },
          args,
        }),
        stop: async () => undefined,
        endpoint: undefined,
      };
  const requests: string[] = [];
  const routed = options.direct
    ? new RegExp(`^(?!${options.direct.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/)https?://`)
    : /^https?:\/\//;
  await context.route(routed, async (route: Route) => {
    const url = route.request().url();
    requests.push(url);
    if (options.route && (await options.route(url, route))) return;
    const answer = answerFor(options.pages, url);
    if (answer) return route.fulfill(answer);
    return route.abort('internetdisconnected');
  });
  if (withExtension && !options.keepWelcome) {
    // Sidenotes opens its first-run page at install: tests about other things close it.
    const closeWelcome = (page: Page) =>
      void page
        .waitForURL(/\/welcome\.html$/, { timeout: 15_000, waitUntil: 'commit' })
        .then(() => page.close())
        .catch(() => undefined);
    context.pages().forEach(closeWelcome);
    context.on('page', closeWelcome);
    // Closing it makes the tab beside it active: with real tabs, open none before it is gone.
    if (options.realTabs && typeof options.extension !== 'string') {
      const welcome =
        context.pages().find((p) => p.url().endsWith('/welcome.html')) ??
        (await context.waitForEvent('page', {
          predicate: (p) => p.url().endsWith('/welcome.html'),
          timeout: 15_000,
        }));
      await welcome.waitForEvent('close');
    }
  }
  const worker = withExtension
    ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker')))
    : (undefined as unknown as Worker);
  const extensionId = withExtension ? new URL(worker.url()).host : '';
  return {
    context,
    worker,
    extensionId,
    profileDir,
    requests,
    endpoint,
    async close({ keepProfile = false } = {}) {
      await context.close();
      await stop();
      // Chromium's helper processes may write a moment after it exits: retry.
      if (!keepProfile && !options.profileDir)
        rmSync(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

/** Chromium started apart (see `realTabs`), Playwright attached to it over CDP. */
async function launchApart(profileDir: string, args: string[]) {
  const child = spawn(
    CHROMIUM,
    [
      ...args,
      '--headless=new',
      '--remote-debugging-port=0',
      `--user-data-dir=${profileDir}`,
      '--window-size=1280,800',
      'about:blank',
    ],
    // Its own process group, so that stop() ends its helper processes too.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  // Its own process group outlives this one: a run that ends without close() takes it along.
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group has ended already
    }
  };
  process.once('exit', killGroup);
  const endpoint = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${err}`)), 30_000);
    child.stderr.on('data', (chunk: Buffer) => {
      err += String(chunk);
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${err}`)));
  }).catch((error: unknown) => {
    killGroup();
    throw error;
  });
  const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true });
  const exited = new Promise((r) =>
    (child.exitCode ?? child.signalCode) !== null ? r(null) : child.once('exit', r),
  );
  return {
    context: browser.contexts()[0]!,
    endpoint,
    async stop() {
      // Browser.close ends Chromium as its window closing would (it writes the profile first).
      const cdp = await browser.newBrowserCDPSession().catch(() => null);
      await cdp?.send('Browser.close').catch(() => undefined);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      await browser.close().catch(() => undefined);
      killGroup();
      process.off('exit', killGroup);
      await exited;
    },
  };
}

/**
 * Opens `url` in a background tab of the current window, as a restored
 * session or a middle-click does: hidden (in a `realTabs` browser) until
 * brought to front.
 */
let backgroundTabs = 0;
export async function openInBackground(context: BrowserContext, url: string): Promise<Page> {
  const cdp = await context.browser()!.newBrowserCDPSession();
  try {
    // Marked, to tell it from a page the extension opens meanwhile (its first-run page).
    const blank = `about:blank#background-${++backgroundTabs}`;
    const opened = context.waitForEvent('page', (p) => p.url() === blank);
    await cdp.send('Target.createTarget', { url: blank, background: true });
    const page = await opened;
    await page.goto(url);
    return page;
  } finally {
    await cdp.detach();
  }
}

/** The sidebar host element on a page (the testing contract's stable hook). */
export const sidebarHost = (page: Page) => page.locator('sidenotes-sidebar[data-sidenotes-paper]');

const CHAIN = new Set([
  'locator',
  'getByTestId',
  'getByRole',
  'getByText',
  'filter',
  'first',
  'last',
  'nth',
]);
type Step = [method: string, args: unknown[]];

/** The page's current sidebar frame: found by its URL, since its host's shadow root is closed. */
async function currentSidebarFrame(page: Page, timeoutMs = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page
      .frames()
      .find((f) => /\/sidebar\.html(#|$)/.test(f.url()) && !f.isDetached());
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('No Sidenotes sidebar frame on this page.');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until the frame reports it has been on screen for `ms` (at most 5 s). */
async function waitUntilShownFor(frame: Frame, ms: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const shownMs = await frame
      .evaluate(() => {
        const since = document.documentElement.dataset.seenSince;
        return since ? performance.now() - Number(since) : -1;
      })
      .catch(() => ms);
    if (shownMs >= ms) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A locator in the sidebar frame, resolved anew (the frame may be replaced) on every action. */
function lazyLocator(page: Page, steps: Step[]): Locator {
  return new Proxy({} as Locator, {
    get(_target, method: string) {
      if (method === 'then') return undefined; // not a promise
      if (CHAIN.has(method))
        return (...args: unknown[]) => lazyLocator(page, [...steps, [method, args]]);
      return async (...args: unknown[]) => {
        // A sidebar frame replaced meanwhile (a new page view) detaches: act on the new one.
        for (let attempt = 0; ; attempt++) {
          try {
            const frame = await currentSidebarFrame(page);
            // A person reads before clicking: the frame refuses writes in its first
            // few hundred ms on screen (hooks/visible-to-user.ts), as a clickjacking guard.
            if (method === 'click') await waitUntilShownFor(frame, 400);
            let at: unknown = frame;
            for (const [m, a] of steps)
              at = (at as Record<string, (...x: unknown[]) => unknown>)[m]!(...a);
            return await (at as Record<string, (...x: unknown[]) => Promise<unknown>>)[method]!(
              ...args,
            );
          } catch (error) {
            if (attempt < 3 && /detached/i.test(String(error))) continue;
            throw error;
          }
        }
      };
    },
  });
}

/**
 * The extension-origin sidebar frame. Its host's shadow root is closed (page
 * scripts cannot reach it), so Playwright cannot pierce it by CSS: the frame
 * is found among the page's frames, and locators in it resolve lazily, as a
 * FrameLocator's do.
 */
export const sidebarFrame = (page: Page) => ({
  locator: (selector: string) => lazyLocator(page, [['locator', [selector]]]),
  getByTestId: (id: string) => lazyLocator(page, [['getByTestId', [id]]]),
});

/**
 * A part of the sidebar's shell (the tab, the panel, the close button, the
 * resize handle) inside the host's closed shadow root, reached through the
 * DevTools protocol as a user's pointer and keyboard reach it.
 */
export function shellPart(page: Page, selector: string) {
  const node = async () => {
    const cdp = await page.context().newCDPSession(page);
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
      root: CdpNode;
    };
    const host = findNode(root, (n) => n.nodeName === 'SIDENOTES-SIDEBAR');
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return { cdp, nodeId: 0 };
    const { nodeId } = (await cdp.send('DOM.querySelector', {
      nodeId: shadow.nodeId,
      selector,
    })) as { nodeId: number };
    return { cdp, nodeId };
  };
  const box = async () => {
    const { cdp, nodeId } = await node();
    if (!nodeId) return null;
    try {
      const { model } = (await cdp.send('DOM.getBoxModel', { nodeId })) as {
        model: { border: number[]; width: number; height: number };
      };
      const [x, y] = model.border as [number, number];
      return model.width && model.height
        ? { x, y, width: model.width, height: model.height }
        : null;
    } catch {
      return null; // not rendered (display: none)
    } finally {
      await cdp.detach();
    }
  };
  const call = async <T>(fn: string): Promise<T> => {
    const { cdp, nodeId } = await node();
    try {
      const { object } = (await cdp.send('DOM.resolveNode', { nodeId })) as {
        object: { objectId: string };
      };
      const { result } = (await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: fn,
        returnByValue: true,
      })) as { result: { value: T } };
      return result.value;
    } finally {
      await cdp.detach();
    }
  };
  const waitForBox = async () => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const b = await box();
      if (b) return b;
      if (Date.now() > deadline) throw new Error(`${selector} never showed in the sidebar shell.`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return {
    boundingBox: box,
    isVisible: async () => (await box()) !== null,
    waitFor: waitForBox,
    textContent: () => call<string>('function () { return this.textContent; }'),
    focus: () => call<void>('function () { this.focus(); }'),
    /** Its computed style's `property` (kebab-case), as the page renders it. */
    style: (property: string) =>
      call<string>(
        `function () { return getComputedStyle(this).getPropertyValue(${JSON.stringify(property)}); }`,
      ),
    /**
     * As Playwright's own click: once the part has kept its place for two
     * frames. Chrome routes a click to an extension frame by the last frame
     * it drew, so a tab shown where the panel's frame just was would
     * otherwise send the click to that hidden frame.
     */
    async click() {
      for (let b = await waitForBox(); ;) {
        await page.evaluate(
          () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
        );
        const again = await waitForBox();
        if (JSON.stringify(again) === JSON.stringify(b))
          return page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
        b = again;
      }
    },
  };
}

/** 'expanded' when the sidebar's panel is on screen, else 'collapsed' (the host says nothing). */
export async function sidebarState(page: Page): Promise<'expanded' | 'collapsed'> {
  return (await shellPart(page, 'aside').isVisible()) ? 'expanded' : 'collapsed';
}

/**
 * Opens the page's sidebar if it did not open by itself, as a reader would
 * with the tab: it opens alone only for papers the bundled index knows.
 */
export async function openSidebar(page: Page): Promise<void> {
  await page.locator('sidenotes-sidebar').waitFor({ state: 'attached' });
  if ((await sidebarState(page)) === 'collapsed') await shellPart(page, 'button.tab').click();
}

interface CdpNode {
  nodeId: number;
  nodeName: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

function findNode(node: CdpNode, test: (n: CdpNode) => boolean): CdpNode | undefined {
  if (test(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findNode(child, test);
    if (found) return found;
  }
  return undefined;
}

/**
 * The toolbar badge of the page's tab. The extension has no "tabs"
 * permission (it needs none), so tabs are found by being active, not by URL.
 */
export async function badgeText(worker: Worker, page: Page): Promise<string> {
  await page.bringToFront();
  return worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return chrome.action.getBadgeText({ tabId: tab.id });
  });
}
