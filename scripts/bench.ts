/**
 * npm run bench — the performance figures of DESIGN.md, measured here:
 *   1. the bundled index: build time, size, look-up by key (cold and warm);
 *   2. search, on the bundled index and on the 74,728-paper arXiv corpus
 *      (abstracts as summary text): build, size, load, per-keystroke latency
 *      as titles are typed, rank of full titles, memory; a plain scan side by side;
 *   3. look-up by key through the 75k index's shards;
 *   4. real Chromium: page load → sidebar painted, listing page → badges painted,
 *      popup open → first result;
 *   5. the library at 10,000 items: save, list, export, import;
 *   6. remote sources: the popup's engine over the kept ShortScience feed,
 *      a live source's cached answer, and (with the corpus) remote-index look-ups.
 * Options: --no-browser (skip 4), --no-corpus (skip the 75k parts), --only=floor,sidebar,…
 * (run only those parts: index, search, remote, corpus, floor, sidebar, listing, popup, library,
 * tabs, parsing, coverage).
 */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildIndex } from '../utils/index-format/build';
import { IndexReader } from '../utils/index-format/reader';
import { lookupSummaries } from '../utils/index-format/lookup';
import type { InputRecord } from '../utils/index-format/input';
import type { CDPSession, Page } from 'playwright-core';
import { SearchEngine } from '../utils/search/engine';
import { decodeSearchData } from '../utils/search/format';
import { words } from '../utils/search/text';
import { BUNDLED_BUILT, BUNDLED_OUTPUT, bundledInputs, readInputs } from './build-index';
import { readCorpus } from './corpus';

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const fmt = (xs: number[]) =>
  `p50 ${quantile(xs, 0.5).toFixed(3)} ms · p95 ${quantile(xs, 0.95).toFixed(3)} ms (n=${xs.length})`;

async function benchBundledIndex() {
  console.log('\n## Bundled index');
  let t = performance.now();
  const records = readInputs(bundledInputs());
  const { files, manifest } = await buildIndex(records, { name: 'bench', built: BUNDLED_BUILT });
  console.log(
    `build: ${records.length} records → ${manifest.counts.papers} papers in ${(performance.now() - t).toFixed(0)} ms`,
  );
  const raw = [...files.values()].reduce(
    (n, f) => n + (typeof f === 'string' ? Buffer.byteLength(f) : f.length),
    0,
  );
  const gz = [...files.values()].reduce((n, f) => n + gzipSync(f).length, 0);
  const shardSizes = Object.values(manifest.shards).map((s) => s.bytes);
  console.log(
    `size: ${(raw / 1e6).toFixed(2)} MB raw, ${(gz / 1e6).toFixed(2)} MB gzipped, ${shardSizes.length} shards ` +
      `(median ${(quantile(shardSizes, 0.5) / 1024).toFixed(1)} KB, max ${(Math.max(...shardSizes) / 1024).toFixed(1)} KB)`,
  );

  const dir = join(process.cwd(), BUNDLED_OUTPUT);
  const read = async (p: string) => readFileSync(join(dir, p), 'utf8');
  const keys = [...files.keys()]
    .filter((p) => p.startsWith('shards/'))
    .flatMap((p) =>
      Object.keys((JSON.parse(files.get(p) as string) as { entries: object }).entries),
    )
    .filter((k) => !k.startsWith('title:'));
  const sample = keys.filter((_, i) => i % Math.ceil(keys.length / 400) === 0);
  const cold: number[] = [];
  const warm: number[] = [];
  for (const key of sample) {
    const reader = new IndexReader(read); // a freshly started worker: manifest + one shard
    t = performance.now();
    await lookupSummaries({ keys: [key] }, [{ name: 'b', reader }]);
    cold.push(performance.now() - t);
    t = performance.now();
    await lookupSummaries({ keys: [key] }, [{ name: 'b', reader }]);
    warm.push(performance.now() - t);
  }
  console.log(
    `look-up by key, cold reader (read manifest + shard, verify SHA-256, parse): ${fmt(cold)}`,
  );
  console.log(`look-up by key, shard loaded: ${fmt(warm)}`);
  const contentScript = '.output/chrome-mv3/paper.js';
  try {
    const size = statSync(contentScript).size;
    const gzipped = gzipSync(readFileSync(contentScript), { level: 9 }).length;
    console.log(
      `detection content script: ${(size / 1024).toFixed(1)} KB raw, ${(gzipped / 1024).toFixed(2)} KB gzipped`,
    );
  } catch {
    console.log('detection content script: not built (npm run build)');
  }
  const chunks = readdirSync('.output/chrome-mv3/chunks', { withFileTypes: true }).filter((f) =>
    f.isFile(),
  );
  for (const c of chunks) {
    const buf = readFileSync(join('.output/chrome-mv3/chunks', c.name));
    console.log(
      `chunk ${c.name}: ${(buf.length / 1024).toFixed(0)} KB raw, ${(gzipSync(buf, { level: 9 }).length / 1024).toFixed(1)} KB gzipped`,
    );
  }
}

/** A seeded pseudo-random sample, so runs compare. */
function sample<T>(items: readonly T[], count: number, seed = 42): T[] {
  let x = seed;
  const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const picked = new Set<number>();
  while (picked.size < Math.min(count, items.length)) picked.add(Math.floor(rand() * items.length));
  return [...picked].map((i) => items[i]!);
}

/** As-you-type: every prefix of the title, one character more each time. */
const keystrokes = (title: string): string[] =>
  Array.from({ length: title.length }, (_, i) => title.slice(0, i + 1));

