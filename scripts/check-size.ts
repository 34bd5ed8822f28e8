/**
 * Prints the gzipped size of each content script and fails the build past
 * its budget: the detection script runs on every paper page, summaries or
 * not; the listing script on every listing page; the probe on every page
 * of the sites the user opened to it (issue 23). Then the scripts each
 * page loads before it runs (scripts/view-chunks.ts), failing the build if
 * the popup's first results would wait for the Markdown renderer or for
 * more than their budget of scripts.
 */
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const CONTENT_SCRIPT_BUDGET_BYTES = 4 * 1024;
export const LISTING_SCRIPT_BUDGET_BYTES = 5 * 1024;
/** The probe runs on every page of the sites the user opened to it, papers or not. */
export const PROBE_SCRIPT_BUDGET_BYTES = 1024;
/**
 * The popup's scripts before its first results (raw: what the browser
 * compiles). Firefox paints an add-on page's first frame ~0.4 ms later per
 * kilobyte of modules (README, Performance): 46 KB when set, 95 KB when the
 * tab state, settings and IndexedDB came first.
 */
export const POPUP_FIRST_SCRIPTS_BUDGET_BYTES = 50 * 1024;

const dir = `.output/chrome-mv3${process.env.SIDENOTES_E2E ? '-e2e' : ''}`;
const scripts: Array<[name: string, file: string, budget: number]> = [
  ['content script', process.argv[2] ?? `${dir}/paper.js`, CONTENT_SCRIPT_BUDGET_BYTES],
  ['listing script', process.argv[3] ?? `${dir}/listing.js`, LISTING_SCRIPT_BUDGET_BYTES],
  ['probe script', process.argv[4] ?? `${dir}/probe.js`, PROBE_SCRIPT_BUDGET_BYTES],
];
const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
let over = false;
for (const [name, file, budget] of scripts) {
  const raw = readFileSync(file);
  const gzipped = gzipSync(raw, { level: 9 }).length;
  console.log(
    `${name} ${file}: ${kb(raw.length)} raw, ${kb(gzipped)} gzipped (budget ${kb(budget)})`,
  );
  if (gzipped > budget) {
    console.error(`The ${name} is over its size budget.`);
    over = true;
  }
}

/**
 * The scripts an extension page runs before its first render: its classic
 * scripts, and its entry module with everything it imports statically
 * (followed through the files themselves, not the page's preload hints).
 */
function firstScripts(page: string): string[] {
  const html = readFileSync(`${dir}/${page}.html`, 'utf8');
  const files = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => m[1]!);
  for (let i = 0; i < files.length; i++) {
    const code = readFileSync(`${dir}${files[i]}`, 'utf8');
    // Static imports only (`import{a}from"./x.js"`, `import"./x.js"`); `import(` is on demand.
    for (const [, file] of code.matchAll(
      /\bimport\s*(?:[\w*{][^;()'"`]*?from\s*)?["'`]\.\/([\w.-]+\.js)["'`]/g,
    )) {
      const path = `${files[i]!.slice(0, files[i]!.lastIndexOf('/') + 1)}${file}`;
      if (!files.includes(path)) files.push(path);
    }
  }
  return files;
}

for (const page of ['popup', 'sidepanel', 'sidebar', 'library', 'options', 'welcome']) {
  // Styles are per surface: the in-page sidebar must not carry the library's, nor the reverse.
  const html = readFileSync(`${dir}/${page}.html`, 'utf8');
  const sheets = [...html.matchAll(/<link\b[^>]*\bhref="([^"]+\.css)"/g)].map((m) => m[1]!);
  if (!sheets.length || sheets.some((f) => !f.startsWith(`/assets/${page}-`))) {
    console.error(`${page}.html loads styles other than its own: ${sheets.join(', ') || 'none'}.`);
    over = true;
  }
  if (page === 'welcome') continue;
  const files = firstScripts(page);
  const bytes = files.reduce((n, f) => n + statSync(`${dir}${f}`).size, 0);
  console.log(`${page}.html runs ${files.length} scripts before its first render, ${kb(bytes)}`);
  // DOMPurify's option names survive minifying: the renderer's mark, whatever its chunk is called.
  if (
    page === 'popup' &&
    files.some((f) => readFileSync(`${dir}${f}`, 'utf8').includes('ALLOWED_TAGS'))
  ) {
    console.error('The popup loads the Markdown renderer before its first results.');
    over = true;
  }
  if (page === 'popup' && bytes > POPUP_FIRST_SCRIPTS_BUDGET_BYTES) {
    console.error(
      `The popup loads more than ${kb(POPUP_FIRST_SCRIPTS_BUDGET_BYTES)} before its first results: load the rest after them (entrypoints/popup/beside-search.tsx).`,
    );
    over = true;
  }
}
if (over) process.exit(1);
