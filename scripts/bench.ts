/**
 * npm run bench — the performance figures of DESIGN.md, measured here:
 *   1. the bundled index: build time, size, look-up by key (cold and warm);
 *   2. real Chromium: page load → sidebar painted on the seed arXiv page,
 *      with the worker warm and after it was stopped (as Chrome does after 30 s idle).
 * Needs a built extension (npm run build) and Chromium for part 2.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildIndex } from '../utils/index-format/build';
import { IndexReader } from '../utils/lookup/index-reader';
import { lookupSummaries } from '../utils/lookup/lookup';
import { BUNDLED_BUILT, BUNDLED_OUTPUT, bundledInputs, readInputs } from './build-index';

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
  const raw = [...files.values()].reduce((n, f) => n + Buffer.byteLength(f), 0);
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
    .flatMap((p) => Object.keys((JSON.parse(files.get(p)!) as { entries: object }).entries))
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
  const contentScript = '.output/chrome-mv3/content-scripts/paper.js';
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
    };
    const once = async (): Promise<Run> => {
      await page.goto(url);
      const frame = page.frameLocator('sidenotes-sidebar iframe');
      await frame.locator('html[data-painted-at]').waitFor({ timeout: 20_000 });
      const paintedAt = Number(await frame.locator('html').getAttribute('data-painted-at'));
      const sidebar = page.frames().find((f) => f.url().startsWith('chrome-extension://'))!;
      const inFrame = await sidebar.evaluate(() => ({
        origin: performance.timeOrigin,
        scriptStart: performance.getEntriesByName('sidenotes:script-start')[0]?.startTime ?? NaN,
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
      };
    };
    await once(); // first run warms the disk cache and the renderer
    const warm: Run[] = [];
    for (let i = 0; i < 20; i++) warm.push(await once());
    const cold: Run[] = [];
    for (let i = 0; i < 8; i++) {
      await page.goto('about:blank');
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await new Promise((r) => setTimeout(r, 300));
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
    };
    show('worker warm', warm);
    show('worker stopped first', cold);
  } finally {
    await browser.close();
  }
}

await benchBundledIndex();
if (!process.argv.includes('--no-browser')) await benchSidebarPaint();
