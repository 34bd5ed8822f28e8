import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { SearchEngine } from '../utils/search/engine';
import { buildSearchIndex } from '../utils/search/build';
import { decodeSearchData } from '../utils/search/search-file';

/**
 * `npm run bench -- --only=firefox`: the Chromium figures' counterparts in
 * real Firefox (Debian's firefox-esr, puppeteer-core over WebDriver BiDi),
 * each beside its floor measured in the same Firefox run:
 *   - paper page DOMContentLoaded → sidebar painted, background warm and
 *     after the add-on was reloaded (runtime.reload(): its background page
 *     starts anew, as after Firefox suspended it, and its content scripts are
 *     registered again); floor: a trivial add-on that makes a
 *     frame of its own page, the sidebar's size, at document_start on the
 *     same page, whose page writes a line and marks its first frame as the
 *     sidebar marks its own (installed in the same browser once Sidenotes is
 *     uninstalled);
 *   - popup opened on a query → first results; floor: a trivial page of the
 *     same add-on painting its first frame, loaded alternately; beside it a
 *     page that only reads the bundled index and then paints, and the popup
 *     with the query's papers already in the page (no index to read).
 * The budgets are Chromium's, relative to these floors.
 */
const WARM_ROUNDS = 15;
const COLD_ROUNDS = 6;
const POPUP_ROUNDS = 16;
const POPUP_QUERY = 'lottery';

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
const fmt = (xs: number[]) =>
  `p50 ${quantile(xs, 0.5).toFixed(0)} ms · p95 ${quantile(xs, 0.95).toFixed(0)} ms (n=${xs.length})`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A trivial MV3 add-on framing its own page where the sidebar sits, at its size, on arXiv. */
function trivialAddon(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sidenotes-ff-trivial-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'trivial sidebar',
      version: '1',
      background: { scripts: ['w.js'] },
      content_scripts: [
        { matches: ['https://arxiv.org/*'], js: ['c.js'], run_at: 'document_start' },
      ],
      web_accessible_resources: [{ resources: ['sidebar.html'], matches: ['https://arxiv.org/*'] }],
      browser_specific_settings: { gecko: { id: 'trivial@sidenotes.invalid' } },
    }),
  );
  writeFileSync(join(dir, 'w.js'), '');
  writeFileSync(
    join(dir, 'c.js'),
    "const f = Object.assign(document.createElement('iframe'), { src: browser.runtime.getURL('sidebar.html') });" +
      "f.style.cssText = 'position:fixed;top:0;right:0;width:400px;height:100vh;border:0;z-index:2147483647';" +
      'document.documentElement.append(f);',
  );
  writeFileSync(
    join(dir, 'sidebar.html'),
    '<!doctype html><meta charset="utf-8"><p>Sidenotes, a trivial frame</p><script src="s.js"></script>',
  );
  writeFileSync(
    join(dir, 's.js'),
    'requestAnimationFrame(() => setTimeout(() => (document.documentElement.dataset.paintedAt = String(performance.timeOrigin + performance.now()))));',
  );
  return dir;
}

/**
 * The built add-on with a one-line baseline page beside the popup, for the
 * popup's floor, and a page that only reads the index before its frame (what
 * Firefox's read of the packaged file costs, apart from our code).
 */
function buildWithBaseline(built: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sidenotes-ff-bench-'));
  cpSync(built, dir, { recursive: true });
  // Counts the background page's starts, to check that "suspended first" was.
  writeFileSync(
    join(dir, 'background.js'),
    readFileSync(join(dir, 'background.js'), 'utf8') +
      "\n;browser.storage.local.get('benchStarts').then((s) => browser.storage.local.set({ benchStarts: (s.benchStarts ?? 0) + 1 }));",
  );
  writeFileSync(
    join(dir, 'baseline.html'),
    '<!doctype html><meta charset="utf-8"><script type="module" src="baseline.js"></script>',
  );
  const painted =
    'requestAnimationFrame(() => setTimeout(() => (document.documentElement.dataset.firstResultsAt = String(performance.now()))));';
  writeFileSync(join(dir, 'baseline.js'), `document.body.textContent = 'baseline';${painted}`);
  // Read as the popup reads it: a preload link in <head>, taken by the page's script.
  writeFileSync(
    join(dir, 'read-only.html'),
    '<!doctype html><meta charset="utf-8"><link rel="preload" href="/index/search.bin" as="fetch" crossorigin><script type="module" src="read-only.js"></script>',
  );
  writeFileSync(
    join(dir, 'read-only.js'),
    `fetch('/index/search.bin').then((r) => r.arrayBuffer()).then((b) => { document.body.textContent = String(b.byteLength); ${painted} });`,
  );
  // The popup itself, given the query's papers in its first script: what our page costs with
  // no index to read at all (the least any index format or cache could leave).
  const found = queryPapersIndex(join(dir, 'index/search.bin'), POPUP_QUERY);
  writeFileSync(
    join(dir, 'in-memory-preload.js'),
    `globalThis.sidenotesSearchBytes = Promise.resolve(Uint8Array.from(atob('${Buffer.from(found).toString('base64')}'), (c) => c.charCodeAt(0)).buffer);`,
  );
  const popupHtml = readFileSync(join(dir, 'popup.html'), 'utf8');
  const inMemoryHtml = popupHtml
    .replace(/<link rel="preload"[^>]*>/, '')
    .replace('/search-preload.js', '/in-memory-preload.js');
  // Else the page would read the index after all and be measured as the popup.
  if (!inMemoryHtml.includes('/in-memory-preload.js') || inMemoryHtml.includes('search.bin'))
    throw new Error("popup.html no longer reads the index as the bench's in-memory page expects");
  writeFileSync(join(dir, 'in-memory.html'), inMemoryHtml);
  return dir;
}

