import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex, type SearchInput } from '@/utils/search/build';
import { boundedDistance, SearchEngine } from '@/utils/search/engine';
import { decodeSearchData, SearchFormatError } from '@/utils/search/search-file';
import { highlight, snippetAround } from '@/utils/search/highlight';
import { resultPageUrl } from '@/components/SearchView';
import { keyPageUrl } from '@/utils/core/paper-ref';
import { parseQuery } from '@/utils/search/query';
import { ROOT } from '../../helpers/fixtures';

const human = { id: 'shortscience', name: 'ShortScience.org', kind: 'human' as const };
const machine = { id: 'semanticscholar', name: 'Semantic Scholar', kind: 'machine' as const };
const paper = (
  key: string,
  title: string,
  body: string,
  source: SearchInput['summaries'][number]['source'] = human,
  authors: string[] = [],
): SearchInput => ({
  key,
  paper: { title, authors, url: `https://arxiv.org/abs/${key.slice(6)}` },
  summaries: [{ body, source }],
});

function engineOf(inputs: SearchInput[]) {
  const bytes = buildSearchIndex(inputs);
  return new SearchEngine(
    decodeSearchData(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    ),
  );
}

const keys = (engine: SearchEngine, q: string, o = {}) =>
  engine.search(q, o).hits.map((h) => h.doc.key);

describe('ranking', () => {
  const engine = engineOf([
    paper('arxiv:1', 'Graph networks for chemistry', 'We study transformers applied to molecules.'),
    paper('arxiv:2', 'Transformers for long documents', 'Sparse attention over graphs.'),
    paper(
      'arxiv:3',
      'Attention is all you need',
      'Introduces the transformer architecture.',
      human,
      ['Ashish Vaswani'],
    ),
    paper('arxiv:4', 'Transformer circuits', 'A machine summary of circuits.', machine),
  ]);

  it('puts title hits above body hits', () => {
    expect(keys(engine, 'graphs networks')[0]).toBe('arxiv:1');
    const order = keys(engine, 'transformers ');
    expect(order.indexOf('arxiv:2')).toBeLessThan(order.indexOf('arxiv:1'));
  });

  it('puts exact words above fuzzy ones, and finds typos', () => {
    expect(keys(engine, 'atention ')).toEqual(['arxiv:3', 'arxiv:2']);
    expect(keys(engine, 'transfomers ')[0]).toBe('arxiv:2');
  });

  it('matches the word being typed as a prefix', () => {
    expect(keys(engine, 'atten')).toContain('arxiv:3');
    expect(keys(engine, 'vasw')).toEqual(['arxiv:3']);
  });

  it('ranks the paper whose title is the query first', () => {
    expect(keys(engine, 'Attention is all you need')[0]).toBe('arxiv:3');
  });

  it('filters by source and by human-written', () => {
    expect(keys(engine, 'circuits', { humanOnly: true })).toEqual([]);
    expect(keys(engine, 'circuits', { sourceIds: ['semanticscholar'] })).toEqual(['arxiv:4']);
    expect(keys(engine, 'transformer', { sourceIds: ['shortscience'] })).not.toContain('arxiv:4');
  });

  it('limits results', () => {
    expect(engine.search('transformer', { limit: 1 }).hits).toHaveLength(1);
  });
});

describe('query parsing never fails', () => {
  const engine = engineOf([paper('arxiv:1', 'Emoji and LaTeX in titles: $\\alpha$-nets', 'Body')]);
  it.each([
    ['', 0],
    ['    ', 0],
    ['x'.repeat(500), null],
    ['🙂🚀', 0],
    ['$\\alpha$-nets', null],
    ['"alpha nets"', null],
    ['the of and', null],
    ['\u0000\uffff<script>', null],
    ['((((', 0],
  ])('%j', (q, expected) => {
    const result = engine.search(q);
    if (expected !== null) expect(result.hits).toHaveLength(expected);
    expect(Array.isArray(result.hits)).toBe(true);
  });

  it('treats the last word as typed-so-far unless followed by a space or quote', () => {
    expect(parseQuery('lottery tick').tokens).toEqual([
      { text: 'lottery', prefix: false },
      { text: 'tick', prefix: true },
    ]);
    expect(parseQuery('lottery ticket ').tokens.at(-1)!.prefix).toBe(false);
    expect(parseQuery('"lottery ticket"').tokens.at(-1)!.prefix).toBe(false);
    expect(parseQuery('what is the').tokens.map((t) => t.text)).toEqual(['the']);
    expect(parseQuery('x'.repeat(500)).tokens[0]!.text).toHaveLength(200);
  });

  it('finds the LaTeX title by its words', () => {
    expect(engine.search('alpha nets').hits).toHaveLength(1);
  });
});

