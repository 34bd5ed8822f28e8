import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyCountsOf, parseKeyCounts } from '@/utils/index-format/key-counts';
import { IndexReader } from '@/utils/index-format/reader';
import { lookupSummaries } from '@/utils/index-format/lookup';
import { mergeSummaries } from '@/utils/lookup/merge';
import { BUNDLED_OUTPUT } from '@/scripts/build-index';
import { ROOT } from '../../helpers/fixtures';

const dir = join(ROOT, BUNDLED_OUTPUT);
const shards = readdirSync(join(dir, 'shards')).map(
  (f) =>
    JSON.parse(readFileSync(join(dir, 'shards', f), 'utf8')) as {
      entries: Record<string, unknown>;
    },
);
const reader = new IndexReader(async (p) => readFileSync(join(dir, p), 'utf8'), {
  maxCachedShards: 300,
});

describe('summary counts per key', () => {
  const counts = keyCountsOf(shards);

  it('covers every id key of the bundled index, and no title', () => {
    const idKeys = shards
      .flatMap((s) => Object.keys(s.entries))
      .filter((k) => !k.startsWith('title:'));
    expect(Object.keys(counts).sort()).toEqual(idKeys.sort());
    expect(counts['arxiv:2007.12223']).toEqual([1, 0]);
    expect(counts['openreview:BJ8vJebC-']).toEqual([4, 0]);
  });

  it('equals, for every key, what the sidebar shows from a look-up by that key', async () => {
    for (const [key, [human, machine]] of Object.entries(counts)) {
      const { summaries } = await lookupSummaries({ keys: [key] }, [{ name: 'b', reader }]);
      const shown = mergeSummaries(summaries);
      const kinds = [
        shown.filter((s) => s.source.kind === 'human').length,
        shown.filter((s) => s.source.kind === 'machine').length,
      ];
      expect(kinds, key).toEqual([human, machine]);
    }
  }, 60_000);

  it('counts one summary once (same id, or same words), follows references, skips what the schema refuses', () => {
    const summary = (id: string, body: string, kind = 'human') => ({
      id,
      body,
      author: null,
      source: { id: `s-${kind}`, name: 'S', url: 'https://s.example', licence: 'CC0', kind },
    });
    const entry = (key: string, summaries: unknown[]) => ({
      entry: { keys: [key], paper: { title: 'T', authors: [] }, summaries },
    });
    const table = keyCountsOf([
      {
        entries: {
          'arxiv:2007.12223': entry('arxiv:2007.12223', [
            summary('a', 'Same words.'),
            summary('b', 'same   WORDS.'),
            summary('a', 'Other'),
            summary('m', 'Made by a model', 'machine'),
            summary('x', 'odd kind', 'robot'),
            summary('e', '   '),
            'not a summary',
          ]),
          'doi:10.1145/3292500.3330701': { see: ['arxiv:2007.12223', 'arxiv:1512.03385'] },
          'arxiv:1512.03385': entry('arxiv:1512.03385', [summary('c', 'Third')]),
          'title:some title': { see: ['arxiv:2007.12223'] },
          'acl:P19-1001': entry('acl:P19-1001', []),
          'arxiv:not-an-id': entry('arxiv:2007.12223', [summary('d', 'Off the grammar')]),
          'pmlr:v97/x': { entry: { paper: 'no paper', summaries: [summary('f', 'Refused')] } },
        },
      },
      { entries: 'not entries' } as unknown as { entries: Record<string, unknown> },
    ]);
    expect(table).toEqual({
      'arxiv:2007.12223': [1, 1],
      'arxiv:1512.03385': [1, 0],
      'doi:10.1145/3292500.3330701': [2, 1],
    });
  });

  it('reads back only well-formed rows', () => {
    expect(
      parseKeyCounts(
        '{"arxiv:1":[2,1],"arxiv:2":[-1,0],"arxiv:3":"x","arxiv:4":[1.5,0],"arxiv:5":[1,2,3]}',
      ),
    ).toEqual({ 'arxiv:1': [2, 1] });
    expect(parseKeyCounts('[]')).toEqual({});
  });
});
