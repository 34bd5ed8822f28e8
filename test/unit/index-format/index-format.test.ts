import { describe, expect, it } from 'vitest';
import { buildIndex } from '@/utils/index-format/build';
import { fnv1a } from '@/utils/index-format/format';
import { InputError, parseInputLine } from '@/utils/index-format/input';
import { IndexReader } from '@/utils/index-format/reader';
import { lookupSummaries } from '@/utils/index-format/lookup';

const line = (paper: object, summary: object = {}) =>
  JSON.stringify({
    paper: { title: 'A Paper About Things', ...paper },
    summary: { body: 'Body.', source: 'shortscience', ...summary },
  });

async function indexOf(lines: string[], shardPrefixLength = 1) {
  const { files, manifest } = await buildIndex(lines.map(parseInputLine), {
    name: 't',
    built: '2026-01-01',
    shardPrefixLength,
  });
  const reads: string[] = [];
  const reader = new IndexReader(async (path) => {
    reads.push(path);
    const text = files.get(path);
    if (typeof text !== 'string') throw new Error(`missing ${path}`);
    return text;
  });
  return { files, manifest, reader, reads };
}

describe('index builder and reader', () => {
  it('round-trips every summary and looks a key up in one shard read', async () => {
    const lines = Array.from({ length: 300 }, (_, i) =>
      line(
        { arxivId: `2101.${String(10000 + i)}`, title: `Paper number ${i} on things` },
        { body: `Summary ${i}` },
      ),
    );
    const { reader, reads, manifest } = await indexOf(lines, 2);
    expect(manifest.counts).toMatchObject({ papers: 300, summaries: 300 });
    for (const i of [0, 150, 299]) {
      reads.length = 0;
      const { summaries } = await lookupSummaries({ keys: [`arxiv:2101.${10000 + i}`] }, [
        { name: 't', reader },
      ]);
      expect(summaries.map((s) => s.body)).toEqual([`Summary ${i}`]);
      expect(reads.filter((p) => p.startsWith('shards/'))).toHaveLength(1);
    }
  });

  it('is deterministic', async () => {
    const lines = [
      line({ arxivId: '2007.12223' }),
      line({ aclId: 'P19-1001', title: 'Other one here' }),
    ];
    const a = await indexOf(lines);
    const b = await indexOf(lines);
    expect([...a.files]).toEqual([...b.files]);
  });

  it('merges summaries of one paper from records sharing a key, keeps alias keys', async () => {
    const { reader } = await indexOf([
      line({ arxivId: '2007.12223' }, { body: 'first' }),
      line({ arxivId: '2007.12223', doi: '10.1000/ABC' }, { body: 'second', votes: 5 }),
    ]);
    const idx = [{ name: 't', reader }];
    const byArxiv = await lookupSummaries({ keys: ['arxiv:2007.12223'] }, idx);
    expect(byArxiv.summaries.map((s) => s.body)).toEqual(['second', 'first']); // votes first
    const byDoi = await lookupSummaries({ keys: ['doi:10.1000/abc'] }, idx);
    expect(byDoi.summaries).toHaveLength(2);
  });

  it('does not take a same-titled paper with another id of the same kind', async () => {
    const { reader } = await indexOf([
      line({ arxivId: '2007.12223', title: 'Attention Is All You Need' }),
    ]);
    const idx = [{ name: 't', reader }];
    const title = 'title:attention is all you need';
    expect((await lookupSummaries({ keys: ['arxiv:1706.03762', title] }, idx)).summaries).toEqual(
      [],
    );
    expect(
      (await lookupSummaries({ keys: ['openreview:abcdefgh12', title] }, idx)).summaries,
    ).toHaveLength(1);
  });

  it('hashes keys with FNV-1a over UTF-8', () => {
    expect(fnv1a('')).toBe('811c9dc5');
    expect(fnv1a('a')).toBe('e40c292c');
    expect(fnv1a('arxiv:2007.12223')).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('site keys in builder input', () => {
  it('takes keys of sites without a field of their own, after the id keys', async () => {
    const record = parseInputLine(
      line({ doi: '10.1145/3317550.3321443', keys: ['pmlr:v97/kahng19a', 'nips:5865'] }),
    );
    expect(record.keys).toEqual(['doi:10.1145/3317550.3321443', 'pmlr:v97/kahng19a', 'nips:5865']);
    const { reader } = await indexOf([line({ keys: ['pmlr:v97/kahng19a'] }, { body: 'PMLR.' })]);
    const { summaries } = await lookupSummaries({ keys: ['pmlr:v97/kahng19a'] }, [
      { name: 't', reader },
    ]);
    expect(summaries.map((s) => s.body)).toEqual(['PMLR.']);
  });
});

describe('bad input to the builder', () => {
  it.each([
    ['not json', 'not valid JSON'],
    ['{"paper":{}}', 'expected an object with "paper" and "summary"'],
    [
      JSON.stringify({ paper: {}, summary: { body: 'x', source: 'shortscience' } }),
      'paper.title is missing',
    ],
    [line({}, { body: '  ' }), 'summary.body is empty'],
    [line({ arxivId: '1234' }), 'paper.arxivId "1234" is not an arXiv id'],
    [line({}, { source: 'nowhere' }), 'unknown source "nowhere"'],
    [
      line({}, { source: { id: 'x', name: 'X', url: 'https://x', kind: 'robot' } }),
      'summary.source.kind must be',
    ],
    [line({ keys: 'pmlr:v97/kahng19a' }), 'paper.keys must be a list of keys'],
    [line({ keys: ['kahng19a'] }), 'is not a key like'],
    [line({ keys: ['arxiv:2007.12223'] }), 'in its own field'],
  ])('%s', (input, message) => {
    expect(() => parseInputLine(input)).toThrow(InputError);
    expect(() => parseInputLine(input)).toThrow(message);
  });
});

describe('a damaged index', () => {
  const idx = (reader: IndexReader) => [{ name: 'Remote lab index', reader }];

  it('rejects a tampered shard with a clear message and keeps other sources working', async () => {
    const { files } = await indexOf([line({ arxivId: '2007.12223' })], 0);
    const tampered = new IndexReader(async (p) =>
      p.startsWith('shards/')
        ? (files.get(p) as string).replace('Body.', 'Evil.')
        : (files.get(p) as string),
    );
    const good = new IndexReader(async (p) => files.get(p) as string);
    const result = await lookupSummaries({ keys: ['arxiv:2007.12223'] }, [
      ...idx(tampered),
      { name: 'ok', reader: good },
    ]);
    expect(result.errors).toEqual([
      {
        source: 'Remote lab index',
        message:
          'Index shard shards/all.json does not match its checksum; it was changed or cut short.',
      },
    ]);
    expect(result.summaries.map((s) => s.body)).toEqual(['Body.']);
  });

  it.each([
    ['not json at all', 'The index manifest is not valid JSON.'],
    ['[]', 'The index manifest is not a JSON object.'],
    [
      '{"format": 99, "shardPrefixLength": 0, "shards": {}, "counts": {}}',
      'newer than this version of Sidenotes',
    ],
    [
      '{"format": 1, "shardPrefixLength": 0, "shards": {"all": {"file": "../../etc/passwd", "sha256": "x"}}, "counts": {}}',
      'malformed',
    ],
  ])('reports a bad manifest: %s', async (manifest, message) => {
    const reader = new IndexReader(async () => manifest);
    const result = await lookupSummaries({ keys: ['arxiv:2007.12223'] }, idx(reader));
    expect(result.summaries).toEqual([]);
    expect(result.errors[0]?.message).toContain(message);
  });

  it('skips malformed summaries inside a valid shard', async () => {
    const { files } = await indexOf([line({ arxivId: '2007.12223' })], 0);
    const shard = JSON.parse(files.get('shards/all.json') as string) as {
      entries: Record<string, { entry: { summaries: unknown[] } }>;
    };
    shard.entries['arxiv:2007.12223']!.entry.summaries.push({ id: 1, body: null }, 'junk');
    const text = JSON.stringify(shard);
    const reader = new IndexReader(
      async (p) => (p === 'manifest.json' ? (files.get(p) as string) : text),
      {
        verify: false,
      },
    );
    const result = await lookupSummaries({ keys: ['arxiv:2007.12223'] }, idx(reader));
    expect(result.summaries.map((s) => s.body)).toEqual(['Body.']);
  });

  it('tries again after a failed read instead of caching the failure', async () => {
    const { files } = await indexOf([line({ arxivId: '2007.12223' })], 0);
    let fail = true;
    const reader = new IndexReader(async (p) => {
      if (fail) throw new Error('offline');
      return files.get(p) as string;
    });
    expect(
      (await lookupSummaries({ keys: ['arxiv:2007.12223'] }, idx(reader))).errors,
    ).toHaveLength(1);
    fail = false;
    expect(
      (await lookupSummaries({ keys: ['arxiv:2007.12223'] }, idx(reader))).summaries,
    ).toHaveLength(1);
  });
});