describe('highlighting', () => {
  it('marks matched words and words that start with the typed prefix', () => {
    expect(highlight('The Lottery Ticket Hypothesis', new Set(['lottery']), ['hyp'])).toEqual([
      { text: 'The ', hit: false },
      { text: 'Lottery', hit: true },
      { text: ' Ticket ', hit: false },
      { text: 'Hypothesis', hit: true },
    ]);
  });

  it('folds accents and case', () => {
    expect(highlight('Étude', new Set(['etude']), [])).toEqual([{ text: 'Étude', hit: true }]);
  });

  it('cuts a snippet around the first match', () => {
    const text = `${'filler words here '.repeat(20)}the needle is here ${'more text '.repeat(20)}`;
    const snippet = snippetAround(text, new Set(['needle']), [], 80);
    expect(snippet).toContain('needle');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(84);
  });
});

describe('edit distance', () => {
  it.each([
    ['attention', 'atention', 1],
    ['transformer', 'transfomer', 1],
    ['ticket', 'tikcet', 1],
    ['bert', 'bart', 1],
    ['graph', 'grpah', 1],
    ['graph', 'giraffe', 3],
  ])('%s ~ %s', (a, b, d) => {
    expect(boundedDistance(a, b, 2)).toBe(Math.min(d, 3));
  });
});

describe('the bundled search index', () => {
  let engine: SearchEngine;
  beforeAll(() => {
    const buffer = readFileSync(join(ROOT, 'public/index/search.bin'));
    engine = new SearchEngine(
      decodeSearchData(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.length)),
    );
  });

  it('finds the seed paper first, as the words are typed', () => {
    const typed = 'lottery ticket bert';
    // From "be": with LongSumm's BERT posts, a lone "b" also ranks "Boosting Ticket" first.
    for (const q of ['lottery ticket be', 'lottery ticket ber', typed]) {
      expect(engine.search(q).hits[0]?.doc.key, q).toBe('arxiv:2007.12223');
    }
  });

  it('holds every paper and names its sources', () => {
    expect(engine.data.header.nDocs).toBe(4684);
    expect(engine.sources.map((s) => s.id).sort()).toEqual([
      'longsumm-aleju-papers',
      'longsumm-dair-ai',
      'longsumm-morning-paper',
      'longsumm-papers-i-read',
      'longsumm-pemami',
      'longsumm-shortscience',
      'scisummnet',
      'scitldr',
      'shortscience',
    ]);
  });

  it("stores a result's page only when its key does not name it, and opens the same page", () => {
    const inputs = [
      paper('arxiv:2007.12223', 'On arXiv', 'body'),
      {
        key: 'pmlr:v97/frankle19a',
        paper: { title: 'In PMLR', authors: [], url: 'https://proceedings.mlr.press/v97/a.html' },
        summaries: [{ body: 'body', source: human }],
      },
    ];
    const docs = (['on arxiv', 'in pmlr'] as const).map(
      (q) => engineOf(inputs).search(q).hits[0]!.doc,
    );
    expect(docs.map((d) => d.url)).toEqual([null, 'https://proceedings.mlr.press/v97/a.html']);
    expect(docs.map(resultPageUrl)).toEqual([
      'https://arxiv.org/abs/2007.12223',
      'https://proceedings.mlr.press/v97/a.html',
    ]);
    // In the bundled file, only papers whose key names no page keep theirs.
    const all = Array.from({ length: engine.data.header.nDocs }, (_, i) => engine.data.doc(i));
    const named = all.filter((d) => keyPageUrl(d.key));
    expect(named.length).toBeGreaterThan(4000);
    expect(named.filter((d) => d.url !== null)).toEqual([]);
    expect(all.filter((d) => d.key.startsWith('pmlr:')).every((d) => d.url)).toBe(true);
  });

  it('finds ScisummNet papers by author-free title words with a typo', () => {
    expect(engine.search('statistical part of speech tager').hits[0]?.doc.key).toBe('acl:A00-1031');
  });
});

