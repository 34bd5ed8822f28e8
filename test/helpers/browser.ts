import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Route, type Worker } from 'playwright-core';
import { ROOT } from './fixtures';
import { FIGURE_PNG } from './pages';

/** End-to-end tests load the e2e build (SIDENOTES_E2E=1: the hosts they stand in for granted). */
export const EXTENSION_DIR = join(
  ROOT,
  process.env.SIDENOTES_E2E ? '.output/chrome-mv3-e2e' : '.output/chrome-mv3',
);
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
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export type PageBody = string | Buffer | { body: string | Buffer; contentType: string };

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
  /** False: the same browser without the extension (the bench's baseline); a path: another extension. */
  extension?: boolean | string;
}): Promise<Launched> {
  const withExtension = options.extension !== false;
  const extensionDir = typeof options.extension === 'string' ? options.extension : EXTENSION_DIR;
  if (withExtension && !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run "npm run build" first.`);
  }
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'sidenotes-e2e-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1280, height: 800 },
    args: [
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
    ],
  });
  const requests: string[] = [];
  await context.route(/^https?:\/\//, async (route: Route) => {
    const url = route.request().url();
    requests.push(url);
    if (options.route && (await options.route(url, route))) return;
    const page = options.pages[url];
    if (page !== undefined) {
      const { body, contentType } =
        typeof page === 'string' || Buffer.isBuffer(page)
          ? {
              body: page,
              contentType: Buffer.isBuffer(page) ? 'application/pdf' : 'text/html; charset=utf-8',
            }
          : page;
      return route.fulfill({ status: 200, body, contentType });
    }
    if (/\.(png|jpe?g|gif|webp)(\?|$)/i.test(url))
      return route.fulfill({ status: 200, body: FIGURE_PNG, contentType: 'image/png' });
    return route.abort('internetdisconnected');
  });
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
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile && !options.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** The sidebar host element on a page (the testing contract's stable hook). */
export const sidebarHost = (page: Page) => page.locator('sidenotes-sidebar[data-sidenotes-paper]');

/** The extension-origin sidebar frame inside the host's shadow root. */
export const sidebarFrame = (page: Page) => page.frameLocator('sidenotes-sidebar iframe');

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