/** A search file of only the papers `query` finds in `searchBin`, each with its shown excerpt. */
function queryPapersIndex(searchBin: string, query: string): Uint8Array {
  const bytes = readFileSync(searchBin);
  const data = decodeSearchData(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  );
  const { sources } = data.header;
  const hits = new SearchEngine(data).search(query, { limit: 1000 }).hits;
  return buildSearchIndex(
    hits.map(({ doc }) => ({
      key: doc.key,
      paper: { title: doc.title, authors: doc.authors.split(', '), year: doc.year ?? undefined },
      summaries: sources
        .filter((_, i) => doc.sourceMask & (1 << i))
        .map((source) => ({
          body: doc.excerpt,
          source: { ...source, kind: doc.kindMask & 1 ? ('human' as const) : ('machine' as const) },
        })),
    })),
  );
}

interface Load {
  /** DOMContentLoaded's end → the frame's first paint (negative: the frame painted first). */
  dclToPainted: number;
  /** The page's navigation start → the frame's first paint. */
  navToPainted: number;
}

/** Loads `url` in `page` and reads when the sidebar-sized frame painted, against the page's clock. */
async function load(page: Page, url: string): Promise<Load> {
  const { sidebarFrame } = await import('../test/helpers/firefox');
  await page.goto(url);
  const frame = await sidebarFrame(page).catch(async () => {
    // The trivial add-on's frame: the only moz-extension frame on the page.
    for (;;) {
      const found = page
        .frames()
        .find((f) => f !== page.mainFrame() && f.url().startsWith('moz-extension://'));
      if (found) return found;
      await sleep(10);
    }
  });
  for (;;) {
    const painted = await frame
      .evaluate(() => document.documentElement.dataset.paintedAt)
      .catch(() => undefined);
    if (painted) {
      const { origin, dcl } = await page.evaluate(() => {
        const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
        return { origin: performance.timeOrigin, dcl: entry?.domContentLoadedEventEnd ?? NaN };
      });
      return {
        dclToPainted: Number(painted) - origin - dcl,
        navToPainted: Number(painted) - origin,
      };
    }
    await sleep(10);
  }
}

/**
 * Reloads the add-on whose frame is on `page`: its frame's page opened as a
 * tab (an extension frame inside a web page lacks part of the API there)
 * asks runtime.reload(); its pages close, its background page starts anew.
 */
async function reloadAddon(browser: Browser, page: Page) {
  const { waitForPage } = await import('../test/helpers/firefox');
  const frame = page
    .frames()
    .find((f) => f !== page.mainFrame() && f.url().startsWith('moz-extension://'));
  const url = await frame!.evaluate(() => location.href);
  const opened = waitForPage(browser, url);
  await frame!.evaluate((u) => void window.open(u, '_blank', 'noopener'), url);
  const tab = await opened;
  // The tab goes with the add-on: the evaluation may never answer.
  await Promise.race([
    tab
      .evaluate(() =>
        (globalThis as unknown as { browser: typeof chrome }).browser.runtime.reload(),
      )
      .catch(() => undefined),
    sleep(500),
  ]);
}

/** Warm loads, then loads right after the add-on was reloaded. */
async function sidebarRuns(browser: Browser, page: Page, url: string) {
  await load(page, url); // warms the disk cache and the content process
  const warm: Load[] = [];
  for (let i = 0; i < WARM_ROUNDS; i++) warm.push(await load(page, url));
  const cold: Load[] = [];
  for (let i = 0; i < COLD_ROUNDS; i++) {
    await reloadAddon(browser, page);
    await sleep(1000);
    // The reload may cut a navigation short: the second try lands.
    await page.goto('about:blank').catch(() => page.goto('about:blank'));
    await sleep(500);
    cold.push(await load(page, url));
  }
  return { warm, cold };
}

