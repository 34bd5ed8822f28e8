/**
 * After `npm run zip`: prints each store package's size and checks what is
 * in it. The Chrome and Firefox zips must hold the built extension; AMO's
 * sources zip what rebuilds it (package files, config, source, the bundled
 * index) and nothing that does not belong (node_modules, build output,
 * test output). Fails the command otherwise.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readZip } from '../test/helpers/unzip';

const OUT = '.output';
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8')) as {
  name: string;
  version: string;
};
const zips = {
  chrome: `${name}-${version}-chrome.zip`,
  firefox: `${name}-${version}-firefox.zip`,
  sources: `${name}-${version}-sources.zip`,
};
const REQUIRED: Record<keyof typeof zips, string[]> = {
  chrome: [
    'manifest.json',
    'paper.js',
    'listing.js',
    'background.js',
    'index-counts.json',
    'index/manifest.json',
    'sidebar.html',
  ],
  firefox: [
    'manifest.json',
    'paper.js',
    'listing.js',
    'background.js',
    'index-counts.json',
    'index/manifest.json',
  ],
  sources: [
    'package.json',
    'package-lock.json',
    'wxt.config.ts',
    'tsconfig.json',
    'README.md',
    'docs/store.md',
    'entrypoints/listing/index.ts',
    'scripts/bundled-key-counts.ts',
    'scripts/check-size.ts',
    'public/index/manifest.json',
    'data/bundled/shortscience-seed.jsonl',
  ],
};
const FORBIDDEN = /^(?:node_modules|\.output|\.wxt|test-results|test|\.git)\//;

let failed = false;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
for (const [kind, file] of Object.entries(zips) as Array<[keyof typeof zips, string]>) {
  const path = join(OUT, file);
  const entries = readZip(readFileSync(path));
  const names = new Set(entries.map((e) => e.path));
  const unpacked = entries.reduce((n, e) => n + e.data.length, 0);
  console.log(
    `${path}: ${kb(statSync(path).size)} (${entries.length} files, ${kb(unpacked)} unpacked)`,
  );
  for (const wanted of REQUIRED[kind]) {
    if (!names.has(wanted)) {
      console.error(`  missing: ${wanted}`);
      failed = true;
    }
  }
  const stray = [...names].filter((n) => FORBIDDEN.test(n) || n.endsWith('.zip'));
  if (stray.length) {
    console.error(
      `  does not belong: ${stray.slice(0, 10).join(', ')}${stray.length > 10 ? ' …' : ''}`,
    );
    failed = true;
  }
  if (kind === 'firefox') {
    const manifest = JSON.parse(
      entries.find((e) => e.path === 'manifest.json')!.data.toString(),
    ) as {
      browser_specific_settings?: { gecko?: { id?: string } };
    };
    if (!manifest.browser_specific_settings?.gecko?.id) {
      console.error('  the Firefox manifest has no gecko id');
      failed = true;
    }
  }
}
const others = readdirSync(OUT).filter(
  (f) => f.endsWith('.zip') && !Object.values(zips).includes(f),
);
if (others.length) console.log(`(older packages in ${OUT}: ${others.join(', ')})`);
if (failed) process.exit(1);
