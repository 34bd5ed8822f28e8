import { describe, expect, it } from 'vitest';
import { detectPaper } from '@/utils/detect';
import { metaEntries, readPageMeta } from '@/utils/detect/meta';
import { leadingJson, readJsonLd, readXploreMetadata } from '@/utils/detect/page-json';
import { META_SCRIPT_CHARS, META_SCRIPTS, SCRIPT_ENTRY } from '@/utils/core/schema';
import { isMetaEntries } from '@/utils/messaging/validate';

const doc = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');
const ld = (value: unknown) =>
  `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

describe('JSON-LD (readJsonLd)', () => {
  it('reads a ScholarlyArticle: DOI from @id, identifier, sameAs; name; authors', () => {
    const meta = readJsonLd(
      JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'ScholarlyArticle',
        '@id': 'https://doi.org/10.5281/zenodo.3524486',
        identifier: [{ '@type': 'PropertyValue', propertyID: 'arXiv', value: '2007.12223' }],
        sameAs: ['https://example.org/not-a-doi'],
        name: 'A \u202eReversed\u202c Title',
        creator: [{ '@type': 'Person', givenName: 'Ada', familyName: 'Lovelace' }, 'Alan Turing'],
      }),
    );
    expect(meta).toEqual({
      keys: ['arxiv:2007.12223', 'doi:10.5281/zenodo.3524486'],
      title: 'A Reversed Title',
      authors: ['Ada Lovelace', 'Alan Turing'],
      isArticle: true,
    });
  });

  it('finds the article in @graph and mainEntity, and types written as IRIs', () => {
    const graph = {
      '@graph': [
        { '@type': 'WebSite', name: 'A journal' },
        {
          '@type': 'WebPage',
          mainEntity: {
            '@type': ['http://schema.org/MedicalScholarlyArticle'],
            doi: '10.1186/s12961-020-00544-0',
            headline: 'The headline',
            author: { name: 'Jane Doe' },
          },
        },
      ],
    };
    expect(readJsonLd(JSON.stringify(graph))).toEqual({
      keys: ['doi:10.1186/s12961-020-00544-0'],
      title: 'The headline',
      authors: ['Jane Doe'],
      isArticle: true,
    });
    // A top-level array of nodes.
    expect(readJsonLd(JSON.stringify([{ '@type': 'ScholarlyArticle', name: 'X' }]))?.title).toBe(
      'X',
    );
  });

  it("reads arXiv's DOI as the arXiv key", () => {
    const meta = readJsonLd(
      JSON.stringify({
        '@type': 'ScholarlyArticle',
        identifier: 'https://doi.org/10.48550/arXiv.1706.03762',
      }),
    );
    expect(meta?.keys).toEqual(['arxiv:1706.03762']);
  });

  it('takes a plain Article only for its DOI, and never as a paper by title alone', () => {
    expect(readJsonLd(JSON.stringify({ '@type': 'Article', headline: 'News' }))).toBeNull();
    expect(readJsonLd(JSON.stringify({ '@type': 'NewsArticle', doi: '10.1234/x' }))).toBeNull();
    const article = readJsonLd(
      JSON.stringify({ '@type': 'Article', identifier: 'doi:10.1234/abc' }),
    );
    expect(article).toMatchObject({ keys: ['doi:10.1234/abc'], isArticle: false });
  });

  it.each([
    ['malformed JSON', '{"@type": "ScholarlyArticle", "name": '],
    ['empty', ''],
    ['a string', '"ScholarlyArticle"'],
    ['null', 'null'],
    ['a number', '42'],
    ['an HTML comment around it', '<!-- {"@type":"ScholarlyArticle"} -->'],
  ])('says nothing of %s, without throwing', (_, raw) => {
    expect(readJsonLd(raw)).toBeNull();
  });

  it('reads only own properties: prototype keys are data, never inherited', () => {
    const raw =
      '{"__proto__": {"@type": "ScholarlyArticle", "name": "polluted"}, "constructor": {"name": "x"}}';
    expect(readJsonLd(raw)).toBeNull();
    expect(({} as Record<string, unknown>)['@type']).toBeUndefined();
    const withProto = readJsonLd(
      '{"@type": "ScholarlyArticle", "name": "Real", "__proto__": {"doi": "10.1234/evil"}}',
    );
    expect(withProto).toMatchObject({ keys: [], title: 'Real' });
  });

  it('holds ids to the key grammar: no braces, quotes or @ in a DOI key', () => {
    const meta = readJsonLd(
      JSON.stringify({
        '@type': 'ScholarlyArticle',
        identifier: [
          '10.1234/x},@preamble{evil',
          'doi:10.1234/ok',
          { propertyID: 'arxiv', value: '9999.99999' },
        ],
      }),
    );
    expect(meta?.keys).toEqual(['doi:10.1234/ok']);
  });

  it('is bounded on huge and deeply nested input', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ '@type': 'Thing', name: `n${i}` }));
    const late = { '@graph': [...many, { '@type': 'ScholarlyArticle', name: 'Too late' }] };
    expect(readJsonLd(JSON.stringify(late))).toBeNull();
    const ids = Array.from({ length: 5000 }, (_, i) => `10.1234/id${i}`);
    expect(
      readJsonLd(JSON.stringify({ '@type': 'ScholarlyArticle', identifier: ids }))?.keys,
    ).toHaveLength(20);
    let nested: unknown = { '@type': 'ScholarlyArticle', name: 'Deep' };
    for (let i = 0; i < 2000; i++) nested = { mainEntity: nested };
    expect(() => readJsonLd(JSON.stringify(nested))).not.toThrow();
    const authors = Array.from({ length: 10_000 }, (_, i) => `Author ${i}`);
    const meta = readJsonLd(
      JSON.stringify({ '@type': 'ScholarlyArticle', name: 'A', author: authors }),
    );
    expect(meta?.authors).toHaveLength(200);
  });
});

describe("IEEE Xplore's metadata script (readXploreMetadata, leadingJson)", () => {
  const object = {
    authors: [{ name: 'Yongming Li', firstName: 'Yongming', lastName: 'Li' }],
    articleNumber: '4607247',
    abstract: 'A brace }; and "quotes" \\ inside the text.',
    doi: '10.1109/TFUZZ.2008.2004990',
    title: 'Fuzzy Turing Machines: Variants and Universality',
  };
  const script = `${JSON.stringify(object)};\n\txplGlobal.document.userLoggedIn=false;`;

  it('reads the DOI, article number, title and authors; the rest of the script is not JSON', () => {
    expect(readXploreMetadata(script)).toEqual({
      keys: ['doi:10.1109/tfuzz.2008.2004990', 'ieee:4607247'],
      title: 'Fuzzy Turing Machines: Variants and Universality',
      authors: ['Yongming Li'],
      isArticle: false,
    });
  });

  it('finds the end of the leading JSON past braces inside strings', () => {
    expect(leadingJson('  {"a":"};{","b":[1,{"c":"]"}]} trailing };')).toEqual({
      a: '};{',
      b: [1, { c: ']' }],
    });
    expect(leadingJson('{"a":"\\"}"}x')).toEqual({ a: '"}' });
  });

  it.each([
    ['cut off by the sender', script.slice(0, 60)],
    ['not an object', 'function(){}'],
    ['an array', '[1,2]'],
    ['unbalanced', '{"doi":"10.1109/x"]]]'],
    ['empty', ''],
  ])('says nothing when %s', (_, raw) => {
    expect(readXploreMetadata(raw)).toBeNull();
  });

  it('reads a title with markup as its text', () => {
    const meta = readXploreMetadata(
      JSON.stringify({
        doi: '10.1109/x.1',
        title: 'On <i>k</i>-Means <inline-formula>x</inline-formula>',
      }),
    );
    expect(meta?.title).toBe('On k-Means x');
  });

  it('holds the DOI and number to their grammar', () => {
    const hostile = JSON.stringify({
      doi: '10.1109/x},@preamble{',
      articleNumber: '12ab',
      title: 'T',
    });
    expect(readXploreMetadata(hostile)?.keys).toEqual([]);
  });
});

describe('what the content script collects (metaEntries) and the worker reads', () => {
  const xplore = (json: string) =>
    `<script type="text/javascript">var a=1;\n\txplGlobal.document.metadata=${json};\n\txplGlobal.document.userLoggedIn=false;</script>`;

  it("sends JSON-LD scripts whole and IEEE Xplore's script from its metadata on, before the tags", () => {
    const page = doc(
      `<head>${'<meta name="citation_reference" content="x">'.repeat(400)}` +
        `${ld({ '@type': 'ScholarlyArticle', name: 'LD' })}</head>` +
        `<body><script type="text/javascript">var unrelated = 1;</script>` +
        `<script>xplGlobal.document.metadata={}</script>${xplore('{"doi":"10.1109/5.771073"}')}</body>`,
    );
    const entries = metaEntries(page);
    expect(entries[0]).toEqual([SCRIPT_ENTRY, '{"@type":"ScholarlyArticle","name":"LD"}']);
    expect(entries[1]![1]).toMatch(
      /^xplGlobal\.document\.metadata=\{"doi":"10\.1109\/5\.771073"\};/,
    );
    expect(entries).toHaveLength(300);
    expect(isMetaEntries(entries)).toBe(true);
    expect(readPageMeta(entries).keys).toEqual(['doi:10.1109/5.771073']);
  });

  it('sends at most META_SCRIPTS scripts, each cut to META_SCRIPT_CHARS', () => {
    const huge = `{"@type":"ScholarlyArticle","name":"${'x'.repeat(META_SCRIPT_CHARS)}"}`;
    const page = doc(`<head>${ld({}).replace('{}', huge).repeat(10)}</head>`);
    const entries = metaEntries(page);
    expect(entries).toHaveLength(META_SCRIPTS);
    expect(entries.every(([, text]) => text.length === META_SCRIPT_CHARS)).toBe(true);
    expect(isMetaEntries(entries)).toBe(true);
    // Cut JSON is malformed JSON: nothing, and no throw.
    expect(readPageMeta(entries)).toMatchObject({ keys: [], isArticle: false });
  });

  it('refuses a message with more or longer scripts than a page sends', () => {
    const script: [string, string] = [SCRIPT_ENTRY, '{}'];
    expect(isMetaEntries(Array.from({ length: META_SCRIPTS }, () => script))).toBe(true);
    expect(isMetaEntries(Array.from({ length: META_SCRIPTS + 1 }, () => script))).toBe(false);
    expect(isMetaEntries([[SCRIPT_ENTRY, 'x'.repeat(META_SCRIPT_CHARS + 1)]])).toBe(false);
    // Only the pseudo-name gets the longer limit.
    expect(isMetaEntries([['citation_title', 'x'.repeat(2001)]])).toBe(false);
  });

  it('never lets a meta tag pose as a script', () => {
    const page = doc(
      `<head><meta name=" script" content='{"@type":"ScholarlyArticle","name":"Fake"}'>` +
        `<meta name="script" content="x"></head>`,
    );
    expect(metaEntries(page)).toEqual([]);
  });

  it('reads og:type article with a DOI in og:url, and og:title only then', () => {
    const withDoi = doc(
      '<meta property="og:type" content="article">' +
        '<meta property="og:url" content="https://doi.org/10.48550/arXiv.2007.12223">' +
        '<meta property="og:title" content="An arXiv paper">',
    );
    expect(readPageMeta(withDoi)).toMatchObject({
      keys: ['arxiv:2007.12223'],
      title: 'An arXiv paper',
      isArticle: false,
    });
    const publisher = doc(
      '<meta property="og:type" content="article">' +
        '<meta property="og:url" content="https://dl.acm.org/doi/10.1145/3292500.3330701">',
    );
    expect(readPageMeta(publisher).keys).toEqual(['doi:10.1145/3292500.3330701']);
    const blog = doc(
      '<meta property="og:type" content="article">' +
        '<meta property="og:url" content="https://blog.example.org/a-post">' +
        '<meta property="og:title" content="A post">',
    );
    expect(detectPaper('https://blog.example.org/a-post', blog)).toBeNull();
    const website = doc(
      '<meta property="og:type" content="website">' +
        '<meta property="og:url" content="https://doi.org/10.1234/abc">',
    );
    expect(readPageMeta(website).keys).toEqual([]);
    const notUrl = doc(
      '<meta property="og:type" content="article"><meta property="og:url" content="not a url">',
    );
    expect(readPageMeta(notUrl).keys).toEqual([]);
  });

  it('makes a page with only a JSON-LD ScholarlyArticle a paper, known by title', () => {
    const page = doc(ld({ '@type': 'ScholarlyArticle', name: 'Only in JSON-LD', author: 'A. B' }));
    expect(detectPaper('https://example.org/paper/1', page)).toMatchObject({
      keys: ['title:only in json ld'],
      title: 'Only in JSON-LD',
      authors: ['A. B'],
    });
  });

  it('drops script metadata naming another paper of the same kind than the URL', () => {
    const page = doc(xplore('{"articleNumber":"1","doi":"10.1109/other"}'));
    expect(detectPaper('https://ieeexplore.ieee.org/document/9090146', page)?.keys).toEqual([
      'ieee:9090146',
    ]);
  });

  it("takes arXiv's DOI as the arXiv key in citation_doi, JSON-LD and IEEE's script alike", () => {
    const doi = '10.48550/arXiv.2007.12223';
    for (const html of [
      `<meta name="citation_doi" content="${doi}">`,
      ld({ '@type': 'ScholarlyArticle', identifier: `https://doi.org/${doi}` }),
      xplore(JSON.stringify({ doi })),
    ])
      expect(readPageMeta(doc(html)).keys).toEqual(['arxiv:2007.12223']);
    expect(detectPaper(`https://doi.org/${doi}`)?.keys).toEqual(['arxiv:2007.12223']);
  });
});