/** The baseline: scan every paper's text for every query word (substring). */
class PlainScan {
  private readonly texts: string[];
  constructor(readonly records: readonly InputRecord[]) {
    this.texts = records.map((r) =>
      words(`${r.paper.title} ${r.paper.authors.join(' ')} ${r.summary.body}`).join(' '),
    );
  }
  search(query: string, limit = 20): number[] {
    const tokens = words(query);
    if (!tokens.length) return [];
    const hits: number[] = [];
    for (let i = 0; i < this.texts.length && hits.length < limit; i++) {
      if (tokens.every((t) => this.texts[i]!.includes(t))) hits.push(i);
    }
    return hits;
  }
}

function heapMb() {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

async function benchSearch(
  label: string,
  records: InputRecord[],
  options: { maxBodyTerms?: number; excerptChars?: number },
) {
  console.log(`\n## Search: ${label} (${records.length.toLocaleString()} summaries)`);
  let t = performance.now();
  const { files, manifest } = await buildIndex(records, {
    name: label,
    built: BUNDLED_BUILT,
    search: options,
  });
  console.log(
    `build (shards + search index): ${((performance.now() - t) / 1000).toFixed(1)} s, ${manifest.counts.papers.toLocaleString()} papers`,
  );
  const bin = files.get('search.bin') as Uint8Array;
  console.log(
    `search.bin: ${(bin.length / 1e6).toFixed(2)} MB raw, ${(gzipSync(bin).length / 1e6).toFixed(2)} MB gzipped`,
  );
  const heapBefore = heapMb();
  const loads: number[] = [];
  let engine: SearchEngine | undefined;
  for (let i = 0; i < 5; i++) {
    const buffer = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length) as ArrayBuffer;
    t = performance.now();
    engine = new SearchEngine(decodeSearchData(buffer));
    loads.push(performance.now() - t);
  }
  console.log(`load (decode + engine set-up, as the popup does after fetch): ${fmt(loads)}`);
  console.log(`memory: ~${(heapMb() - heapBefore).toFixed(0)} MB of JS heap for the loaded index`);
  const titles = sample(records, 200).map((r) => r.paper.title);
  const typed = titles.flatMap(keystrokes);
  for (const q of typed.slice(0, 200)) engine!.search(q); // warm the JIT
  const perKey: number[] = [];
  for (const q of typed) {
    t = performance.now();
    engine!.search(q);
    perKey.push(performance.now() - t);
  }
  console.log(
    `per keystroke, typing 200 real titles (${typed.length.toLocaleString()} queries): ${fmt(perKey)}`,
  );
  const short = typed.filter((q) => q.length <= 2);
  const shortTimes = short.map((q) => {
    const s = performance.now();
    engine!.search(q);
    return performance.now() - s;
  });
  console.log(`  1–2 character prefixes: ${fmt(shortTimes)}`);
  const keyOf = new Map(records.map((r) => [r.paper.title, r.keys[0] ?? '']));
  let rank1 = 0;
  for (const title of titles)
    if (engine!.search(title).hits[0]?.doc.key === keyOf.get(title)) rank1++;
  console.log(
    `full title typed → its paper at rank 1: ${rank1}/${titles.length} (${((100 * rank1) / titles.length).toFixed(1)}%)`,
  );
  let typoFound = 0;
  const typoTitles = titles.slice(0, 100);
  for (const title of typoTitles) {
    // One typo (two letters swapped) in the title's longest word.
    const longest = [...title.split(' ')].sort((a, b) => b.length - a.length)[0] ?? '';
    const typo =
      longest.length > 4
        ? longest.slice(0, 2) + longest[3] + longest[2] + longest.slice(4)
        : longest;
    const q = title.replace(longest, typo);
    if (engine!.search(q, { limit: 10 }).hits.some((h) => h.doc.key === keyOf.get(title)))
      typoFound++;
  }
  console.log(`title with a typo → its paper in the top 10: ${typoFound}/${typoTitles.length}`);

  const scan = new PlainScan(records);
  const scanQueries = sample(titles, 20, 7).flatMap(keystrokes);
  const scanTimes: number[] = [];
  const ourTimes: number[] = [];
  for (const q of scanQueries) {
    t = performance.now();
    scan.search(q);
    scanTimes.push(performance.now() - t);
    t = performance.now();
    engine!.search(q);
    ourTimes.push(performance.now() - t);
  }
  console.log(
    `side by side on ${scanQueries.length} keystrokes — plain scan: ${fmt(scanTimes)}; Sidenotes: ${fmt(ourTimes)}`,
  );
  console.log(
    `  ratio (scan / Sidenotes): p50 ${(quantile(scanTimes, 0.5) / quantile(ourTimes, 0.5)).toFixed(1)}×, p95 ${(quantile(scanTimes, 0.95) / quantile(ourTimes, 0.95)).toFixed(1)}×`,
  );
  return files;
}

