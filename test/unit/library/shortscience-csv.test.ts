// @vitest-environment node
// (Node's File has text() and arrayBuffer(), as browsers' do; jsdom's has neither.)
import { beforeEach, describe, expect, it } from 'vitest';
import {
  commitImport,
  describeImport,
  MAX_JSON_FILE_BYTES,
  parseImportFile,
  previewImport,
} from '@/utils/library/import';
import { itemsForPaper, saveOwnSummary } from '@/utils/library/library';
import { openLibraryDb } from '@/utils/db/stores';
import {
  CSV_MAX_TEXT_CHARS,
  CsvReader,
  parseCsv,
  type CsvRecord,
} from '@/utils/library/csv-reader';
import {
  CSV_MAX_FILE_BYTES,
  CSV_MAX_ROWS,
  hintFromSummaries,
  paperForBibtexKey,
  parseShortScienceCsv,
  type PaperHint,
} from '@/utils/library/shortscience-csv';
import { LibraryError } from '@/utils/core/library-item';
import { keyLabel } from '@/utils/render/links';
import { isPaperKeys } from '@/utils/messaging/validate';
import { freshIndexedDb, makeSummary } from './helpers';

beforeEach(freshIndexedDb);

/**
 * PHP's fputcsv with its defaults (`,`, `"`, escape `\`), as ShortScience
 * calls it: a field with a delimiter, quote, escape, space, tab or line break
 * is quoted; quotes are doubled unless a backslash comes right before them.
 */
