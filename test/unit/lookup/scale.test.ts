// @vitest-environment node
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '@/utils/index-format/build';
import type { InputRecord } from '@/utils/index-format/input';
import { IndexReader } from '@/utils/index-format/reader';
import { lookupSummaries } from '@/utils/index-format/lookup';
import { CORPUS_FILE, readCorpus } from '@/scripts/corpus';
import { ROOT } from '../../helpers/fixtures';

const corpus = resolve(ROOT, CORPUS_FILE);
const hasCorpus = existsSync(corpus);

/** Where ../shared is absent (a clone elsewhere), 74,728 generated papers of the same shape. */
function generated(): InputRecord[] {
  const source = { id: 'gen', name: 'Generated', url: 'https://example.org', licence: 'CC0-1.0' };
  return Array.from({ length: 74_728 }, (_, i) => ({
    keys: [`arxiv:25${String(1 + (i % 12)).padStart(2, '0')}.${String(i).padStart(5, '0')}`],
    paper: { title: `Generated paper number ${i}`, authors: [`Author ${i % 977}`] },
    summary: {
      body: `A summary of paper ${i}, long enough to weigh like an abstract. `.repeat(12),
      format: 'text' as const,
      author: null,
      date: null,
      votes: null,
      link: null,
      source: { ...source, kind: 'human' as const },
    },
  }));
}

/** The 74,728-paper arXiv corpus from ../shared (or as many generated papers where it is absent). */
describe(`an index of 75k papers (${hasCorpus ? 'the arXiv corpus' : 'generated'})`, () => {
  it('is sharded so that a look-up by key reads the manifest and one shard', async () => {
    const records = hasCorpus ? readCorpus(corpus) : generated();
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
