/**
 * Builds an index in the Sidenotes format from JSONL input.
 *   npm run build:index                          the bundled index: data/bundled/*.jsonl → public/index
 *   npm run build:index -- <in.jsonl…> <out-dir>  any index of your own
 * Lines that fail are reported with file and line number; the build stops
 * rather than ship a partial index.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildIndex } from '../utils/index-format/build';
import { InputError, parseInputLine, type InputRecord } from '../utils/index-format/input';

export const BUNDLED_INPUT = 'data/bundled';
export const BUNDLED_OUTPUT = 'public/index';
/** The bundled index's build date is the data's, not the clock's, so rebuilds are identical. */
export const BUNDLED_BUILT = '2026-11-26';

export function readInputs(files: readonly string[]): InputRecord[] {
  const records: InputRecord[] = [];
  const problems: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        try {
          records.push(parseInputLine(line));
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          problems.push(`${file}:${i + 1}: ${error.message}`);
        }
      });
  }
  if (problems.length) {
    throw new Error(
      `${problems.length} input line(s) are invalid:\n${problems.slice(0, 20).join('\n')}`,
    );
  }
  return records;
}

export const bundledInputs = (): string[] =>
  readdirSync(BUNDLED_INPUT)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(BUNDLED_INPUT, f));

async function main(args: string[]) {
  const bundled = args.length === 0;
  if (!bundled && args.length < 2) {
    console.error('usage: npm run build:index -- <input.jsonl> [more.jsonl…] <out-dir>');
    process.exit(2);
  }
  const inputs = bundled ? bundledInputs() : args.slice(0, -1);
  const outDir = resolve(bundled ? BUNDLED_OUTPUT : args.at(-1)!);
  const started = performance.now();
  const records = readInputs(inputs);
  const { manifest, files } = await buildIndex(records, {
    name: bundled ? 'Sidenotes bundled index' : 'Sidenotes index',
    built: bundled ? BUNDLED_BUILT : new Date().toISOString().slice(0, 10),
  });
  rmSync(join(outDir, 'shards'), { recursive: true, force: true });
  for (const [path, text] of files) {
    mkdirSync(dirname(join(outDir, path)), { recursive: true });
    writeFileSync(join(outDir, path), text);
  }
  const bytes = [...files.values()].reduce(
    (n, t) => n + (typeof t === 'string' ? Buffer.byteLength(t) : t.length),
    0,
  );
  console.log(
    `${outDir}: ${manifest.counts.papers} papers, ${manifest.counts.summaries} summaries, ` +
      `${Object.keys(manifest.shards).length} shards, ${(bytes / 1024 / 1024).toFixed(1)} MB ` +
      `in ${(performance.now() - started).toFixed(0)} ms`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