export async function benchFirefox() {
  console.log('\n## Firefox (firefox-esr, WebDriver BiDi): sidebar painted, popup first results');
  const { launch, FIREFOX, GECKO_ID, EXTENSION_ORIGIN, sidebarFrame } =
    await import('../test/helpers/firefox');
  const { seedAbsPage, SEED } = await import('../test/helpers/pages');
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { stdio: 'ignore' });
  const version = execFileSync(FIREFOX, ['--version'], { encoding: 'utf8' }).trim();
  console.log(version);
  const url = `https://arxiv.org/abs/${SEED.arxivId}`;
  const ext = buildWithBaseline(join(process.cwd(), '.output/firefox-mv3'));
  const trivial = trivialAddon();
  const ff = await launch({
    pages: { [url]: seedAbsPage() },
    extensionDir: ext,
  });
  try {
    // Popup → first results, alternating with the baseline page, each load a tab of its own.
    const read = async (path: string) => {
      const page = await ff.extensionPage(path);
      try {
        for (;;) {
          const at = await page
            .evaluate(() => document.documentElement.dataset.firstResultsAt)
            .catch(() => undefined);
          if (at) return Number(at);
          await sleep(20);
        }
      } finally {
        await page.close();
      }
    };
    const popup: number[] = [];
    const floor: number[] = [];
    const readOnly: number[] = [];
    const inMemory: number[] = [];
    for (let i = 0; i < POPUP_ROUNDS + 3; i++) {
      const p = await read(`popup.html?q=${POPUP_QUERY}`);
      const f = await read('baseline.html');
      const r = await read('read-only.html');
      const m = await read(`in-memory.html?q=${POPUP_QUERY}`);
      if (i < 3) continue;
      popup.push(p);
      floor.push(f);
      readOnly.push(r);
      inMemory.push(m);
    }
    console.log(
      `popup.html?q=${POPUP_QUERY}: navigation start → first results on screen: ${fmt(popup)}`,
    );
    console.log(
      `  floor, alternate loads: a trivial page of the add-on → its first frame: ${fmt(floor)}`,
    );
    console.log(
      `  our part, load by load (budget 25 ms): ${fmt(popup.map((p, i) => p - floor[i]!))}`,
    );
    console.log(
      `  a page that only reads index/search.bin, then paints: ${fmt(readOnly)}; over the floor, load by load: ${fmt(readOnly.map((r, i) => r - floor[i]!))}`,
    );
    console.log(
      `  the popup with the query's papers in its first script (no index to read): ${fmt(inMemory)}; over the floor, load by load: ${fmt(inMemory.map((m, i) => m - floor[i]!))}`,
    );

    // The sidebar: no extension page open (a reload would close them anyway).
    for (const page of await ff.browser.pages())
      if ((await page.evaluate(() => location.href).catch(() => '')).startsWith(EXTENSION_ORIGIN))
        await page.close();
    const page = await ff.newPage();
    const ours = await sidebarRuns(ff.browser, page, url);
    const starts = await (
      await sidebarFrame(page)
    ).evaluate(async () => {
      const b = (globalThis as unknown as { browser: typeof chrome }).browser;
      return (await b.storage.local.get('benchStarts')).benchStarts as number;
    });
    // The floor in the same browser: Sidenotes out, the trivial add-on in.
    await ff.browser.uninstallExtension(GECKO_ID);
    await ff.browser.installExtension(trivial);
    const base = await sidebarRuns(ff.browser, page, url);
    const show = (label: string, runs: Load[], floorRuns: Load[]) => {
      const dcl = runs.map((r) => r.dclToPainted);
      const floorDcl = floorRuns.map((r) => r.dclToPainted);
      console.log(`${label}: DOMContentLoaded → sidebar painted: ${fmt(dcl)}`);
      console.log(`  floor, a trivial add-on's frame made at document_start: ${fmt(floorDcl)}`);
      console.log(
        `  navigation start → painted: ${fmt(runs.map((r) => r.navToPainted))} (floor ${fmt(floorRuns.map((r) => r.navToPainted))})`,
      );
      console.log(
        `  over the floor (medians): ${(quantile(dcl, 0.5) - quantile(floorDcl, 0.5)).toFixed(0)} ms`,
      );
    };
    show('sidebar, background warm', ours.warm, base.warm);
    show('sidebar, add-on reloaded first (background page started anew)', ours.cold, base.cold);
    console.log(
      `  (Sidenotes' background page started ${starts} times: once, then once per reloaded round)`,
    );
  } finally {
    await ff.close();
    rmSync(ext, { recursive: true, force: true });
    rmSync(trivial, { recursive: true, force: true });
  }
}
