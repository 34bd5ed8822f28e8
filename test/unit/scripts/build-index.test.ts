import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '@/utils/index-format/build';
import { IndexReader } from '@/utils/index-format/reader';
import { lookupSummaries } from '@/utils/index-format/lookup';
import { BUNDLED_OPTIONS, BUNDLED_OUTPUT, bundledInputs, readInputs } from '@/scripts/build-index';
import { ROOT } from '../../helpers/fixtures';

const readCommitted = (path: string) => readFileSync(join(ROOT, BUNDLED_OUTPUT, path), 'utf8');
const bundled = () => [{ name: 'bundled', reader: new IndexReader(async (p) => readCommitted(p)) }];

describe('the bundled index', () => {
  it('is exactly what the builder makes from data/bundled', async () => {
    const { files } = await buildIndex(readInputs(bundledInputs()), BUNDLED_OPTIONS);
    for (const [path, content] of files) {
      if (typeof content === 'string') expect(readCommitted(path), path).toBe(content);
      else
        expect(
          Buffer.from(readFileSync(join(ROOT, BUNDLED_OUTPUT, path))).equals(content),
          path,
        ).toBe(true);
    }
    const manifest = JSON.parse(readCommitted('manifest.json')) as { shards: object };
    expect(Object.keys(manifest.shards)).toHaveLength(files.size - 2); // + manifest.json, search.bin
    // Rebuilding the whole bundled index takes 2–7 s on a loaded 2-core machine.
  }, 30_000);

  it('holds the four shipped sources', () => {
    const manifest = JSON.parse(readCommitted('manifest.json')) as {
      counts: { papers: number; summaries: number };
    };
    // 5 seed + 3,229 SciTLDR + 974 ScisummNet papers (4 ScisummNet files are empty),
    // + 477 LongSumm papers, one of which SciTLDR also has (openreview:ry_WPG-A-).
    expect(manifest.counts.papers).toBe(4208 + 477 - 1);
    expect(manifest.counts.summaries).toBe(5 + 5412 + 974 + 493);
  });

  it('finds the seed summary by arXiv id', async () => {
    const { summaries, errors } = await lookupSummaries({ keys: ['arxiv:2007.12223'] }, bundled());
    expect(errors).toEqual([]);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      paper: { title: 'The Lottery Ticket Hypothesis for Pre-trained BERT Networks' },
      source: { name: 'ShortScience.org', kind: 'human' },
      link: 'https://www.shortscience.org/paper?bibtexKey=journals/corr/2007.12223',
    });
  });

  it("finds a SciTLDR paper's TL;DRs, the authors' first", async () => {
    const { summaries } = await lookupSummaries({ keys: ['openreview:rJlnfaNYvB'] }, bundled());
    expect(summaries.length).toBeGreaterThan(1);
    expect(summaries[0]!.label).toBe('TL;DR by the authors');
    expect(summaries[0]!.body).toBe(
      'We devise adaptive loss scaling to improve mixed precision training that surpass the state-of-the-art results.',
    );
    expect(summaries.slice(1).every((s) => s.label === 'TL;DR written from the peer reviews')).toBe(
      true,
    );
  });

  it('finds a ScisummNet summary by ACL id', async () => {
    const { summaries } = await lookupSummaries({ keys: ['acl:A00-1031'] }, bundled());
    expect(summaries.map((s) => s.paper.title)).toEqual([
      'TnT - A Statistical Part-Of-Speech Tagger',
    ]);
  });

  it('finds a paper stored under another id by its normalized title', async () => {
    const keys = ['arxiv:1910.12385', 'title:adaptive loss scaling for mixed precision training'];
    const { summaries } = await lookupSummaries({ keys }, bundled());
    expect(summaries[0]?.paperKeys).toContain('openreview:rJlnfaNYvB');
  });

  it('finds nothing for an unknown paper', async () => {
    expect((await lookupSummaries({ keys: ['arxiv:2401.00001'] }, bundled())).summaries).toEqual(
      [],
    );
  });
});
