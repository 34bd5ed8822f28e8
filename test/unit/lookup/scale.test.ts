// @vitest-environment node
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '@/utils/index-format/build';
import { IndexReader } from '@/utils/lookup/index-reader';
import { lookupSummaries } from '@/utils/lookup/lookup';
import { CORPUS_FILE, readCorpus } from '../../../scripts/corpus';
import { ROOT } from '../../helpers/fixtures';

const corpus = resolve(ROOT, CORPUS_FILE);

/** The 74,728-paper arXiv corpus from ../shared (the scale test; skipped where it is absent). */
describe.skipIf(!existsSync(corpus))('an index of 75k papers', () => {
  it('is sharded so that a look-up by key reads the manifest and one shard', async () => {
    const records = readCorpus(corpus);
    expect(records.length).toBeGreaterThan(74_000);
    const { manifest, files } = await buildIndex(records, {
      name: 'corpus',
      built: '2026-11-26',
      search: false,
    });
    const shards = Object.values(manifest.shards);
    expect(manifest.counts.papers).toBe(records.length);
    expect(shards.length).toBeGreaterThanOrEqual(1024);
    // Shards stay small: no look-up reads more than a few hundred KB.
    expect(Math.max(...shards.map((s) => s.bytes))).toBeLessThan(400_000);

    const reads: string[] = [];
    const reader = new IndexReader(async (path) => {
      reads.push(path);
      return files.get(path) as string;
    });
    for (const record of [records[0]!, records[37_000]!, records.at(-1)!]) {
      reads.length = 0;
      const key = record.keys[0]!;
      const { summaries } = await lookupSummaries({ keys: [key] }, [{ name: 'corpus', reader }]);
      expect(summaries[0]!.body).toBe(record.summary.body);
      expect(reads.filter((p) => p.startsWith('shards/'))).toHaveLength(1);
    }
  }, 120_000);
});