/** Look-up by key through an index's shards written to disk, counting shard reads. */
async function benchShardLookups(label: string, files: Map<string, string | Uint8Array>) {
  const dir = mkdtempSync(join(tmpdir(), 'sidenotes-bench-'));
  try {
    for (const [path, content] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const manifest = JSON.parse(files.get('manifest.json') as string) as { shards: object };
    const shardFiles = Object.keys(manifest.shards).length;
    let reads = 0;
    const read = async (p: string) => {
      if (p.startsWith('shards/')) reads++;
      return readFileSync(join(dir, p), 'utf8');
    };
    const keys = sample(
      [...files.keys()].filter((p) => p.startsWith('shards/')),
      100,
    ).map((p) =>
      Object.keys((JSON.parse(files.get(p) as string) as { entries: object }).entries).find(
        (k) => !k.startsWith('title:'),
      )!,
    );
    const cold: number[] = [];
    const warm: number[] = [];
    let maxReads = 0;
    for (const key of keys) {
      const reader = new IndexReader(read);
      await reader.manifest();
      reads = 0;
      let t = performance.now();
      await lookupSummaries({ keys: [key] }, [{ name: 'b', reader }]);
      cold.push(performance.now() - t);
      maxReads = Math.max(maxReads, reads);
      t = performance.now();
      await lookupSummaries({ keys: [key] }, [{ name: 'b', reader }]);
      warm.push(performance.now() - t);
    }
    console.log(`\n## Look-up by key: ${label} (${shardFiles} shards on disk)`);
    console.log(
      `cold (manifest loaded, read + verify + parse one shard): ${fmt(cold)}; shard reads per look-up ≤ ${maxReads}`,
    );
    console.log(`warm (shard in memory): ${fmt(warm)}`);

    // The same index as a remote index over HTTP (serve:index on 127.0.0.1), cached in IndexedDB (fake-indexeddb in Node).
    await import('../test/unit/library/helpers'); // installs fake-indexeddb's globals
    const { serveIndex } = await import('./serve-index');
    const { RemoteIndex } = await import('../utils/sources/remote-index');
    const { idbRemoteCache } = await import('../utils/db/remote-cache');
    const { openLibraryDb } = await import('../utils/db/schema');
    const server = await serveIndex(dir, 0);
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    try {
      const cache = idbRemoteCache(await openLibraryDb({ name: `bench-remote-${Date.now()}` }));
      // One RemoteIndex per worker life, as the extension keeps it: the manifest is parsed once.
      const remote = new RemoteIndex(url, cache);
      await remote.manifestText();
      const remoteCold: number[] = [];
      const remoteWarm: number[] = [];
      for (const key of keys) {
        let t = performance.now();
        await lookupSummaries({ keys: [key] }, [{ name: 'r', reader: remote.reader() }]);
        remoteCold.push(performance.now() - t);
        t = performance.now();
        await lookupSummaries({ keys: [key] }, [{ name: 'r', reader: remote.reader() }]);
        remoteWarm.push(performance.now() - t);
      }
      console.log(
        `remote index over HTTP, cold (fetch + verify + cache one shard): ${fmt(remoteCold)}`,
      );
      console.log(
        `remote index, warm (new reader, shard from the cache — fake-indexeddb in Node, slower than Chrome's for large values): ${fmt(remoteWarm)}`,
      );
    } finally {
      server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * "Worker stopped first": the page leaves for about:blank (no extension page
 * open), Chrome stops every service worker, and the next load starts cold.
 */
async function stopWorkers(page: Page, cdp: CDPSession) {
  await page.goto('about:blank');
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await new Promise((r) => setTimeout(r, 300));
}

/**
 * The floor: how long Chrome takes to run the first line of a trivial
 * extension page (and of one inside a web page's iframe), measured on a copy
 * of the built extension with a one-line baseline page added.
 */
async function benchExtensionPageFloor() {
  console.log(
    '\n## Floor: Chrome loading a trivial extension page (copy of the build + baseline.html)',
  );
  const { cpSync } = await import('node:fs');
  const { chromium } = await import('playwright-core');
  const { CHROMIUM, EXTENSION_DIR } = await import('../test/helpers/browser');
  const dir = mkdtempSync(join(tmpdir(), 'sidenotes-floor-'));
  const ext = join(dir, 'ext');
  cpSync(EXTENSION_DIR, ext, { recursive: true });
  writeFileSync(
    join(ext, 'baseline.html'),
    '<!doctype html><meta charset="utf-8"><script src="baseline.js"></script>',
  );
  writeFileSync(join(ext, 'baseline.js'), "performance.mark('start');");
  const manifest = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8')) as {
    web_accessible_resources: Array<{ resources: string[] }>;
  };
  manifest.web_accessible_resources[0]!.resources.push('baseline.html');
  writeFileSync(join(ext, 'manifest.json'), JSON.stringify(manifest));
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--no-sandbox',
      '--disable-gpu',
    ],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    const page = await context.newPage();
    // The first-run page is an extension page too: open, it keeps the extension's
    // process alive, and the "worker stopped" floor below would not be one.
    await new Promise((r) => setTimeout(r, 500));
    for (const other of context.pages()) if (other !== page) await other.close();
    const asTab: number[] = [];
    for (let i = 0; i < 12; i++) {
      await page.goto(`chrome-extension://${id}/baseline.html`);
      asTab.push(await page.evaluate(() => performance.getEntriesByName('start')[0]!.startTime));
    }
    console.log(
      `trivial extension page, navigation start → its first script runs: ${fmt(asTab.slice(2))}`,
    );
    await context.route('https://arxiv.org/**', (r) =>
      r.fulfill({ body: '<!doctype html><p>page</p>', contentType: 'text/html' }),
    );
    /** A web page that makes the trivial page's iframe: frame created → its first script runs. */
    const frameFloor = async () => {
      await page.goto('https://arxiv.org/floor');
      await page.evaluate((src) => {
        const f = document.createElement('iframe');
        f.src = src;
        document.body.append(f);
      }, `chrome-extension://${id}/baseline.html`);
      const frame = await page.waitForEvent('framenavigated', (f) =>
        f.url().includes('baseline.html'),
      );
      await frame.waitForLoadState();
      return frame.evaluate(() => performance.getEntriesByName('start')[0]!.startTime);
    };
    const inFrame: number[] = [];
    for (let i = 0; i < 12; i++) inFrame.push(await frameFloor());
    console.log(
      `the same page in a web page's iframe, frame created → its first script runs: ${fmt(inFrame.slice(2))}`,
    );
    // As the sidebar bench's "worker stopped first": no extension page open, the worker stopped.
    const cdp = await context.newCDPSession(page);
    const coldFrame: number[] = [];
    for (let i = 0; i < 8; i++) {
      await stopWorkers(page, cdp);
      coldFrame.push(await frameFloor());
    }
    console.log(`  and with the worker stopped first (no extension page open): ${fmt(coldFrame)}`);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPopup() {
  console.log('\n## Popup open → first result, real Chromium (bundled index, query "lottery")');
  const { launch } = await import('../test/helpers/browser');
  const browser = await launch({ pages: {} });
  try {
    const page = await browser.context.newPage();
    const times: number[] = [];
    const scriptStarts: number[] = [];
    for (let i = 0; i < 12; i++) {
      await page.goto(`chrome-extension://${browser.extensionId}/popup.html?q=lottery`);
      await page.locator('html[data-first-results-at]').waitFor();
      times.push(Number(await page.locator('html').getAttribute('data-first-results-at')));
      scriptStarts.push(
        await page.evaluate(
          () => performance.getEntriesByName('sidenotes:script-start')[0]?.startTime ?? NaN,
        ),
      );
    }
    console.log(`navigation start → first results on screen: ${fmt(times.slice(2))}`);
    console.log(
      `  of which navigation start → popup script runs (Chrome loads the page and its modules): ${fmt(scriptStarts.slice(2))}`,
    );
    console.log(
      `  popup script → results (fetch index, decode, search, render): ${fmt(times.slice(2).map((t, i) => t - scriptStarts[i + 2]!))}`,
    );
  } finally {
    await browser.close();
  }
}

/** The library at 10,000 items: in real Chromium through the library page, and save in Node. */
async function benchLibrary() {
  console.log('\n## Library, 10,000 items');
  const { generateItems } = await import('../test/unit/library/helpers');
  const { exportJson } = await import('../utils/library/export');
  const items = generateItems(10_000, 11);
  const file = join(mkdtempSync(join(tmpdir(), 'sidenotes-lib-')), 'library.json');
  writeFileSync(file, exportJson(items));
  console.log(`export file: ${(statSync(file).size / 1e6).toFixed(1)} MB`);

  // Save, one transaction per item as the Save button does (fake-indexeddb: optimistic, ~6× faster than Chrome).
  // (the test helper installed fake-indexeddb's globals)
  const { openLibraryDb } = await import('../utils/db/schema');
  const { saveSummary, allItems } = await import('../utils/library/library');
  const db = await openLibraryDb({ name: `bench-${Date.now()}` });
  let t = performance.now();
  for (const item of items) await saveSummary(db, item.summary);
  console.log(
    `save 10,000 one by one (Node, fake-indexeddb): ${((performance.now() - t) / 1000).toFixed(1)} s, ${((performance.now() - t) / 10_000).toFixed(2)} ms each`,
  );
  t = performance.now();
  await allItems(db);
  console.log(`list all (Node, fake-indexeddb): ${(performance.now() - t).toFixed(0)} ms`);

  const { launch } = await import('../test/helpers/browser');
  const browser = await launch({ pages: {} });
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1200, height: 800 });
    const url = `chrome-extension://${browser.extensionId}/library.html`;
    await page.goto(url);
    await page.getByTestId('library-count').waitFor();
    t = performance.now();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-preview').waitFor({ timeout: 120_000 });
    const previewMs = performance.now() - t;
    t = performance.now();
    await page.getByTestId('import-confirm').click();
    await page.getByText('10000 items', { exact: true }).waitFor({ timeout: 300_000 });
    const importMs = performance.now() - t;
    console.log(
      `Chromium import: read + validate + preview ${(previewMs / 1000).toFixed(2)} s; write (one transaction) + list ${(importMs / 1000).toFixed(2)} s`,
    );
    const rows = await page.getByTestId('saved-item').count();
    t = performance.now();
    await page.reload();
    await page.getByText('10000 items', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByTestId('saved-item').first().waitFor();
    console.log(
      `Chromium list: open the library page → 10,000 items listed: ${(performance.now() - t).toFixed(0)} ms; rows in the DOM: ${rows}`,
    );
    t = performance.now();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-json').click(),
    ]);
    await download.path();
    console.log(
      `Chromium export JSON of 10,000 items → file: ${(performance.now() - t).toFixed(0)} ms`,
    );
    // Save as the sidebar does: a message to the worker, one transaction each
    // (sent from a page that shows no library, so no view reloads in between).
    await page.goto(`chrome-extension://${browser.extensionId}/sidebar.html`);
    const saves = generateItems(1000, 99).map((i) => ({ ...i.summary, id: `bench:${i.id}` }));
    const perSave = await page.evaluate(async (summaries) => {
      const start = performance.now();
      for (const summary of summaries) {
        await chrome.runtime.sendMessage({ type: 'library:toggle-save', payload: { summary } });
      }
      return (performance.now() - start) / summaries.length;
    }, saves);
    console.log(
      `Chromium save (sidebar → worker → IndexedDB), 1,000 one after another: ${perSave.toFixed(2)} ms each (10,000 ≈ ${((perSave * 10_000) / 1000).toFixed(0)} s)`,
    );
  } finally {
    await browser.close();
  }
}

