/**
 * npx tsx scripts/vendor-builder.ts
 * Bundles the index builder (scripts/build-index.ts and the code it uses)
 * into one dependency-free file for the reading-group template, so a group's
 * CI runs exactly our builder with plain `node`: no npm install, no server of
 * ours, no network. A unit test fails when the committed copy is stale; run
 * this again after changing the builder or the index format.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { format, resolveConfig } from 'prettier';
import { INDEX_FORMAT_VERSION } from '../utils/index-format/format';

export const VENDORED_BUILDER = 'templates/reading-group/.sidenotes/build-index.mjs';

const HEADER = `// The Sidenotes index builder (index format ${INDEX_FORMAT_VERSION}), bundled from Sidenotes'
// scripts/build-index.ts by scripts/vendor-builder.ts. Do not edit: to update,
// copy the newest templates/reading-group/.sidenotes/build-index.mjs from Sidenotes.
// Usage: node build-index.mjs [--name <text>] [--publisher <text>] [--licence <text>]
//          [--built <YYYY-MM-DD>] <input.jsonl…> <out-dir>
/* eslint-disable */
`;

/** The vendored file's text: deterministic for the same sources and esbuild version. */
export async function bundleBuilder(): Promise<string> {
  const result = await build({
    entryPoints: ['scripts/build-index.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    legalComments: 'none',
    charset: 'utf8',
  });
  const code = result.outputFiles[0]!.text // esbuild marks each module with its path; paths move, the code does not.
    .replace(/^\s*\/\/ (?:scripts|utils)\/[^\n]*\.ts\n/gm, '');
  const config = (await resolveConfig(VENDORED_BUILDER)) ?? {};
  return format(HEADER + code, { ...config, parser: 'babel' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(VENDORED_BUILDER, await bundleBuilder());
  console.log(`wrote ${VENDORED_BUILDER}`);
}
