import { describe, expect, it } from 'vitest';
import {
  droppedNote,
  parseStoredSummaries,
  readPaperMeta,
  readSource,
  readSummaries,
  readSummary,
  SCHEMA_LIMITS,
} from '@/utils/core/schema';
import type { Summary } from '@/utils/core/summary';

/** A summary as a remote index would send it. */
const good = () => ({
  id: 'lab:arxiv:2007.12223:0',
  paperKeys: [
    'arxiv:2007.12223',
    'title:the lottery ticket hypothesis for pre trained bert networks',
  ],
  paper: {
    title: 'The Lottery Ticket Hypothesis for Pre-trained BERT Networks',
    authors: ['Tianlong Chen', 'Jonathan Frankle'],
    year: 2020,
    venue: 'NeurIPS 2020',
    url: 'https://arxiv.org/abs/2007.12223',
  },
  body: 'Matching subnetworks exist at **40%** sparsity; $x^2$.',
  format: 'markdown',
  label: 'Reading group notes',
  author: 'Ada',
  date: '2026-11-26',
  votes: 3,
  link: 'https://lab.example/notes/1',
  source: {
    id: 'lab',
    name: 'Lab index',
    url: 'https://lab.example/',
    licence: 'CC BY 4.0',
    kind: 'human',
  },
});

/** Everything a view or the merge does with a summary's fields, as they do it. */
function useLikeTheViews(s: Summary) {
  expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
  expect(Object.keys(s).every((k) => !['__proto__', 'constructor', 'prototype'].includes(k))).toBe(
    true,
  );
  const texts = [
    s.id,
    s.body,
    s.paper.title,
    ...s.paper.authors,
    s.paper.venue ?? '',
    s.label ?? '',
    s.author ?? '',
    s.date ?? '',
    s.source.id,
    s.source.name,
    s.source.licence,
    s.source.url,
    s.link ?? '',
    ...s.paperKeys,
  ];
  for (const t of texts) expect(typeof t).toBe('string');
  expect(`${s.author} ${s.label} ${s.date} ${s.votes} ${s.paper.year}`).toEqual(expect.any(String));
  expect(s.body.length).toBeLessThanOrEqual(SCHEMA_LIMITS.bodyChars);
  expect(s.paper.title.length).toBeLessThanOrEqual(SCHEMA_LIMITS.titleChars);
  expect(s.paper.authors.length).toBeLessThanOrEqual(SCHEMA_LIMITS.authors);
  for (const a of s.paper.authors) expect(a.length).toBeLessThanOrEqual(SCHEMA_LIMITS.authorChars);
  expect(['human', 'machine']).toContain(s.source.kind);
  expect(['markdown', 'text']).toContain(s.format);
  if (s.votes !== null) expect(Number.isInteger(s.votes)).toBe(true);
  if (s.paper.year !== undefined) expect(s.paper.year).toBeGreaterThanOrEqual(1000);
  for (const url of [s.link, s.paper.url, s.source.url]) {
    if (url) expect(url).toMatch(/^https:\/\/[^\s]+$/);
  }
  (s.date ?? '').localeCompare('2020'); // the merge sorts by date
}

describe('readSummary on a good record', () => {
  it('keeps every known field as it was', () => {
    const read = readSummary(good());
    expect(read).toEqual({ ok: true, summary: good() });
  });

  it('drops unknown fields, at every level', () => {
    const record = {
      ...good(),
      extra: '<script>',
      onclick: 'x',
      paper: { ...good().paper, html: '<b>' },
      source: { ...good().source, style: 'x' },
    };
    const read = readSummary(record);
    expect(read.ok && read.summary).toEqual(good());
  });
});

/** Hostile values, each put in every field below. */
const HOSTILE: Array<[string, unknown]> = [
  ['a number', 42],
  ['a boolean', true],
  ['an object with toString: 1', { toString: 1 }],
  ['an object with a valueOf that throws', { valueOf: 'x', toString: null }],
  ['a nested object', { a: { b: { c: 'd' } } }],
  ['an array of objects', [{}, { toString: 1 }]],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['a huge string', 'x'.repeat(250_001)],
  ['an empty string', ''],
  ['a javascript: URL', 'javascript:alert(1)'],
  ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
];