async function benchSidebarPaint() {
  console.log('\n## Page load → sidebar painted, real Chromium (seed arXiv page, saved copy)');
  const { launch } = await import('../test/helpers/browser');
  const { seedAbsPage, SEED } = await import('../test/helpers/pages');
  const url = `https://arxiv.org/abs/${SEED.arxivId}`;
  const browser = await launch({ pages: { [url]: seedAbsPage() } });
  try {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    type Run = {
      dclToPainted: number;
      detectToFrame: number;
      frameToScript: number;
      scriptToPainted: number;
      scriptToState: number;
    };
    const once = async (): Promise<Run> => {
      await page.goto(url);
      // The host's shadow root is closed: the frame is found by its address.
      const { sidebarFrame } = await import('../test/helpers/browser');
      await sidebarFrame(page).locator('html[data-painted-at]').waitFor({ timeout: 20_000 });
      const paintedAt = Number(
        await sidebarFrame(page).locator('html').getAttribute('data-painted-at'),
      );
      const sidebar = page.frames().find((f) => f.url().includes('/sidebar.html'))!;
      const inFrame = await sidebar.evaluate(() => ({
        origin: performance.timeOrigin,
        scriptStart: performance.getEntriesByName('sidenotes:script-start')[0]?.startTime ?? NaN,
        state: performance.getEntriesByName('sidenotes:state-received')[0]?.startTime ?? NaN,
      }));
      const inPage = await page.evaluate(() => {
        const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
        return { origin: performance.timeOrigin, dcl: entry?.domContentLoadedEventEnd ?? NaN };
      });
      const dclAt = inPage.origin + inPage.dcl;
      return {
        dclToPainted: paintedAt - dclAt,
        detectToFrame: inFrame.origin - dclAt,
        frameToScript: inFrame.scriptStart,
        scriptToPainted: paintedAt - inFrame.origin - inFrame.scriptStart,
        scriptToState: inFrame.state - inFrame.scriptStart,
      };
    };
    await once(); // first run warms the disk cache and the renderer
    const warm: Run[] = [];
    for (let i = 0; i < 20; i++) warm.push(await once());
    const cold: Run[] = [];
    for (let i = 0; i < 8; i++) {
      await stopWorkers(page, cdp);
      cold.push(await once());
    }
    const show = (label: string, runs: Run[]) => {
      console.log(
        `${label}: DOMContentLoaded (detection starts) → sidebar painted: ${fmt(runs.map((r) => r.dclToPainted))}`,
      );
      console.log(
        `  detection + look-up → sidebar frame created: ${fmt(runs.map((r) => r.detectToFrame))}`,
      );
      console.log(
        `  frame created → sidebar script runs (Chrome commits the extension frame): ${fmt(runs.map((r) => r.frameToScript))}`,
      );
      console.log(
        `  sidebar script → cards painted (state message, render, next frame): ${fmt(runs.map((r) => r.scriptToPainted))}`,
      );
      console.log(
        `    of which sidebar script → tab state received: ${fmt(runs.map((r) => r.scriptToState))}`,
      );
    };
    show('worker warm', warm);
    show('worker stopped first', cold);
  } finally {
    await browser.close();
  }
}