describe('a damaged search index', () => {
  it.each([
    ['empty', new Uint8Array(0)],
    ['not ours', new TextEncoder().encode('PK\u0003\u0004 zip file')],
  ])('%s is rejected with a clear error', (_name, bytes) => {
    expect(() => decodeSearchData(bytes.buffer as ArrayBuffer)).toThrow(SearchFormatError);
  });

  it('a truncated file is rejected', () => {
    const bytes = buildSearchIndex([paper('arxiv:1', 'A title of a paper', 'body text')]);
    const cut = bytes.slice(0, bytes.length - 10);
    expect(() => decodeSearchData(cut.buffer)).toThrow('truncated');
  });
});

describe('any input', () => {
  it(
    'never throws and returns at most the limit, on 500 random strings',
    { timeout: 30_000 },
    () => {
      const buffer = readFileSync(join(ROOT, 'public/index/search.bin'));
      const engine = new SearchEngine(
        decodeSearchData(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.length)),
      );
      const alphabet = [
        'a',
        'e',
        't',
        'x',
        ' ',
        ' ',
        '-',
        '"',
        '$',
        '\\',
        '(',
        'é',
        'ß',
        '🙂',
        '\u0000',
        '\u200b',
        '中',
        '1',
        'Q',
      ];
      let seed = 7;
      const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
      for (let i = 0; i < 500; i++) {
        const q = Array.from({ length: rand(40) }, () => alphabet[rand(alphabet.length)]).join('');
        const { hits } = engine.search(q, { limit: 5, humanOnly: i % 2 === 0 });
        expect(hits.length).toBeLessThanOrEqual(5);
      }
    },
  );
});

describe('the context-menu search', () => {
  it('opens the search page on the selected text, tidied and bounded', async () => {
    const { searchPagePath } = await import('@/utils/search/search-page');
    expect(searchPagePath('  The Lottery\n Ticket  ')).toBe('/popup.html?q=The%20Lottery%20Ticket');
    expect(
      decodeURIComponent(searchPagePath('x'.repeat(5000)).slice('/popup.html?q='.length)),
    ).toHaveLength(200);
    expect(searchPagePath('a&b=c#d')).toBe('/popup.html?q=a%26b%3Dc%23d');
  });
});

describe('searching several indexes as one', () => {
  it('merges hits by score, and a paper in both lists the sources of both', async () => {
    const { SearchSet } = await import('@/utils/search/search-set');
    const bundled = engineOf([
      paper('arxiv:1', 'Graph networks for chemistry', 'Molecules as graphs.'),
      paper('arxiv:2', 'Transformers for long documents', 'Sparse attention.'),
    ]);
    const feed = engineOf([
      paper('arxiv:2', 'Transformers for long documents', 'A second opinion.', machine),
      paper('arxiv:3', 'Long documents, short attention', 'Windows of attention.'),
    ]);
    const set = new SearchSet([bundled, feed]);
    const { hits, terms } = set.search('long documents');
    expect(hits.map((h) => h.doc.key)).toEqual(['arxiv:2', 'arxiv:3']);
    expect(hits[0]!.sources.map((s) => s.id)).toEqual(['shortscience', 'semanticscholar']);
    expect(hits[0]!.doc.kindMask).toBe(3);
    expect(terms.has('documents')).toBe(true);
    expect(set.sources.map((s) => s.id)).toEqual(['shortscience', 'semanticscholar']);
    expect(set.search('molecules', { sourceIds: ['semanticscholar'] }).hits).toEqual([]);
  });
});