function fputcsv(fields: string[]): string {
  const field = (text: string) => {
    if (!/[,"\\\n\r\t ]/.test(text)) return text;
    let out = '"';
    let escaped = false;
    for (const ch of text) {
      if (ch === '\\') escaped = true;
      else if (!escaped && ch === '"') out += '"';
      else escaped = false;
      out += ch;
    }
    return `${out}"`;
  };
  return fields.map(field).join(',') + '\n';
}

const exportOf = (rows: Array<[string, string]>) =>
  rows.map(([id, text]) => fputcsv([id, text.trim()])).join('');

/** Pushes `text` in chunks of the given sizes (cycled), as a stream would deliver it. */
function parseInChunks(text: string, sizes: number[]): CsvRecord[] {
  const records: CsvRecord[] = [];
  const reader = new CsvReader((r) => records.push(r));
  for (let at = 0, i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length]!;
    reader.push(text.slice(at, at + size));
    at += size;
  }
  reader.end();
  return records;
}

const texts = (records: CsvRecord[]) => records.map((r) => r.fields);

describe('the CSV reader', () => {
  it('reads fputcsv rows: quoted commas, doubled quotes, line breaks inside, UTF-8', () => {
    const rows: Array<[string, string]> = [
      ['journals/corr/2007.12223', 'Plain text, with a comma.'],
      ['journals/corr/abs-1706-03762', 'She said "attention" is ""all"" you need.'],
      ['conf/nips/SmithJ17', 'First paragraph.\n\nSecond, with $\\alpha$ and\n- a list'],
      ['10.1145/3292500.3330701', 'Ünïcödé, 中文 and 🙂 in one summary'],
      ['conf/icml/X18', 'oneword'],
    ];
    const records = parseCsv(exportOf(rows));
    expect(texts(records)).toEqual(rows);
    expect(records.map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
    expect(records.every((r) => !r.problem && r.overlong === undefined)).toBe(true);
  });

  it("follows PHP's escape quirk: a quote after a backslash is not doubled", () => {
    const rows: Array<[string, string]> = [
      ['a/b/1', 'G\\"odel and Schr\\"odinger, in LaTeX'],
      ['a/b/2', 'A backslash, then quotes: \\"" and \\\\" here'],
      ['a/b/3', 'A text that ends in a backslash \\'],
      ['a/b/4', 'The next row follows one that ended in a backslash'],
      ['a/b/5', 'Quote then line break \\"\nand more text, not a new row'],
      ['a/b/6', 'Ends in a backslash again \\'],
    ];
    const file = exportOf(rows);
    expect(file).toContain('"G\\"odel and Schr\\"odinger, in LaTeX"');
    expect(texts(parseCsv(file))).toEqual(rows);
  });

  it('gives the same rows whatever the chunk sizes (streaming)', () => {
    const rows: Array<[string, string]> = Array.from({ length: 40 }, (_, i) => [
      `conf/x/P${i}`,
      [
        `Row ${i}, "quoted"`,
        i % 3 === 0 ? 'ends in backslash \\' : 'line\r\nbreak',
        i % 4 === 0 ? 'G\\"odel' : '🙂 emoji',
      ].join(' '),
    ]);
    const file = '\uFEFF' + exportOf(rows).replace(/\n(?=conf\/)/g, '\r\n');
    const whole = parseCsv(file);
    expect(texts(whole)).toEqual(rows);
    for (const sizes of [[1], [2], [3, 7], [64], [5, 1, 300]]) {
      expect(parseInChunks(file, sizes), `chunks ${sizes.join(',')}`).toEqual(whole);
    }
  });

  it('takes CRLF row ends and a byte-order mark', () => {
    const file = '\uFEFFa/b/1,"one, two"\r\na/b/2,"three\r\nfour"\r\n';
    expect(texts(parseCsv(file))).toEqual([
      ['a/b/1', 'one, two'],
      ['a/b/2', 'three\r\nfour'],
    ]);
  });

  it('counts blank rows, as a spreadsheet does, and needs no final line break', () => {
    const records = parseCsv('a/b/1,"x y"\n\na/b/2,"z w"');
    expect(records.map((r) => [r.row, r.fields])).toEqual([
      [1, ['a/b/1', 'x y']],
      [2, ['']],
      [3, ['a/b/2', 'z w']],
    ]);
  });

  it('reports an unclosed quote and text after a closing quote on their rows', () => {
    const records = parseCsv('a/b/1,"fine text"\na/b/2,"bad" tail\na/b/3,"cut short');
    expect(records.map((r) => [r.row, r.problem])).toEqual([
      [1, undefined],
      [2, 'text after a closing quote (a quote inside the text is not doubled)'],
      [3, 'a quoted text is not closed (the file may be cut short)'],
    ]);
  });

  it('drops a field over the cap, says which, and reads on', () => {
    const huge = 'x '.repeat(CSV_MAX_TEXT_CHARS);
    const records = parseCsv(
      exportOf([
        ['a/b/1', 'short one'],
        ['a/b/2', huge],
        ['a/b/3', 'after'],
      ]),
    );
    expect(records.map((r) => [r.row, r.overlong, r.fields[1]?.length])).toEqual([
      [1, undefined, 9],
      [2, 1, 0],
      [3, undefined, 5],
    ]);
  });

  it('reads a 5 MB export in linear time', () => {
    const body = 'A summary with "quotes", commas, $x^2$ and a\nline break. '.repeat(40);
    const rows: Array<[string, string]> = Array.from({ length: 2200 }, (_, i) => [
      `journals/corr/abs-2101-${String(10000 + i)}`,
      `${i}: ${body}`.trim(),
    ]);
    const file = exportOf(rows);
    expect(file.length).toBeGreaterThan(5_000_000);
    const started = performance.now();
    const records = parseInChunks(file, [65_536]);
    const ms = performance.now() - started;
    expect(records).toHaveLength(2200);
    expect(records[1234]!.fields).toEqual(rows[1234]);
    // Generous for a loaded machine; anything quadratic would take hours at this size.
    expect(ms).toBeLessThan(10_000);
  });
});

describe('ShortScience bibtexKeys', () => {
  it.each([
    ['journals/corr/2007.12223', ['arxiv:2007.12223'], 'https://arxiv.org/abs/2007.12223'],
    ['journals/corr/2007.12223v2', ['arxiv:2007.12223'], 'https://arxiv.org/abs/2007.12223'],
    ['journals/corr/abs-1706-03762', ['arxiv:1706.03762'], 'https://arxiv.org/abs/1706.03762'],
    ['journals/corr/abs-1301-3781', ['arxiv:1301.3781'], 'https://arxiv.org/abs/1301.3781'],
    ['journals/corr/cs-CC-9910002', ['arxiv:cs/9910002'], 'https://arxiv.org/abs/cs/9910002'],
    ['journals/corr/abs-cs-0508103', ['arxiv:cs/0508103'], 'https://arxiv.org/abs/cs/0508103'],
    [
      'journals/corr/abs-cond-mat-0601001',
      ['arxiv:cond-mat/0601001'],
      'https://arxiv.org/abs/cond-mat/0601001',
    ],
    [
      'journals/corr/hep-th/9901001',
      ['arxiv:hep-th/9901001'],
      'https://arxiv.org/abs/hep-th/9901001',
    ],
    ['10.48550/arXiv.1706.03762', ['arxiv:1706.03762'], 'https://arxiv.org/abs/1706.03762'],
    [
      '10.1145/3292500.3330701',
      ['doi:10.1145/3292500.3330701'],
      'https://doi.org/10.1145/3292500.3330701',
    ],
    [
      '10.18653/v1/2021.naacl-main.208',
      ['acl:2021.naacl-main.208', 'doi:10.18653/v1/2021.naacl-main.208'],
      // Its Anthology page before its DOI's resolver, as everywhere (paperPageUrl).
      'https://aclanthology.org/2021.naacl-main.208/',
    ],
    [
      'conf/nips/SmithJ17',
      ['shortscience:conf/nips/SmithJ17'],
      'https://www.shortscience.org/paper?bibtexKey=conf/nips/SmithJ17',
    ],
    [
      // Not a real month: not an arXiv id, so ShortScience's own key.
      'journals/corr/abs-1713-00001',
      ['shortscience:journals/corr/abs-1713-00001'],
      'https://www.shortscience.org/paper?bibtexKey=journals/corr/abs-1713-00001',
    ],
    [
      'vaswani2017attention',
      ['shortscience:vaswani2017attention'],
      'https://www.shortscience.org/paper?bibtexKey=vaswani2017attention',
    ],
  ])('%s → %j', (bibtexKey, keys, url) => {
    const paper = paperForBibtexKey(bibtexKey);
    expect(paper).toEqual({ keys, url });
    // Every key passes the message validator, so the sidebar can ask for it.
    expect(isPaperKeys(paper!.keys)).toBe(true);
  });

  it.each(['', '   ', '=HYPERLINK("http://x")', '+1', '-1', '@SUM(A1)', 'a b', 'x'.repeat(301)])(
    'refuses %j as a paper id',
    (bibtexKey) => expect(paperForBibtexKey(bibtexKey)).toBeNull(),
  );

  it('labels ShortScience keys for people', () => {
    expect(keyLabel('shortscience:conf/nips/SmithJ17')).toBe('ShortScience conf/nips/SmithJ17');
  });
});

describe('a ShortScience export as own summaries', () => {
  const NOW = '2026-03-01T10:00:00.000Z';
  const titles: Record<string, PaperHint> = {
    'arxiv:1706.03762': {
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani'],
      year: 2017,
      keys: ['arxiv:1706.03762', 'doi:10.5555/3295222.3295349'],
    },
  };
  const titleFor = (keys: readonly string[]) => titles[keys[0]!];

  it('makes one own summary per row, titled from the lookup, hostile text kept as text', async () => {
    const file = exportOf([
      ['journals/corr/abs-1706-03762', 'Transformers: attention only.'],
      ['conf/nips/SmithJ17', '=HYPERLINK("http://evil.example","click") is just text'],
      ['conf/icml/A18', '+1 -1 @SUM(A1)'],
    ]);
    const { items, invalid, unit } = await parseShortScienceCsv(file, { titleFor, now: NOW });
    expect(invalid).toEqual([]);
    expect(unit).toBe('row');
    expect(items.map((i) => i.summary.body)).toEqual([
      'Transformers: attention only.',
      '=HYPERLINK("http://evil.example","click") is just text',
      '+1 -1 @SUM(A1)',
    ]);
    const [attention, smith] = items;
    expect(attention).toMatchObject({
      id: 'you:arxiv:1706.03762',
      kind: 'own',
      savedAt: NOW,
      tags: ['shortscience'],
      revision: 1,
      summary: {
        id: 'you:arxiv:1706.03762',
        paperKeys: [
          'arxiv:1706.03762',
          'doi:10.5555/3295222.3295349',
          'title:attention is all you need',
        ],
        paper: {
          title: 'Attention Is All You Need',
          authors: ['Ashish Vaswani'],
          year: 2017,
          url: 'https://arxiv.org/abs/1706.03762',
        },
        format: 'markdown',
        source: { id: 'you', name: 'Your summary', kind: 'human' },
      },
    });
    expect(smith!.summary).toMatchObject({
      paperKeys: ['shortscience:conf/nips/SmithJ17'],
      paper: {
        title: 'ShortScience conf/nips/SmithJ17',
        url: 'https://www.shortscience.org/paper?bibtexKey=conf/nips/SmithJ17',
      },
    });
    for (const item of items) expect(isPaperKeys(item.summary.paperKeys)).toBe(true);
  });

  it('lists bad rows by number and keeps the good ones', async () => {
    const file =
      exportOf([['journals/corr/2007.12223', 'Good one.']]) +
      'conf/a/B1,""\n' +
      'only-one-field\n' +
      exportOf([['journals/corr/2007.12223v2', 'Same paper again.']]) +
      exportOf([['conf/a/B2', 'x'.repeat(CSV_MAX_TEXT_CHARS + 1)]]) +
      exportOf([['=1+1', 'formula as a paper id']]);
    const { items, invalid } = await parseShortScienceCsv(file, { now: NOW });
    expect(items.map((i) => i.id)).toEqual(['you:arxiv:2007.12223']);
    expect(invalid).toEqual([
      { entry: 2, reason: 'empty text' },
      { entry: 3, reason: 'expected 2 fields (paper id, text), found 1' },
      { entry: 4, reason: 'a second summary of the paper in row 1 (arXiv 2007.12223)' },
      { entry: 5, reason: 'text longer than 100,000 characters' },
      { entry: 6, reason: '"=1+1" is not a ShortScience paper id' },
    ]);
  });

  it('previews like a JSON import and imports all or nothing', async () => {
    const db = await openLibraryDb();
    // Written earlier in the sidebar of the same paper: already present, kept as it is.
    await saveOwnSummary(db, { keys: ['arxiv:2007.12223'], title: 'Lottery' }, 'Mine, edited.');
    const file = new File(
      [
        '\uFEFF' +
          exportOf([
            ['journals/corr/2007.12223', 'From ShortScience.'],
            ['journals/corr/abs-1706-03762', 'New one.'],
            ['conf/nips/SmithJ17', 'Another new one.'],
          ]) +
          'conf/a/B1,""\n',
      ],
      'shortscience-export.csv',
      { type: 'text/csv' },
    );
    const preview = await previewImport(db, await parseImportFile(file, { titleFor, now: NOW }));
    expect(describeImport(preview)).toBe(
      '2 new summaries, 1 already present, 1 invalid: row 4: empty text',
    );
    expect(await commitImport(db, preview)).toBe(2);
    const [attention] = await itemsForPaper(db, ['arxiv:1706.03762']);
    expect(attention).toMatchObject({ kind: 'own', summary: { body: 'New one.' } });
    const [lottery] = await itemsForPaper(db, ['arxiv:2007.12223']);
    expect(lottery!.summary.body).toBe('Mine, edited.');
  });

  it('takes titles from a look-up of summaries (the bundled index, the feed)', () => {
    const hint = hintFromSummaries([
      makeSummary({
        paperKeys: ['arxiv:2007.12223', 'title:the lottery ticket hypothesis'],
        paper: { title: 'The Lottery Ticket Hypothesis', authors: [], year: 2020 },
      }),
    ]);
    expect(hint).toEqual({
      title: 'The Lottery Ticket Hypothesis',
      year: 2020,
      keys: ['arxiv:2007.12223', 'title:the lottery ticket hypothesis'],
    });
    expect(hintFromSummaries([])).toBeUndefined();
  });
});

describe('import files are checked before they are read', () => {
  /** A file that fails the test if anything reads it past its first bytes. */
  const unreadable = (name: string, size: number, head: string) =>
    ({
      name,
      size,
      type: '',
      slice: () => new Blob([head]),
      text: () => Promise.reject(new Error('read')),
      arrayBuffer: () => Promise.reject(new Error('read')),
    }) as unknown as File;

  it.each([
    [
      'shortscience-export.csv',
      CSV_MAX_FILE_BYTES + 1,
      'a,b',
      'a ShortScience export is at most 20.0 MB',
    ],
    ['library.json', MAX_JSON_FILE_BYTES + 1, '{', 'too large to be a Sidenotes library export'],
    ['export', MAX_JSON_FILE_BYTES + 1, '\uFEFF {"format"', 'too large to be a Sidenotes'],
    ['export', CSV_MAX_FILE_BYTES + 1, 'journals/corr/1,x', 'a ShortScience export is at most'],
  ])('%s of %i bytes is refused unread', async (name, size, head, message) => {
    const error = await parseImportFile(unreadable(name, size, head)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibraryError);
    expect((error as LibraryError).message).toContain(message);
    expect((error as LibraryError).message).toContain('Nothing was imported');
  });

  it('refuses a CSV that is not UTF-8', async () => {
    const latin1 = new File(
      [new Uint8Array([0x61, 0x2f, 0x62, 0x2c, 0x22, 0xe9, 0x22, 0x0a])],
      'x.csv',
    );
    await expect(parseImportFile(latin1)).rejects.toThrow('not UTF-8 text');
  });

  it(`refuses more than ${CSV_MAX_ROWS.toLocaleString('en')} rows whole`, async () => {
    const file = new File(['a/b/c,x\n'.repeat(CSV_MAX_ROWS + 1)], 'x.csv');
    await expect(parseImportFile(file)).rejects.toThrow('more than 100,000 rows');
  });

  it('still reads a Sidenotes JSON export, by name or by content', async () => {
    const json = JSON.stringify({ format: 'sidenotes-library', version: 1, items: [] });
    for (const name of ['library.json', 'export']) {
      const parsed = await parseImportFile(new File([json], name));
      expect(parsed).toEqual({ items: [], invalid: [], unit: 'entry' });
    }
  });
});
