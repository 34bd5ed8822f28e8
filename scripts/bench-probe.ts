import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The probe's cost on a large page without scholarly metadata (issue 23:
 * ≤ 1 ms of main thread), with "Recognise papers on every site" on.
 *
 * The page: the 2,000-entry arXiv list of the listing bench (about 2 MB,
 * some 60,000 elements), its scholarly <meta> removed, served under a host
 * no list names. Two browsers in the same run, loads alternated: Sidenotes
 * with the probe registered for every site (its build with https://*\/*
 * granted, as the user's "Allow" grants it), and the same browser without
 * the extension (the floor), and a third whose probe file is empty (what
 * any content script costs the page before its first statement: Chrome
 * sets up the extension's isolated world). Two figures:
 *   - the renderer's script time per load (Performance.getMetrics
 *     ScriptDuration, navigation to load), with and without: the
 *     difference is everything the extension made the page's main thread
 *     run, the probe's compile and run in its own world included;
 *   - the probe itself: its built file evaluated in the loaded page and
 *     timed around (compile and the metadata check, on this page's DOM).
 */
const URL_ = 'https://news.example.com/digest/all-titles';
const ROUNDS = 20;

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
const ms = (x: number) => `${x.toFixed(2)} ms`;

export async function benchProbe(): Promise<void> {
  const { listPage } = await import('./bench-listing');
  const { launch, EXTENSION_DIR } = await import('../test/helpers/browser');
  const { html: listing } = await listPage();
  // Nothing scholarly left: no <meta> of the families, no JSON-LD, no DOI in the address.
  const html = listing.replace(/<meta\b[^>]*>/gi, '');
  const copy = (emptyProbe: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), 'sidenotes-bench-probe-'));
    cpSync(EXTENSION_DIR, dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      host_permissions?: string[];
    };
    manifest.host_permissions = [...(manifest.host_permissions ?? []), 'https://*/*'];
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    if (emptyProbe) writeFileSync(join(dir, 'probe.js'), '');
    return dir;
  };
  const built = copy(false);
  const emptied = copy(true);
  const probe = readFileSync(join(built, 'probe.js'), 'utf8');

  const browsers = await Promise.all(
    [built, emptied, false as const].map(async (extension) => {
      const browser = await launch({ pages: { [URL_]: html }, extension });
      if (extension) {
        await browser.worker.evaluate(() =>
          chrome.storage.local.set({ recognise: { hosts: [], everySite: true } }),
        );
        await browser.worker.evaluate(async () => {
          for (let i = 0; i < 100; i++) {
            const scripts = await chrome.scripting.getRegisteredContentScripts();
            if (scripts.some((s) => s.id === 'sidenotes-probe-all')) return;
            await new Promise((r) => setTimeout(r, 50));
          }
          throw new Error('The probe was never registered.');
        });
      }
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const scriptMs = async () =>
        1000 *
        ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration')
          ?.value ?? NaN);
      const load = async () => {
        await page.goto('about:blank');
        const before = await scriptMs();
        await page.goto(URL_, { waitUntil: 'load' });
        return (await scriptMs()) - before;
      };
      return { browser, page, load };
    }),
  );
  const [withProbe, empty, without] = browsers as Array<(typeof browsers)[0]> as [
    (typeof browsers)[0],
    (typeof browsers)[0],
    (typeof browsers)[0],
  ];
  try {
    const elements = await without.page
      .goto(URL_)
      .then(() => without.page.evaluate(() => document.getElementsByTagName('*').length));
    const script = { with: [] as number[], empty: [] as number[], without: [] as number[] };
    const own: number[] = [];
    await withProbe.load(); // warm both once: first loads compile the browser's own code
    await empty.load();
    await without.load();
    for (let i = 0; i < ROUNDS; i++) {
      script.with.push(await withProbe.load());
      script.empty.push(await empty.load());
      script.without.push(await without.load());
      // Its built code, in the page's own world (where it finds no `chrome.runtime`: it sends nothing).
      own.push(
        await without.page.evaluate((source) => {
          const start = performance.now();
          (0, eval)(source);
          return performance.now() - start;
        }, probe),
      );
    }
    const sent = await withProbe.browser.requests.filter((u) => u !== URL_).length;
    const med = (xs: number[]) => quantile(xs, 0.5);
    console.log(
      `\nProbe on a page without metadata (${(html.length / 1e6).toFixed(1)} MB, ${elements} elements, every site on), ${ROUNDS} loads each:`,
    );
    console.log(
      `  renderer script time per load: with Sidenotes ${ms(med(script.with))}, without ${ms(med(script.without))} (floor); difference of medians ${ms(med(script.with) - med(script.without))}`,
    );
    console.log(
      `  with an empty probe file instead: ${ms(med(script.empty))}; the probe over an empty content script ${ms(med(script.with) - med(script.empty))}`,
    );
    console.log(
      `  the probe itself (compile + check, in the page): median ${ms(med(own))}, p90 ${ms(quantile(own, 0.9))}, max ${ms(Math.max(...own))}`,
    );
    console.log(`  requests other than the page: ${sent}`);
  } finally {
    await Promise.all(browsers.map((b) => b.browser.close()));
    for (const dir of [built, emptied]) rmSync(dir, { recursive: true, force: true });
  }
}
