import type { CDPSession, Page } from 'playwright-core';

/**
 * A listing page's first frame: a 2,000-entry arXiv list (the seed paper and
 * three other summarized ones among 1,996 that are not), loaded alternately
 * in two browsers of the same run, one with Sidenotes and one without, in
 * turns that swap who goes first (with, without; without, with; …), so that
 * what one load leaves running weighs on both sides alike. The figure is the page's own first frame
 * after DOMContentLoaded: a mark the page sets in a task after the
 * requestAnimationFrame callback it asks for at DOMContentLoaded, timed from
 * DOMContentLoaded's start, so that the extension's own DOMContentLoaded
 * work counts against it. The floor is the same figure in the browser
 * without the extension. Budget: the median with Sidenotes within the
 * floor's median + 16 ms, and every badge in that frame (the page counts
 * the badge hosts in its requestAnimationFrame callback: what is in the DOM
 * then is in the frame drawn after it). Beside the two medians, the median
 * of the paired differences (each load with Sidenotes minus the load
 * without it in the same turn), which the machine's swings move less.
 */
const URL_ = 'https://arxiv.org/list/cs.LG/recent?skip=0&show=2000';
const BUDGET_OVER_FLOOR_MS = 16;
/**
 * The issue asks for ≥ 6. The page's own frame varies so much here (the
 * paired differences' quartiles ~130 ms apart) that the median of 24 pairs
 * moved from run to run across the budget line: its standard error is
 * ~0.93 × IQR / √n, ~25 ms for 24 pairs, ~17 ms for 48.
 */
const WARM_ROUNDS = 48;
const COLD_ROUNDS = 6;

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
const med = (xs: number[]) => quantile(xs, 0.5);
const ms = (x: number) => `${x.toFixed(0)} ms`;

export interface Load {
  /** Navigation → DOMContentLoaded's start. */
  dcl: number;
  /** DOMContentLoaded's start → the page's first frame after it. */
  frame: number;
  /** DOMContentLoaded's listeners, all of them (the page's only asks for a frame). */
  listeners: number;
  /** Badge hosts in the DOM in that frame's requestAnimationFrame callback. */
  badgesInFrame: number;
  /** DOMContentLoaded's start → the listing script's "every badge asked for is drawn" mark. */
  allBadges: number;
  /**
   * The renderer's main thread over the load (Performance.getMetrics): its
   * CPU time (steadier than any wall time on a shared machine), and the
   * wall time of its script, style and layout work.
   */
  cpuMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
}

/** The same 2,000-entry list as test/e2e/listing.test.ts, with the page's own frame mark. */
export async function listPage(): Promise<{ html: string; summarized: number }> {
  const { arxivListPage, freshArxivIds, SEED } = await import('../test/helpers/pages');
  const papers = freshArxivIds(1996).map((id, i) => ({
    id,
    title: `A Study of Sparse Training Number ${i}`,
    authors: ['A. Author', 'B. Author'],
  }));
  papers.unshift({ id: SEED.arxivId, title: SEED.title, authors: SEED.authors });
  const summarized = ['1512.03385', '1406.2661', '1606.03657'];
  for (const [at, id] of [
    [500, summarized[0]!],
    [1000, summarized[1]!],
    [1999, summarized[2]!],
  ] as const)
    papers.splice(at, 0, { id, title: `Summarized ${id}`, authors: ['C. Author'] });
  return { html: arxivListPage(papers, '', true), summarized: summarized.length + 1 };
}

/**
 * A browser with one tab kept for the loads, and what it takes to time one
 * load there. `extension`: Sidenotes' build, none, or another build's folder.
 */
export async function tab(html: string, extension: boolean | string) {
  const { launch } = await import('../test/helpers/browser');
  const browser = await launch({ pages: { [URL_]: html }, extension });
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => {
    const all = (await cdp.send('Performance.getMetrics')).metrics;
    const ms = (name: string) => 1000 * (all.find((m) => m.name === name)?.value ?? NaN);
    return {
      cpuMs: ms('ThreadTime'),
      scriptMs: ms('ScriptDuration'),
      styleMs: ms('RecalcStyleDuration'),
      layoutMs: ms('LayoutDuration'),
    };
  };
  const load = async (cold = false): Promise<Load> => {
    if (cold) await stopWorkers(page, cdp);
    await page.goto('about:blank');
    const before = await metrics();
    await page.goto(URL_, { waitUntil: 'load' });
    const marks = [
      'page:first-frame-after-dcl',
      ...(extension ? ['sidenotes:badges-painted'] : []),
    ];
    await page.waitForFunction(
      (names) => names.every((n) => performance.getEntriesByName(n).length > 0),
      marks,
      { timeout: 20_000 },
    );
    // The listing script marks again when a later answer adds badges: let it.
    if (extension) await page.waitForTimeout(150);
    const after = await metrics();
    // No named helpers inside evaluate: tsx would wrap them in a function the page lacks.
    const got = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const frame = performance.getEntriesByName(
        'page:first-frame-after-dcl',
      )[0] as PerformanceMark;
      const all = performance.getEntriesByName('sidenotes:badges-painted').at(-1)?.startTime;
      return {
        dcl: nav.domContentLoadedEventStart,
        frame: frame.startTime - nav.domContentLoadedEventStart,
        listeners: nav.domContentLoadedEventEnd - nav.domContentLoadedEventStart,
        badgesInFrame: (frame.detail as { badges: number }).badges,
        allBadges: all === undefined ? NaN : all - nav.domContentLoadedEventStart,
      };
    });
    return {
      ...got,
      cpuMs: after.cpuMs - before.cpuMs,
      scriptMs: after.scriptMs - before.scriptMs,
      styleMs: after.styleMs - before.styleMs,
      layoutMs: after.layoutMs - before.layoutMs,
    };
  };
  return { browser, page, load, stopWorkers: () => stopWorkers(page, cdp) };
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