const FIELDS = [
  'id',
  'paperKeys',
  'body',
  'format',
  'label',
  'author',
  'date',
  'votes',
  'link',
  'paper',
  'paper.title',
  'paper.authors',
  'paper.year',
  'paper.venue',
  'paper.url',
  'source',
  'source.id',
  'source.name',
  'source.url',
  'source.licence',
  'source.kind',
];

function withField(path: string, value: unknown): Record<string, unknown> {
  const record = good() as unknown as Record<string, Record<string, unknown>>;
  const [head, tail] = path.split('.') as [string, string?];
  if (tail) record[head] = { ...record[head], [tail]: value };
  else (record as Record<string, unknown>)[head] = value;
  return record;
}

const generated = FIELDS.flatMap((field) =>
  HOSTILE.map(([what, value]) => ({ field, what, record: withField(field, value) })),
);

describe(`readSummary on ${generated.length} generated hostile records`, () => {
  it.each(generated)(
    '$field as $what: refused with a reason, or rebuilt well-formed',
    ({ field, record }) => {
      const read = readSummary(record);
      if (read.ok) useLikeTheViews(read.summary);
      else {
        expect(read.reason).toMatch(/\S/);
        // The reason names the field (or its object), for the note people read.
        const top = field.split('.')[0]!;
        expect(read.reason).toContain(top === 'paperKeys' ? 'paperKeys' : top);
      }
    },
  );
});

describe('readSummary refuses what would break a card', () => {
  it.each([
    ['author', { toString: 1 }, 'author is not text'],
    ['label', 7, 'label is not text'],
    ['votes', 'many', 'votes is not a whole number'],
    ['votes', 1.5, 'votes is not a whole number'],
    ['date', {}, 'date is not text'],
    ['body', { toString: () => 'x' }, 'body is not text'],
    ['body', 'x'.repeat(200_001), 'body is longer than 200,000 characters'],
    ['paper.year', '2020', 'paper.year is not a whole number'],
    ['paper.year', 99999, 'paper.year is not a whole number'],
    ['paper.authors', [{ toString: 1 }], 'paper.authors[0] is not text'],
    ['paper.authors', 'Ada', 'paper.authors is not a list'],
    ['paper.title', '   ', 'paper.title is empty'],
    ['paper.venue', ['x'], 'paper.venue is not text'],
    ['source.kind', 'robot', 'source.kind is neither'],
    ['source.name', 'x'.repeat(201), 'source.name is longer than 200 characters'],
    ['source.licence', 'x'.repeat(201), 'source.licence is longer than 200 characters'],
    ['id', 'x'.repeat(1101), 'id is longer than 1,100 characters'],
    ['id', 'a\u0000b', 'id holds control characters'],
    ['paperKeys', ['doi:10.1234/x},@preamble{evil'], 'paperKeys holds no valid paper key'],
    ['paperKeys', 'arxiv:2007.12223', 'paperKeys is not a list'],
  ])('%s = %j: %s', (field, value, reason) => {
    const read = readSummary(withField(field, value));
    expect(read).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it('drops unsafe URLs to none, keeping the summary', () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      'chrome://settings',
      'file:///etc/passwd',
      'http://lab.example/',
      '//evil.example/',
      { toString: 1 },
    ]) {
      const read = readSummary({
        ...good(),
        link: bad,
        paper: { ...good().paper, url: bad },
        source: { ...good().source, url: bad },
      });
      expect(read.ok).toBe(true);
      if (!read.ok) continue;
      expect(read.summary.link).toBeNull();
      expect(read.summary.paper).not.toHaveProperty('url');
      expect(read.summary.source.url).toBe('');
    }
  });

  it('keeps only keys of the key grammar, and at most 30', () => {
    const keys = [
      'arxiv:2007.12223',
      'doi:10.1234/x},@preamble{evil',
      'evil:kind',
      '__proto__',
      42,
      ...Array.from({ length: 40 }, (_, i) => `nips:${i + 1}`),
    ];
    const read = readSummary({ ...good(), paperKeys: keys });
    expect(read.ok && read.summary.paperKeys).toEqual([
      'arxiv:2007.12223',
      ...Array.from({ length: 29 }, (_, i) => `nips:${i + 1}`),
    ]);
  });

  it('keeps the first 200 authors of a longer list', () => {
    const authors = Array.from({ length: 500 }, (_, i) => `Author ${i}`);
    const read = readSummary({ ...good(), paper: { ...good().paper, authors } });
    expect(read.ok && read.summary.paper.authors).toEqual(authors.slice(0, 200));
  });

  it('reads an unreadable date as none (it only sorts and shows)', () => {
    const read = readSummary({ ...good(), date: 'last Tuesday' });
    expect(read.ok && read.summary.date).toBeNull();
  });
});