/**
 * Listing badges: a 2,000-entry arXiv list (the seed paper and three other
 * summarized ones among 1,996 that are not) in real Chromium, from
 * DOMContentLoaded to every badge painted, worker warm and stopped first,
 * beside the same page with no extension. The floor is the page's own
 * first frame after DOMContentLoaded (a mark the page sets itself): nothing
 * attached at DOMContentLoaded can be on screen before it.
 */
async function benchListingBadges() {
  console.log('\n## Listing page → badges painted, real Chromium (2,000-entry arXiv list)');
  const { launch } = await import('../test/helpers/browser');
  const { arxivListPage, freshArxivIds, SEED } = await import('../test/helpers/pages');
  const url = 'https://arxiv.org/list/cs.LG/recent?skip=0&show=2000';
  const papers = freshArxivIds(1996).map((id, i) => ({
    id,
    title: `A Study of Sparse Training Number ${i}`,
    authors: ['A. Author', 'B. Author'],
  }));
  papers.unshift({ id: SEED.arxivId, title: SEED.title, authors: SEED.authors });
  for (const [at, id] of [
    [500, '1512.03385'],
    [1000, '1406.2661'],
    [1999, '1606.03657'],
  ] as const)
    papers.splice(at, 0, { id, title: `Summarized ${id}`, authors: ['C. Author'] });
  const html = arxivListPage(papers, '', true);
  console.log(`page: ${papers.length} entries, ${(html.length / 1e6).toFixed(2)} MB of HTML`);
  // The same page where no content script runs: a control in the same browser, load for load.
  const control = 'https://example.org/a-copy-of-the-list';
  type Run = {
    dcl: number;
    fcp: number;
    load: number;
    floor: number;
    badges: number;
    task: number;
  };
  type Runs = { runs: Run[]; control: Run[] };
  const measure = async (extension: boolean, cold: boolean, runs: number): Promise<Runs> => {
    const browser = await launch({ pages: { [url]: html, [control]: html }, extension });
    try {
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Performance.enable');
      // The renderer's main-thread task time, in ms (steadier than any timing on a shared machine).
      const taskMs = async () =>
        1000 *
        ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')
          ?.value ?? NaN);
      const once = async (at = url): Promise<Run> => {
        const badged = extension && at === url;
        if (cold) await stopWorkers(page, cdp);
        await page.goto('about:blank');
        const tasksBefore = await taskMs();
        await page.goto(at, { waitUntil: 'load' });
        const wanted = [
          'page:first-frame-after-dcl',
          ...(badged ? ['sidenotes:badges-painted'] : []),
        ];
        await page.waitForFunction(
          (names) => names.every((n) => performance.getEntriesByName(n).length > 0),
          wanted,
          { timeout: 20_000 },
        );
        // The last mark: the content script marks again if a later batch added badges.
        await page.waitForTimeout(badged ? 150 : 0);
        // No named helpers inside evaluate: tsx would wrap them in a function the page lacks.
        const marks = await page.evaluate(() => ({
          nav: (performance.getEntriesByType('navigation') as PerformanceNavigationTiming[])[0]!,
          fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
          floor:
            performance.getEntriesByName('page:first-frame-after-dcl').at(-1)?.startTime ?? NaN,
          badges: performance.getEntriesByName('sidenotes:badges-painted').at(-1)?.startTime ?? NaN,
        }));
        const dcl = marks.nav.domContentLoadedEventEnd;
        return {
          task: (await taskMs()) - tasksBefore,
          dcl,
          load: marks.nav.loadEventEnd,
          fcp: marks.fcp,
          floor: marks.floor - dcl,
          badges: marks.badges - dcl,
        };
      };
      await once(); // warms the disk cache and the renderer
      const out: Run[] = [];
      const controls: Run[] = [];
      for (let i = 0; i < runs; i++) {
        if (extension) controls.push(await once(control));
        out.push(await once());
      }
      if (extension) {
        const badges = await page.$$eval('[data-sidenotes-badge]', (h) => h.length);
        // The worker may have been stopped and started again since launch: ask the running one.
        const worker =
          browser.context
            .serviceWorkers()
            .filter((w) => w.url().startsWith(`chrome-extension://${browser.extensionId}/`))
            .at(-1) ?? browser.worker;
        const stats = await worker.evaluate(
          () =>
            (globalThis as { sidenotesListingStats?: { batches: number; links: number } })
              .sidenotesListingStats!,
        );
        // A stopped worker starts its counts again: cold, they are the last load's.
        const loads = cold ? 1 : runs + 1;
        console.log(
          `  ${cold ? 'cold' : 'warm'}: ${badges} badges on the page; page → worker messages per load: ${stats.batches / loads} (${stats.links / loads} links)`,
        );
      }
      return { runs: out, control: controls };
    } finally {
      await browser.close();
    }
  };
  const { runs: bare } = await measure(false, false, 10);
  const warm = await measure(true, false, 15);
  const cold = await measure(true, true, 8);
  const med = (runs: Run[], k: keyof Run) =>
    quantile(
      runs.map((r) => r[k]),
      0.5,
    ).toFixed(0);
  const p95 = (runs: Run[], k: keyof Run) =>
    quantile(
      runs.map((r) => r[k]),
      0.95,
    ).toFixed(0);
  console.log(
    `no extension: navigation → DOMContentLoaded ${med(bare, 'dcl')} ms, first contentful paint ${med(bare, 'fcp')} ms, load ${med(bare, 'load')} ms; ` +
      `DOMContentLoaded → the page's first frame after it (floor) ${med(bare, 'floor')} ms (p95 ${p95(bare, 'floor')})`,
  );
  for (const [label, { runs, control }, budget] of [
    ['worker warm', warm, 200],
    ['worker stopped first', cold, 400],
  ] as const) {
    // Paired, load by load: how long after the page's own first frame the last badge is on screen.
    const after = runs.map((r) => ({ ...r, badges: r.badges - r.floor }));
    console.log(
      `${label}: DOMContentLoaded → all badges painted: median ${med(runs, 'badges')} ms, p95 ${p95(runs, 'badges')} ms (budget ${budget}); ` +
        `the page's own floor in the same loads ${med(runs, 'floor')} ms, badges after it ${med(after, 'badges')} ms (p95 ${p95(after, 'badges')}); ` +
        `control (the same page where Sidenotes does not run, same browser, alternate loads): floor ${med(control, 'floor')} ms, DOMContentLoaded ${med(control, 'dcl')} ms vs ${med(runs, 'dcl')} ms, ` +
        `renderer main-thread task time per load ${med(control, 'task')} ms vs ${med(runs, 'task')} ms`,
    );
  }
}

