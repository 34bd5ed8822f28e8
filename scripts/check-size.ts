/**
 * Prints the gzipped size of the detection content script and fails the
 * build past its budget: it runs on every paper page, summaries or not.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const CONTENT_SCRIPT_BUDGET_BYTES = 4 * 1024;
const file =
  process.argv[2] ?? `.output/chrome-mv3${process.env.SIDENOTES_E2E ? '-e2e' : ''}/paper.js`;
const raw = readFileSync(file);
const gzipped = gzipSync(raw, { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
console.log(
  `content script ${file}: ${kb(raw.length)} raw, ${kb(gzipped)} gzipped (budget ${kb(CONTENT_SCRIPT_BUDGET_BYTES)})`,
);
if (gzipped > CONTENT_SCRIPT_BUDGET_BYTES) {
  console.error('The detection content script is over its size budget.');
  process.exit(1);
}
