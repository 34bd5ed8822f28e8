/**
 * npm run bench — the performance figures of DESIGN.md, measured here:
 *   1. the bundled index: build time, size, look-up by key (cold and warm);
 *   2. search, on the bundled index and on the 74,728-paper arXiv corpus
 *      (abstracts as summary text): build, size, load, per-keystroke latency
 *      as titles are typed, rank of full titles, memory; a plain scan side by side;
 *   3. look-up by key through the 75k index's shards;
 *   4. real Chromium: page load → sidebar painted, a listing page's first frame
 *      beside the same page without the extension (bench-listing.ts),
 *      popup open → first result; the probe's main-thread cost on a large
 *      page without metadata, beside the same browser without the extension
 *      (bench-probe.ts);
 *   5. the library at 10,000 items: save, list, export, import;
 *   6. remote sources: the popup's engine over the kept ShortScience feed,
 *      a live source's cached answer, and (with the corpus) remote-index look-ups.
 * Options: --no-browser (skip 4), --no-corpus (skip the 75k parts), --only=floor,sidebar,…
 * (run only those parts: index, search, remote, corpus, floor, sidebar, listing, popup, library,
 * tabs, parsing, probe, sync, firefox, coverage). `firefox` (bench-firefox.ts): the sidebar and
 * popup figures in real Firefox, beside floors measured in the same Firefox run.
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
import { decodeSearchData } from '../utils/search/search-file';
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
    const { openLibraryDb } = await import('../utils/db/stores');
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
 * A trivial MV3 extension in a folder of its own, for floors: an empty worker,
 * `script` as its content script on arXiv, and `files` beside them (its pages
 * web-accessible, so that the script may frame them).
 */
function trivialExtension(
  name: string,
  script: string,
  files: Record<string, string> = {},
  runAt: 'document_start' | 'document_end' = 'document_start',
): string {
  const dir = mkdtempSync(join(tmpdir(), 'sidenotes-trivial-'));
  const pages = Object.keys(files).filter((f) => f.endsWith('.html'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name,
      version: '1',
      background: { service_worker: 'w.js' },
      content_scripts: [{ matches: ['https://arxiv.org/*'], js: ['c.js'], run_at: runAt }],
      ...(pages.length
        ? { web_accessible_resources: [{ resources: pages, matches: ['https://arxiv.org/*'] }] }
        : {}),
    }),
  );
  writeFileSync(join(dir, 'w.js'), '');
  writeFileSync(join(dir, 'c.js'), script);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

/**
 * A content script framing the extension's `page` where the sidebar sits, at
 * its size (a frame's surface costs by its area).
 */