/**
 * Summed RSS and PSS (KB) of a browser's processes: the one started with
 * `profileDir` and its descendants. RSS counts pages shared between
 * processes once per process; PSS splits them, so it adds up to what the
 * machine really spends.
 */
async function browserMemoryKb(
  profileDir: string,
): Promise<{ rss: number; pss: number; pagesPss: number; extensionPss: number }> {
  const { execSync } = await import('node:child_process');
  const rows = execSync('ps -eo pid=,ppid=,rss=,args=', { encoding: 'utf8', maxBuffer: 64 << 20 })
    .trim()
    .split('\n')
    .map((line) => {
      const [pid, ppid, rss, ...args] = line.trim().split(/\s+/);
      return { pid: Number(pid), ppid: Number(ppid), rss: Number(rss), args: args.join(' ') };
    });
  const root = rows.find(
    (r) => r.args.includes(`--user-data-dir=${profileDir}`) && !r.args.includes('--type='),
  );
  if (!root) return { rss: NaN, pss: NaN, pagesPss: NaN, extensionPss: NaN };
  const tree = new Set([root.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows)
      if (!tree.has(r.pid) && tree.has(r.ppid)) {
        tree.add(r.pid);
        grew = true;
      }
  }
  const { readFileSync } = await import('node:fs');
  const pssOf = (pid: number) => {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      return Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? NaN);
    } catch {
      return 0; // the process ended meanwhile
    }
  };
  const members = rows.filter((r) => tree.has(r.pid));
  const pss = new Map(members.map((r) => [r.pid, pssOf(r.pid)]));
  const sum = (of: typeof members, size: (r: (typeof members)[number]) => number) =>
    of.reduce((kb, r) => kb + size(r), 0);
  const pages = members.filter(
    (r) => r.args.includes('--type=renderer') && !r.args.includes('--extension-process'),
  );
  const extension = members.filter((r) => r.args.includes('--extension-process'));
  return {
    rss: sum(members, (r) => r.rss),
    pss: sum(members, (r) => pss.get(r.pid)!),
    pagesPss: sum(pages, (r) => pss.get(r.pid)!),
    extensionPss: sum(extension, (r) => pss.get(r.pid)!),
  };
}

