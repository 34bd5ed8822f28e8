// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIndex } from '@/utils/index-format/build';
import { parseInputLine } from '@/utils/index-format/input';
import { validateManifest } from '@/utils/index-format/validate';
import { bundleBuilder, VENDORED_BUILDER } from '@/scripts/vendor-builder';
import { ROOT } from '../../helpers/fixtures';

const TEMPLATE = join(ROOT, 'templates/reading-group');
const WORKFLOW = join(TEMPLATE, '.github/workflows/publish-index.yml');
const temp = mkdtempSync(join(tmpdir(), 'sidenotes-group-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The workflow's `env:` values and the command of its build step, read from the YAML as written. */
function workflowBuildStep() {
  const yaml = readFileSync(WORKFLOW, 'utf8');
  const env = Object.fromEntries(
    [...yaml.matchAll(/^ {2}(INDEX_[A-Z]+): (.+)$/gm)].map(([, k, v]) => [k!, v!.trim()]),
  );
  const run = /^\s+run: (node \.sidenotes\/build-index\.mjs .+)$/m.exec(yaml)?.[1];
  const artifact = /upload-pages-artifact@v\d+\n\s+with:\n\s+path: (\S+)/.exec(yaml)?.[1];
  return { env, run: run!, artifact: artifact! };
}

describe('the reading-group template', () => {
  it('vendors the current builder (else run: npx tsx scripts/vendor-builder.ts)', async () => {
    const committed = readFileSync(join(ROOT, VENDORED_BUILDER), 'utf8');
    expect(committed === (await bundleBuilder())).toBe(true);
  }, 30_000);

  it("builds the sample summaries with the workflow's own step into a complete index", async () => {
    const { env, run, artifact } = workflowBuildStep();
    expect(Object.keys(env).sort()).toEqual(['INDEX_LICENCE', 'INDEX_NAME', 'INDEX_PUBLISHER']);
    const repo = join(temp, 'group-repo');
    cpSync(TEMPLATE, repo, { recursive: true });
    // As GitHub Actions runs a `run:` step: bash, stop at the first failure.
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', run], {
      cwd: repo,
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const site = join(repo, artifact);
    expect(result.stdout).toContain(`${site}: 2 papers, 3 summaries`);

    const read = (path: string) => readFileSync(join(site, path));
    const manifest = validateManifest(JSON.parse(read('manifest.json').toString()));
    expect(manifest).toMatchObject({
      name: env.INDEX_NAME,
      publisher: env.INDEX_PUBLISHER,
      licence: env.INDEX_LICENCE,
      counts: { papers: 2, summaries: 3 },
    });
    for (const { file, sha256 } of [...Object.values(manifest.shards), manifest.search!]) {
      expect(createHash('sha256').update(read(file)).digest('hex'), file).toBe(sha256);
    }
    const page = read('index.html').toString();
    expect(page).toContain(`<h1>${env.INDEX_NAME}</h1>`);
    expect(page).toContain('Options → Sources → Remote indexes');

    // The very files the extension's builder makes from the same input.
    const lines = readFileSync(join(TEMPLATE, 'summaries/example.jsonl'), 'utf8')
      .trim()
      .split('\n');
    const expected = await buildIndex(lines.map(parseInputLine), {
      name: env.INDEX_NAME!,
      publisher: env.INDEX_PUBLISHER!,
      licence: env.INDEX_LICENCE!,
      built: manifest.built,
    });
    for (const [path, content] of expected.files) {
      expect(read(path).equals(Buffer.from(content)), path).toBe(true);
    }
  }, 30_000);

  it('holds sample lines as Publish writes them, under the licence the workflow publishes', () => {
    const { env } = workflowBuildStep();
    const lines = readFileSync(join(TEMPLATE, 'summaries/example.jsonl'), 'utf8')
      .trim()
      .split('\n');
    const records = lines.map(parseInputLine);
    expect(new Set(records.map((r) => r.summary.author))).toEqual(
      new Set(['Ada (example member)', 'Grace (example member)']),
    );
    for (const r of records) {
      expect(r.summary.source).toMatchObject({ name: env.INDEX_NAME, licence: env.INDEX_LICENCE });
    }
  });

  it('prints usage, not a stack, when the builder is run without arguments', () => {
    const result = spawnSync(process.execPath, [join(TEMPLATE, '.sidenotes/build-index.mjs')], {
      cwd: temp,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^usage: build-index /);
    expect(existsSync(join(temp, 'public'))).toBe(false);
  });
});
