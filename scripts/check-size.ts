/**
 * Prints the gzipped size of each content script and fails the build past
 * its budget: the detection script runs on every paper page, summaries or
 * not; the listing script on every listing page.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const CONTENT_SCRIPT_BUDGET_BYTES = 4 * 1024;
export const LISTING_SCRIPT_BUDGET_BYTES = 5 * 1024;

const dir = `.output/chrome-mv3${process.env.SIDENOTES_E2E ? '-e2e' : ''}`;
const scripts: Array<[name: string, file: string, budget: number]> = [
  ['content script', process.argv[2] ?? `${dir}/paper.js`, CONTENT_SCRIPT_BUDGET_BYTES],
  ['listing script', process.argv[3] ?? `${dir}/listing.js`, LISTING_SCRIPT_BUDGET_BYTES],
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
if (over) process.exit(1);