/**
 * A restored session: N paper tabs opened at once in the background, one in
 * front, with and without the extension in the same run. Reports the
 * browser's summed RSS per tab over no extension, and how many sidebar
 * frames exist (only the visible tab should have one).
 */
async function benchManyTabs() {
  const TABS = 20;
  console.log(`\n## ${TABS} paper tabs opened at once (restored session), summed RSS`);
  const { launch } = await import('../test/helpers/browser');
  const { arxivAbsPage, SEED, seedAbsPage } = await import('../test/helpers/pages');
  // Every tab a paper with a summary: the seed page under ids of its own would
  // have none, so each tab shows the seed paper (a sidebar would open on each).
  const urls = Array.from(
    { length: TABS },
    (_, i) => `https://arxiv.org/abs/${SEED.arxivId}?tab=${i}`,
  );
  const pages = Object.fromEntries(urls.map((u) => [u, seedAbsPage()]));
  // Any extension costs every renderer its extension system; this one does nothing else.
  const trivial = mkdtempSync(join(tmpdir(), 'sidenotes-trivial-'));
  writeFileSync(
    join(trivial, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'trivial',
      version: '1',
      background: { service_worker: 'w.js' },
      content_scripts: [
        { matches: ['https://arxiv.org/*'], js: ['c.js'], run_at: 'document_start' },
      ],
    }),
  );
  writeFileSync(join(trivial, 'w.js'), '');
  writeFileSync(join(trivial, 'c.js'), '');
  // The same with one extension iframe per tab: Chrome's own cost of a frame like the sidebar's.
  const trivialFrame = mkdtempSync(join(tmpdir(), 'sidenotes-trivial-frame-'));
  writeFileSync(
    join(trivialFrame, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'trivial with a frame',
      version: '1',
      background: { service_worker: 'w.js' },
      content_scripts: [{ matches: ['https://arxiv.org/*'], js: ['c.js'], run_at: 'document_end' }],
      web_accessible_resources: [{ resources: ['f.html'], matches: ['https://arxiv.org/*'] }],
    }),
  );
  writeFileSync(join(trivialFrame, 'w.js'), '');
  writeFileSync(
    join(trivialFrame, 'c.js'),
    "document.documentElement.append(Object.assign(document.createElement('iframe'), { src: chrome.runtime.getURL('f.html') }));",
  );
  writeFileSync(join(trivialFrame, 'f.html'), '<!doctype html><meta charset="utf-8"><p>frame</p>');
  const measure = async (extension: boolean | string, noSummaries = false) => {
    const served = noSummaries
      ? Object.fromEntries(
          urls.map((u, i) => [
            u,
            arxivAbsPage(`2409.${String(10000 + i)}`, `Unsummarized ${i}`, ['A. B.']),
          ]),
        )
      : pages;
    const browser = await launch({ pages: served, extension });
    try {
      const front = await browser.context.newPage();
      await front.goto('about:blank');
      const opened: Array<Promise<unknown>> = [];
      for (const url of urls.slice(1)) {
        const page = await browser.context.newPage();
        opened.push(page.goto(url, { waitUntil: 'load' }));
      }
      await Promise.all(opened);
      await front.bringToFront();
      await front.goto(urls[0]!, { waitUntil: 'load' });
      await new Promise((r) => setTimeout(r, 4000));
      const frames = browser.context
        .pages()
        .flatMap((p) => p.frames())
        .filter((f) => f.url().includes('/sidebar.html')).length;
      return { ...(await browserMemoryKb(browser.profileDir)), frames };
    } finally {
      await browser.close();
    }
  };
  type Memory = Awaited<ReturnType<typeof measure>>;
  // A browser's memory moves by tens of MB from launch to launch (the GPU
  // process alone): pairs, alternating, and the medians.
  const bare: Memory[] = [];
  const withExt: Memory[] = [];
  const empty: Memory[] = [];
  const floor: Memory[] = [];
  const frameFloor: Memory[] = [];
  for (let run = 0; run < 3; run++) {
    bare.push(await measure(false));
    withExt.push(await measure(true));
    empty.push(await measure(true, true));
    floor.push(await measure(trivial));
    frameFloor.push(await measure(trivialFrame));
  }
  const median = (runs: Memory[], kind: keyof Memory) =>
    quantile(
      runs.map((m) => m[kind]),
      0.5,
    );
  const perTab = (runs: Memory[], kind: keyof Memory) =>
    ((median(runs, kind) - median(bare, kind)) / TABS / 1024).toFixed(1);
  const mb = (runs: Memory[], kind: keyof Memory) => (median(runs, kind) / 1024).toFixed(0);
  console.log(
    `medians of 3 launches each: no extension RSS ${mb(bare, 'rss')} MB, PSS ${mb(bare, 'pss')} MB; with Sidenotes RSS ${mb(withExt, 'rss')} MB, PSS ${mb(withExt, 'pss')} MB; sidebar frames alive: ${withExt.at(-1)!.frames} of ${TABS} tabs`,
  );
  for (const [label, runs] of [
    ['every tab showing its sidebar (headless Chromium shows every tab as visible)', withExt],
    ['the same tabs with no frame (a tab restored in the background: tab and count only)', empty],
    ['floor: a trivial extension with an empty content script', floor],
    ['floor with a frame: the same, adding one trivial extension iframe per tab', frameFloor],
  ] as const) {
    console.log(
      `per paper tab over no extension (budget 10 MB), ${label}: summed RSS ${perTab(runs, 'rss')} MB, summed PSS ${perTab(runs, 'pss')} MB ` +
        `(page renderers ${perTab(runs, 'pagesPss')} MB, extension process ${perTab(runs, 'extensionPss')} MB)`,
    );
  }
}

