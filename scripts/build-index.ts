/**
 * Builds an index in the Sidenotes format from JSONL input.
 *   npm run build:index                          the bundled index: data/bundled/*.jsonl → public/index
 *   npm run build:index -- [options] <in.jsonl…> <out-dir>  any index of your own
 * Options: --name <text> (default "Sidenotes index"), --publisher <text>,
 * --licence <text> (e.g. "CC BY 4.0"), --built <YYYY-MM-DD> (default today).
 * Lines that fail are reported with file and line number; the build stops
 * rather than ship a partial index. The same code runs in the browser when a
 * user publishes (utils/index-format/publish.ts), and bundled into one file
 * in the reading-group template (scripts/vendor-builder.ts).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIndex, type BuildOptions, type BuiltIndex } from '../utils/index-format/build';
import { InputError, parseInputLine, type InputRecord } from '../utils/index-format/input';

export const BUNDLED_INPUT = 'data/bundled';
export const BUNDLED_OUTPUT = 'public/index';
/** The bundled index's build date is the data's, not the clock's, so rebuilds are identical. */
export const BUNDLED_BUILT = '2026-11-26';
/** The bundled index ships inside the extension, where nobody visits it: no index.html. */
export const BUNDLED_OPTIONS: BuildOptions = {
  name: 'Sidenotes bundled index',
  built: BUNDLED_BUILT,
  page: false,
};

export const USAGE =
  'usage: build-index [--name <text>] [--publisher <text>] [--licence <text>] ' +
  '[--built <YYYY-MM-DD>] <input.jsonl> [more.jsonl…] <out-dir>\n' +
  '(in Sidenotes itself: npm run build:index -- <the same arguments>)';

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

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface BuildCommand {
  inputs: string[];
  outDir: string;
  options: BuildOptions;
}

/**
 * What a command line asks for. No arguments at all: the bundled index
 * (when run where `data/bundled` is). Throws UsageError otherwise.
 */
export function parseArgs(args: readonly string[], today: string): BuildCommand {
  if (args.length === 0) {
    if (!existsSync(BUNDLED_INPUT)) throw new UsageError(USAGE);
    return { inputs: bundledInputs(), outDir: BUNDLED_OUTPUT, options: { ...BUNDLED_OPTIONS } };
  }
  const options: BuildOptions = { name: 'Sidenotes index', built: today };
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      paths.push(arg);
      continue;
    }
    const value = args[++i];
    if (value === undefined) throw new UsageError(`${arg} needs a value\n${USAGE}`);
    if (arg === '--name') options.name = value;
    else if (arg === '--publisher') options.publisher = value;
    else if (arg === '--licence' || arg === '--license') options.licence = value;
    else if (arg === '--built') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
        throw new UsageError(`--built takes a date as YYYY-MM-DD, not "${value}"`);
      }
      options.built = value;
    } else throw new UsageError(`unknown option ${arg}\n${USAGE}`);
  }
  if (paths.length < 2) throw new UsageError(USAGE);
  if (!options.name.trim()) throw new UsageError('--name must not be empty');
  return { inputs: paths.slice(0, -1), outDir: paths.at(-1)!, options };
}

/** Reads the inputs, builds, and writes the index folder (replacing its shards). */
export async function buildIndexFolder(command: BuildCommand): Promise<BuiltIndex> {
  const built = await buildIndex(readInputs(command.inputs), command.options);
  const outDir = resolve(command.outDir);
  rmSync(join(outDir, 'shards'), { recursive: true, force: true });
  for (const [path, content] of built.files) {
    mkdirSync(dirname(join(outDir, path)), { recursive: true });
    writeFileSync(join(outDir, path), content);
  }
  return built;
}

async function main(args: string[]) {
  const started = performance.now();
  const command = parseArgs(args, new Date().toISOString().slice(0, 10));
  const { manifest, files } = await buildIndexFolder(command);
  const bytes = [...files.values()].reduce(
    (n, t) => n + (typeof t === 'string' ? Buffer.byteLength(t) : t.length),
    0,
  );
  console.log(
    `${resolve(command.outDir)}: ${manifest.counts.papers} papers, ${manifest.counts.summaries} summaries, ` +
      `${Object.keys(manifest.shards).length} shards, ${(bytes / 1024 / 1024).toFixed(1)} MB ` +
      `in ${(performance.now() - started).toFixed(0)} ms`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}