// Security review finding: direction controls in a byline could reverse the trusted "via …" text.
describe('outside text cannot reorder the byline', () => {
  it('drops direction overrides and isolates from names and labels', () => {
    const read = readSummary({
      ...good(),
      author: 'Mallory\u202e)moc.live( xedni',
      label: '\u2066TL;DR\u2069',
    });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.summary.author).toBe('Mallory)moc.live( xedni');
    expect(read.summary.label).toBe('TL;DR');
  });
});

describe('prototype keys are never copied', () => {
  const hostile = JSON.stringify(good())
    .replace('{', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},')
    .replace('"paper":{', '"paper":{"__proto__":{"polluted":true},')
    .replace('"source":{', '"source":{"__proto__":{"kind":"human","polluted":true},');

  it('reads the record without them, and pollutes nothing', () => {
    const read = readSummary(JSON.parse(hostile));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    useLikeTheViews(read.summary);
    for (const object of [read.summary, read.summary.paper, read.summary.source]) {
      expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
      expect(Object.hasOwn(object, '__proto__')).toBe(false);
      expect((object as unknown as Record<string, unknown>).polluted).toBeUndefined();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not take a field from a prototype', () => {
    const inherited = Object.create({ kind: 'human' }) as Record<string, unknown>;
    Object.assign(inherited, { id: 'lab', name: 'Lab', url: 'https://lab.example/' });
    expect(readSource(inherited)).toEqual({
      ok: false,
      reason: 'source.kind is neither "human" nor "machine"',
    });
  });
});

describe('the other readers', () => {
  it('readPaperMeta and readSource rebuild their part alone', () => {
    expect(readPaperMeta(good().paper)).toEqual({ ok: true, paper: good().paper });
    expect(readSource(good().source)).toEqual({ ok: true, source: good().source });
    expect(readPaperMeta({ title: 5 })).toEqual({ ok: false, reason: 'paper.title is not text' });
    expect(readSource(null)).toEqual({ ok: false, reason: 'source is missing' });
  });

  it('readSummaries keeps the good and counts the rest, with a note for people', () => {
    const list = [good(), { ...good(), id: 'x2', author: { toString: 1 } }, 'junk', null];
    const { summaries, dropped } = readSummaries(list);
    expect(summaries).toHaveLength(1);
    expect(dropped).toEqual([
      'author is not text',
      'the summary is not an object',
      'the summary is not an object',
    ]);
    expect(droppedNote(dropped.slice(0, 1), 'Lab index')).toBe(
      '1 summary from Lab index could not be shown: author is not text.',
    );
    expect(droppedNote(dropped, 'Lab index')).toBe(
      '3 summaries from Lab index could not be shown: author is not text; the summary is not an object.',
    );
    expect(droppedNote([], 'Lab index')).toBeNull();
  });

  it('a stored copy is read through the schema again', () => {
    const stored = JSON.stringify([good(), { ...good(), votes: 'lots' }]);
    expect(parseStoredSummaries(stored)).toEqual([good()]);
    expect(parseStoredSummaries('{"not": "a list"}')).toBeUndefined();
    expect(parseStoredSummaries('not json')).toBeUndefined();
  });
});
