/**
 * Hostile inputs for the two parsers that take text from anyone: a summary
 * body through the renderer (bare-image pass, math, Markdown, sanitizer) in
 * real Chromium, where the sidebar runs it, and the ShortScience feed through
 * its item reader in Node (V8, as in the service worker). Each should take
 * time in proportion to its size; the figures are printed, not asserted (the
 * unit tests check that such inputs finish with the right output).
 * Called from scripts/bench.ts; alone:
 *   npx tsx -e "import('./scripts/bench-parsing.ts').then(m=>m.benchHostileParsing())"
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const fmt = (xs: number[]) =>
  `p50 ${quantile(xs, 0.5).toFixed(3)} ms · p95 ${quantile(xs, 0.95).toFixed(3)} ms (n=${xs.length})`;

const MB = 1024 * 1024;
/** `unit` repeated to `bytes` characters. */
const fill = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length));

async function times(runs: number, task: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    out.push(performance.now() - start);
  }
  return out;
}

/** Summary bodies, each aimed at one stage of the renderer: the unit repeated to 1 MB. */
const HOSTILE_BODIES: Array<[string, string]> = [
  ['bare URLs (`http://` runs, no image)', 'http://'],
  ['`![` and `http://` fragments', '![http://a '],
  ['bare image URLs back to back', 'https://i.imgur.com/x.png '],
  ['unclosed `\\[` math', '\\[ '],
  ['250k inline formulas', '$x$ '],
  ['emphasis delimiters (`*a _`)', '*a _'],
  ['underscored words, 1,000-character runs', `${'a_'.repeat(500)} `],
  ['one 1 MB word', 'a_'],
  ['raw HTML and MathML tags', '<math><mpadded voffset="9em"><mi>x</mi></mpadded></math><b>'],
];

/** Feeds whose items never close, or whose fields never do. */
function hostileFeeds(bytes: number): Array<[string, string]> {
  const head = '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>';
  const item = (field: string) =>
    `<item><title>T</title><link>https://www.shortscience.org/p</link>${field}</item>`;
  return [
    ['unclosed `<item>`', head + fill('<item>', bytes)],
    ['`<item ` without `>`', head + fill('<item ', bytes)],
    ['items with unclosed `<description>`', head + fill(item('<description>x'), bytes)],
    [
      'one item, unclosed fields inside',
      `${head}<item>${fill('<description><title>', bytes)}</item>`,
    ],
  ];
}

/**
 * The renderer as one script for a blank page (jsdom cannot hold a 1 MB
 * summary's DOM: it ran out of 4 GB of heap).
 */
async function renderBundle(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(import.meta.dirname, '../utils/render/markdown.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'sidenotesRender',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

async function benchRenderInChromium(): Promise<void> {
  console.log(
    '\n## Hostile summaries: 1 MB body → sanitized HTML, real Chromium (renderSummaryHtml)',
  );
  const { CHROMIUM } = await import('../test/helpers/browser');
  if (!existsSync(CHROMIUM)) {
    console.log('skipped: no Chromium (bash scripts/ensure-test-tools.sh)');
    return;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    await page.route('**', (route) => route.abort()); // nothing a summary names may load
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: await renderBundle() });
    for (const [label, unit] of HOSTILE_BODIES) {
      const runs = await page.evaluate(
        async ({ unit, bytes }) => {
          type Render = (body: string, format: 'markdown', options: { images: boolean }) => unknown;
          const render = (window as unknown as { sidenotesRender: { renderSummaryHtml: Render } })
            .sidenotesRender.renderSummaryHtml;
          const body = unit.repeat(Math.ceil(bytes / unit.length));
          const out: number[] = [];
          for (let i = 0; i < 3; i++) {
            const start = performance.now();
            await render(body, 'markdown', { images: true });
            out.push(performance.now() - start);
          }
          return out;
        },
        { unit, bytes: MB },
      );
      console.log(`${label}: ${fmt(runs)}`);
    }
  } finally {
    await browser.close();
  }
}

async function benchFeed(): Promise<void> {
  const { parseShortScienceRss } = await import('../utils/sources/shortscience-rss');
  for (const bytes of [MB, 20 * MB]) {
    console.log(
      `\n## Hostile ShortScience feed: ${bytes / MB} MB → summaries (parseShortScienceRss)`,
    );
    for (const [label, xml] of hostileFeeds(bytes)) {
      const runs = await times(bytes > MB ? 3 : 5, () => parseShortScienceRss(xml));
      console.log(`${label}: ${fmt(runs)}`);
    }
  }
}

export async function benchHostileParsing(): Promise<void> {
  await benchRenderInChromium();
  await benchFeed();
}