/**
 * Remote sources at the size they reach locally: the popup building its
 * engine over the kept ShortScience feed, and a live source's cached answer
 * (what a revisit costs; fake-indexeddb in Node).
 */
async function benchRemoteSources() {
  console.log('\n## Remote sources');
  const { buildFeedSearch } = await import('../utils/search/feed-search');
  const { fromBase64, toBase64 } = await import('../utils/core/base64');
  const { searchEngineOf } = await import('../utils/search/engine');
  const { toSummaries } = await import('../utils/index-format/format');
  const { buildIndex: build } = await import('../utils/index-format/build');
  const records = readInputs(bundledInputs()).slice(0, 3000);
  const { files, manifest } = await build(records, {
    name: 'feed',
    built: '2026-11-26',
    search: false,
  });
  const feed = Object.keys(manifest.shards).flatMap((id) => {
    const shard = JSON.parse(files.get(`shards/${id}.json`) as string) as {
      entries: Record<string, { entry?: Parameters<typeof toSummaries>[0] }>;
    };
    return Object.values(shard.entries).flatMap((e) => (e.entry ? toSummaries(e.entry) : []));
  });
  const built: number[] = [];
  const loaded: number[] = [];
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    const text = toBase64(buildFeedSearch(feed)!);
    built.push(performance.now() - t);
    t = performance.now();
    searchEngineOf(fromBase64(text)).search('attention');
    loaded.push(performance.now() - t);
  }
  console.log(
    `feed sync: search index over ${feed.length.toLocaleString()} summaries built: ${fmt(built)}`,
  );
  console.log(`popup: that index decoded and searched once: ${fmt(loaded)}`);

  await import('../test/unit/library/helpers'); // installs fake-indexeddb's globals
  const { openLibraryDb } = await import('../utils/db/schema');
  const { idbRemoteCache } = await import('../utils/db/remote-cache');
  const { askLiveSource } = await import('../utils/sources/ask-source');
  const { semanticScholar } = await import('../utils/sources/semantic-scholar');
  const cache = idbRemoteCache(
    await openLibraryDb({ name: `bench-live-${Date.now()}` }),
    5000,
    'live|',
  );
  const body = readFileSync('test/fixtures/api-responses/Paper.trimmed.json', 'utf8');
  const answered: number[] = [];
  const backoff = { get: async () => undefined, set: async () => undefined };
  const ok = (async () => new Response(body, { status: 200 })) as typeof fetch;
  for (let i = 0; i < 200; i++) {
    const ref = { keys: [`arxiv:2101.${String(10000 + i)}`] };
    await askLiveSource(semanticScholar, ref, { cache, backoff, fetch: ok });
    const t = performance.now();
    await askLiveSource(semanticScholar, ref, { cache, backoff, fetch: ok });
    answered.push(performance.now() - t);
  }
  console.log(`live source, revisit answered from the cache (no request): ${fmt(answered)}`);
}

const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const parts: Array<[name: string, browser: boolean, run: () => Promise<unknown>]> = [
  ['index', false, benchBundledIndex],
  ['search', false, () => benchSearch('bundled index', readInputs(bundledInputs()), {})],
  ['remote', false, benchRemoteSources],
  [
    'corpus',
    false,
    async () => {
      if (process.argv.includes('--no-corpus')) return;
      const files = await benchSearch('arXiv corpus, abstracts as summaries', readCorpus(), {
        maxBodyTerms: 40,
        excerptChars: 160,
      });
      await benchShardLookups('arXiv corpus', files);
    },
  ],
  ['floor', true, benchExtensionPageFloor],
  ['sidebar', true, benchSidebarPaint],
  ['listing', true, benchListingBadges],
  ['popup', true, benchPopup],
  ['library', true, benchLibrary],
  ['tabs', true, benchManyTabs],
  ['parsing', true, async () => (await import('./bench-parsing')).benchHostileParsing()],
  ['coverage', false, async () => (await import('./bench-coverage')).benchCoverage()],
];
for (const [name, browser, run] of parts) {
  if (only ? !only.includes(name) : browser && process.argv.includes('--no-browser')) continue;
  await run();
}