export async function benchListing(): Promise<void> {
  console.log(
    "\n## Listing page → the page's own first frame after DOMContentLoaded, real Chromium (2,000-entry arXiv list)",
  );
  const { html, summarized } = await listPage();
  console.log(
    `page: ${(html.length / 1e6).toFixed(2)} MB of HTML, ${summarized} summarized entries; ` +
      'loads alternate between a browser with Sidenotes and one without, in the same run',
  );
  const [withExt, without] = [await tab(html, true), await tab(html, false)];
  try {
    // Warms the disk cache, the renderers and the worker.
    await withExt.load();
    await without.load();
    for (const [label, cold, rounds] of [
      ['worker warm', false, WARM_ROUNDS],
      ['worker stopped first', true, COLD_ROUNDS],
    ] as const) {
      const ext: Load[] = [];
      const bare: Load[] = [];
      for (let i = 0; i < rounds; i++) {
        if (i % 2 === 0) {
          ext.push(await withExt.load(cold));
          bare.push(await without.load());
        } else {
          // Stopped first, and nothing wakes Sidenotes' worker during the load without it.
          if (cold) await withExt.stopWorkers();
          bare.push(await without.load());
          ext.push(await withExt.load());
        }
      }
      const frames = (loads: Load[]) => loads.map((l) => l.frame);
      const floor = med(frames(bare));
      const frame = med(frames(ext));
      const inFrame = ext.map((l) => l.badgesInFrame);
      const over = frame - floor;
      const verdict = over <= BUDGET_OVER_FLOOR_MS ? 'met' : 'MISSED';
      console.log(
        `${label} (${rounds} loads each): DOMContentLoaded → the page's first frame: ` +
          `with Sidenotes p50 ${ms(frame)} (p95 ${ms(quantile(frames(ext), 0.95))}), ` +
          `floor without p50 ${ms(floor)} (p95 ${ms(quantile(frames(bare), 0.95))}); ` +
          `${over >= 0 ? '+' : ''}${ms(over)} over the floor (budget +${BUDGET_OVER_FLOOR_MS}: ${verdict})`,
      );
      // Each load with Sidenotes against the load without it in the same turn: both see the
      // same machine at nearly the same moment, so the machine's swings (the parser's share of
      // the CPU decides the frame, 200–1,800 ms) cancel out more than between two medians.
      const paired = ext.map((l, i) => l.frame - bare[i]!.frame);
      const pairedOver = med(paired);
      const cpuPaired = med(ext.map((l, i) => l.cpuMs - bare[i]!.cpuMs));
      console.log(
        `  paired, each load with Sidenotes minus the load without it in the same turn: median ${pairedOver >= 0 ? '+' : ''}${ms(pairedOver)} ` +
          `(quartiles ${ms(quantile(paired, 0.25))} … ${ms(quantile(paired, 0.75))}; ` +
          `${paired.filter((d) => d <= BUDGET_OVER_FLOOR_MS).length}/${rounds} loads within +${BUDGET_OVER_FLOOR_MS}: ` +
          `${pairedOver <= BUDGET_OVER_FLOOR_MS ? 'met' : 'MISSED'}); main-thread CPU ${cpuPaired >= 0 ? '+' : ''}${ms(cpuPaired)} per load`,
      );
      console.log(
        `  badges in that frame: ${Math.min(...inFrame)}–${Math.max(...inFrame)} of ${summarized} ` +
          `(${inFrame.filter((n) => n === summarized).length}/${rounds} loads had all: ${inFrame.every((n) => n === summarized) ? 'met' : 'MISSED'}); ` +
          `the listing script's "all drawn" mark p50 ${ms(med(ext.map((l) => l.allBadges)))} after DOMContentLoaded`,
      );
      const both = (k: keyof Load) =>
        `${ms(med(ext.map((l) => l[k])))} / ${ms(med(bare.map((l) => l[k])))}`;
      console.log(
        `  per load, with / without: DOMContentLoaded listeners ${both('listeners')}; the page's main thread CPU ${both('cpuMs')}, its script ${both('scriptMs')}, ` +
          `style ${both('styleMs')}, layout ${both('layoutMs')}; navigation → DOMContentLoaded ${both('dcl')}`,
      );
    }
    // The worker may have been stopped and started again: ask the running one.
    const worker =
      withExt.browser.context
        .serviceWorkers()
        .filter((w) => w.url().startsWith(`chrome-extension://${withExt.browser.extensionId}/`))
        .at(-1) ?? withExt.browser.worker;
    const stats = await worker.evaluate(
      () =>
        (globalThis as { sidenotesListingStats?: { batches: number; links: number } })
          .sidenotesListingStats!,
    );
    console.log(
      `  last load (a stopped worker starts its counts again): ${stats.batches} page → worker batches, ${stats.links} links`,
    );
  } finally {
    await withExt.browser.close();
    await without.browser.close();
  }
}