const frameAsSidebar = (page: string) =>
  `const f = Object.assign(document.createElement('iframe'), { src: chrome.runtime.getURL('${page}') });` +
  "f.style.cssText = 'position:fixed;top:0;right:0;width:400px;height:100vh;border:0;z-index:2147483647';" +
  'document.documentElement.append(f);';

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
    '<!doctype html><meta charset="utf-8"><p>Sidenotes, a trivial page</p><script src="baseline.js"></script>',
  );
  // Its first script, then its first frame (with text) on screen, marked as the sidebar marks its own.
  writeFileSync(
    join(ext, 'baseline.js'),
    "performance.mark('start'); requestAnimationFrame(() => setTimeout(() => performance.mark('painted')));",
  );
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
    /** A web page that makes the trivial page's iframe: frame created → its first script, its first frame. */
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
      for (;;) {
        const [script, painted] = await frame.evaluate(() =>
          ['start', 'painted'].map((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN),
        );
        if (!Number.isNaN(painted)) return { script: script!, painted: painted! };
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const show = (label: string, runs: Array<{ script: number; painted: number }>) =>
      console.log(
        `${label}: frame created → its first script runs ${fmt(runs.map((r) => r.script))}; → its first frame painted ${fmt(runs.map((r) => r.painted))}`,
      );
    const inFrame = [];
    for (let i = 0; i < 12; i++) inFrame.push(await frameFloor());
    show("the same page in a web page's iframe", inFrame.slice(2));
    // As the sidebar bench's "worker stopped first": no extension page open, the worker stopped.
    const cdp = await context.newCDPSession(page);
    const coldFrame = [];
    for (let i = 0; i < 8; i++) {
      await stopWorkers(page, cdp);
      coldFrame.push(await frameFloor());
    }
    show('  and with the worker stopped first (no extension page open)', coldFrame);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Popup open → first results on screen, beside the floor in the same browser,
 * load for load: a trivial extension page that paints its first frame. Both
 * are read through the DevTools protocol after the fact: Playwright's
 * locators would inject their own script into the page as it loads, which
 * costs the page 10–20 ms of main thread (measured) that a person's popup
 * never spends.
 */
async function benchPopup() {
  console.log('\n## Popup open → first result, real Chromium (bundled index, query "lottery")');
  const { cpSync } = await import('node:fs');
  const { launch, EXTENSION_DIR } = await import('../test/helpers/browser');
  const dir = mkdtempSync(join(tmpdir(), 'sidenotes-popup-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  // The floor: a module script that writes a line and marks the frame that shows it.
  writeFileSync(
    join(dir, 'baseline.html'),
    '<!doctype html><meta charset="utf-8"><script type="module" src="baseline.js"></script>',
  );
  writeFileSync(
    join(dir, 'baseline.js'),
    "performance.mark('sidenotes:script-start'); document.body.textContent = 'baseline';" +
      'requestAnimationFrame(() => setTimeout(() => (document.documentElement.dataset.firstResultsAt = String(performance.now()))));',
  );
  const browser = await launch({ pages: {}, extension: dir });
  try {
    // Each load in a page of its own, as each popup is: no earlier document to unload.
    const open = async (path: string) => {
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      try {
        await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
        for (;;) {
          const { result } = await cdp.send('Runtime.evaluate', {
            expression: `[document.documentElement.dataset.firstResultsAt, performance.getEntriesByName('sidenotes:script-start')[0]?.startTime]`,
            returnByValue: true,
          });
          const [shown, script] = (result.value ?? []) as [string | undefined, number];
          if (shown) return { shown: Number(shown), script };
          await new Promise((r) => setTimeout(r, 20));
        }
      } finally {
        await page.close();
      }
    };
    const popup: Array<{ shown: number; script: number }> = [];
    const floor: number[] = [];
    for (let i = 0; i < 24; i++) {
      const p = await open('popup.html?q=lottery');
      const f = await open('baseline.html');
      if (i < 4) continue; // the first loads warm the disk cache and the renderer
      popup.push(p);
      floor.push(f.shown);
    }
    console.log(`navigation start → first results on screen: ${fmt(popup.map((r) => r.shown))}`);
    console.log(
      `  of which navigation start → popup script runs (Chrome loads the page and its modules): ${fmt(popup.map((r) => r.script))}`,
    );
    console.log(
      `  popup script → results on screen (index bytes, decode, search, render, frame): ${fmt(popup.map((r) => r.shown - r.script))}`,
    );
    console.log(
      `floor, alternate loads: a trivial extension page → its first frame on screen: ${fmt(floor)}`,
    );
    console.log(
      `our part, load by load (budget 25 ms): ${fmt(popup.map((r, i) => r.shown - floor[i]!))}`,
    );
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
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
  const { openLibraryDb } = await import('../utils/db/stores');
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
  // The floor: a trivial extension that does what Sidenotes' content script does first
  // (an iframe of its own page, the sidebar's size, made at document_start on the same
  // page), whose page writes a line and marks its first frame as the sidebar does.
  const trivial = trivialExtension('trivial sidebar', frameAsSidebar('sidebar.html'), {
    'sidebar.html':
      '<!doctype html><meta charset="utf-8"><p>Sidenotes, a trivial frame</p><script src="s.js"></script>',
    's.js':
      "performance.mark('sidenotes:script-start'); performance.mark('sidenotes:state-received');" +
      'requestAnimationFrame(() => setTimeout(() => (document.documentElement.dataset.paintedAt = String(performance.timeOrigin + performance.now()))));',
  });
  type Run = {
    dclToPainted: number;
    detectToFrame: number;
    frameToScript: number;
    scriptToPainted: number;
    scriptToState: number;
  };
  /** Warm and worker-stopped page loads, read through the DevTools protocol after the fact. */
  const measure = async (extension: true | string) => {
    const browser = await launch({ pages: { [url]: seedAbsPage() }, extension });
    try {
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      const once = async (): Promise<Run> => {
        // No locator while the frame loads: Playwright would inject its own script into it.
        await page.goto(url);
        let sidebar;
        while (!(sidebar = page.frames().find((f) => f.url().includes('/sidebar.html'))))
          await new Promise((r) => setTimeout(r, 10));
        const inFrameCdp = await browser.context.newCDPSession(sidebar);
        try {
          for (;;) {
            const { result } = await inFrameCdp.send('Runtime.evaluate', {
              expression: `document.documentElement.dataset.paintedAt && [Number(document.documentElement.dataset.paintedAt), performance.timeOrigin, performance.getEntriesByName('sidenotes:script-start')[0]?.startTime ?? NaN, performance.getEntriesByName('sidenotes:state-received')[0]?.startTime ?? NaN]`,
              returnByValue: true,
            });
            const found = result.value as [number, number, number, number] | undefined;
            if (found) {
              const [paintedAt, origin, scriptStart, state] = found;
              const inPage = await page.evaluate(() => {
                const [entry] = performance.getEntriesByType(
                  'navigation',
                ) as PerformanceNavigationTiming[];
                return {
                  origin: performance.timeOrigin,
                  dcl: entry?.domContentLoadedEventEnd ?? NaN,
                };
              });
              const dclAt = inPage.origin + inPage.dcl;
              return {
                dclToPainted: paintedAt - dclAt,
                detectToFrame: origin - dclAt,
                frameToScript: scriptStart,
                scriptToPainted: paintedAt - origin - scriptStart,
                scriptToState: state - scriptStart,
              };
            }
            await new Promise((r) => setTimeout(r, 10));
          }
        } finally {
          await inFrameCdp.detach().catch(() => undefined);
        }
      };
      await once(); // first run warms the disk cache and the renderer
      const warm: Run[] = [];
      for (let i = 0; i < 20; i++) warm.push(await once());
      const cold: Run[] = [];
      for (let i = 0; i < 8; i++) {
        await stopWorkers(page, cdp);
        cold.push(await once());
      }
      return { warm, cold };
    } finally {
      await browser.close();
    }
  };
  const floor = await measure(trivial);
  const ours = await measure(true);
  const show = (label: string, runs: Run[], floorRuns: Run[]) => {
    console.log(
      `${label}: DOMContentLoaded (detection starts) → sidebar painted: ${fmt(runs.map((r) => r.dclToPainted))}`,
    );
    console.log(
      `  floor, a trivial extension's frame made at document_start on the same page: ${fmt(floorRuns.map((r) => r.dclToPainted))}`,
    );
    console.log(
      `  sidebar frame created → DOMContentLoaded: ${fmt(runs.map((r) => -r.detectToFrame))} (floor ${fmt(floorRuns.map((r) => -r.detectToFrame))})`,
    );
    console.log(
      `  frame created → sidebar script runs (Chrome commits the extension frame): ${fmt(runs.map((r) => r.frameToScript))} (floor ${fmt(floorRuns.map((r) => r.frameToScript))})`,
    );
    console.log(
      `  sidebar script → cards painted (state message, render, next frame): ${fmt(runs.map((r) => r.scriptToPainted))} (floor ${fmt(floorRuns.map((r) => r.scriptToPainted))})`,
    );
    console.log(
      `    of which sidebar script → tab state received: ${fmt(runs.map((r) => r.scriptToState))}`,
    );
  };
  show('worker warm', ours.warm, floor.warm);
  show('worker stopped first', ours.cold, floor.cold);
  rmSync(trivial, { recursive: true, force: true });
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
 * browser's summed RSS and PSS per tab over no extension, how many sidebar
 * frames exist, and how soon a background tab's sidebar is on screen once
 * the tab is looked at. Then the worst case, every tab visible at once.
 */
async function benchManyTabs() {
  const TABS = 20;
  const SETTLE_MS = 10_000;
  console.log(`\n## ${TABS} paper tabs opened at once (restored session), summed RSS`);
  const { launch, openInBackground, sidebarFrame } = await import('../test/helpers/browser');
  const { SEED, seedAbsPage } = await import('../test/helpers/pages');
  // Every tab a paper with a summary: the seed page under ids of its own would
  // have none, so each tab shows the seed paper (a sidebar would open on each).
  const urls = Array.from(
    { length: TABS },
    (_, i) => `https://arxiv.org/abs/${SEED.arxivId}?tab=${i}`,
  );
  const pages = Object.fromEntries(urls.map((u) => [u, seedAbsPage()]));
  // Any extension costs every renderer its extension system; this one does nothing else.
  const trivial = trivialExtension('trivial', '');
  // The same with one extension iframe per tab: Chrome's own cost of a frame like the sidebar's.
  const trivialFrame = trivialExtension(
    'trivial with a frame',
    frameAsSidebar('f.html'),
    { 'f.html': '<!doctype html><meta charset="utf-8"><body style="background:#fff"><p>frame</p>' },
    'document_end',
  );
  /**
   * `restored`: as a person's browser restores a session, the first tab in
   * front and the others loaded in background tabs, hidden until looked at
   * (launch's realTabs). Otherwise every tab is visible, as Playwright's
   * focus emulation makes them: the worst case, every tab showing its sidebar.
   */
  const measure = async (extension: boolean | string, { restored = false } = {}) => {
    const browser = await launch({ pages, extension, realTabs: restored });
    try {
      const front = restored ? browser.context.pages()[0]! : await browser.context.newPage();
      await front.goto('about:blank');
      const opened: Array<Promise<unknown>> = [];
      for (const url of urls.slice(1)) {
        if (restored) opened.push(openInBackground(browser.context, url));
        else opened.push(browser.context.newPage().then((p) => p.goto(url, { waitUntil: 'load' })));
      }
      await Promise.all(opened);
      await front.bringToFront();
      await front.goto(urls[0]!, { waitUntil: 'load' });
      // Settled: a compositor lets go of tiles it no longer draws (the
      // shell's background under a frame that has loaded) seconds later.
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const frames = browser.context
        .pages()
        .flatMap((p) => p.frames())
        .filter((f) => f.url().includes('/sidebar.html')).length;
      const memory = {
        ...(await browserMemoryKb(browser.profileDir)),
        frames,
        lookedAt: [] as number[],
      };
      // Background tabs looked at, one after another: tab visible → its sidebar painted.
      for (const url of restored && extension === true ? urls.slice(5, 9) : []) {
        const tab = browser.context.pages().find((p) => p.url() === url)!;
        await tab.evaluate(() =>
          document.addEventListener(
            'visibilitychange',
            () => {
              document.documentElement.dataset.visibleAt = String(
                performance.timeOrigin + performance.now(),
              );
            },
            { once: true },
          ),
        );
        await tab.bringToFront();
        const painted = sidebarFrame(tab).locator('html[data-painted-at]');
        await painted.waitFor({ timeout: 20_000 });
        memory.lookedAt.push(
          Number(await painted.getAttribute('data-painted-at')) -
            Number(await tab.locator('html').getAttribute('data-visible-at')),
        );
      }
      return memory;
    } finally {
      await browser.close();
    }
  };
  type Memory = Awaited<ReturnType<typeof measure>>;
  // A browser's memory moves by tens of MB from launch to launch (the GPU
  // process alone): pairs, alternating, and the medians.
  const bare: Memory[] = [];
  const restoredBare: Memory[] = [];
  const restored: Memory[] = [];
  const withExt: Memory[] = [];
  const floor: Memory[] = [];
  const frameFloor: Memory[] = [];
  for (let run = 0; run < 3; run++) {
    restoredBare.push(await measure(false, { restored: true }));
    restored.push(await measure(true, { restored: true }));
    bare.push(await measure(false));
    withExt.push(await measure(true));
    floor.push(await measure(trivial));
    frameFloor.push(await measure(trivialFrame));
  }
  type Figure = Exclude<keyof Memory, 'lookedAt'>;
  const median = (runs: Memory[], kind: Figure) =>
    quantile(
      runs.map((m) => m[kind]),
      0.5,
    );
  const perTab = (runs: Memory[], kind: Figure, none = bare) =>
    ((median(runs, kind) - median(none, kind)) / TABS / 1024).toFixed(1);
  const mb = (runs: Memory[], kind: Figure) => (median(runs, kind) / 1024).toFixed(0);
  const line = (label: string, runs: Memory[], none = bare) =>
    console.log(
      `per paper tab over no extension (budget 10 MB), ${label}: summed RSS ${perTab(runs, 'rss', none)} MB, summed PSS ${perTab(runs, 'pss', none)} MB ` +
        `(page renderers ${perTab(runs, 'pagesPss', none)} MB, extension process ${perTab(runs, 'extensionPss', none)} MB); sidebar frames alive: ${median(runs, 'frames')} of ${TABS}`,
    );
  console.log(
    `medians of 3 launches each, ${SETTLE_MS / 1000} s after the last tab loaded. A restored session (one tab in front, ${TABS - 1} loaded in the background): no extension PSS ${mb(restoredBare, 'pss')} MB, with Sidenotes ${mb(restored, 'pss')} MB`,
  );
  line('restored session', restored, restoredBare);
  const looked = restored.flatMap((m) => m.lookedAt);
  console.log(
    `  background tabs looked at: tab visible → its sidebar painted (budget 50 ms): ${fmt(looked)}`,
  );
  console.log(
    `Every tab visible (Playwright's focus emulation; ${TABS} windows side by side): no extension PSS ${mb(bare, 'pss')} MB, with Sidenotes ${mb(withExt, 'pss')} MB`,
  );
  line('every tab showing its sidebar', withExt);
  line('floor: a trivial extension with an empty content script', floor);
  line(
    "floor with a frame: the same, adding one trivial extension iframe per tab, of the sidebar's size",
    frameFloor,
  );
  for (const dir of [trivial, trivialFrame]) rmSync(dir, { recursive: true, force: true });
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
  const { openLibraryDb } = await import('../utils/db/stores');
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
  ['listing', true, async () => (await import('./bench-listing')).benchListing()],
  ['popup', true, benchPopup],
  ['library', true, benchLibrary],
  ['tabs', true, benchManyTabs],
  ['parsing', true, async () => (await import('./bench-parsing')).benchHostileParsing()],
  ['probe', true, async () => (await import('./bench-probe')).benchProbe()],
  ['sync', true, async () => (await import('./bench-sync')).benchSync()],
  ['firefox', true, async () => (await import('./bench-firefox')).benchFirefox()],
  ['coverage', false, async () => (await import('./bench-coverage')).benchCoverage()],
];
for (const [name, browser, run] of parts) {
  if (only ? !only.includes(name) : browser && process.argv.includes('--no-browser')) continue;
  await run();
}
