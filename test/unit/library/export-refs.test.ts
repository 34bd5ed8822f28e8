/**
 * The reference-manager exports read back by a real, well-kept parser
 * (citation-js: its RIS, CSL-JSON and BibTeX plugins), field by field,
 * with hostile and odd input: line breaks everywhere, `ER  - ` and other
 * tags inside a summary, braces, unicode, very long text, missing authors,
 * year and venue.
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';
import { describe, expect, it } from 'vitest';
import type { LibraryItem } from '@/utils/core/library-item';
import { OWN_SOURCE } from '@/utils/core/library-item';
import { exportBibtex } from '@/utils/library/export';
import { exportCslJson, exportRis, itemNote } from '@/utils/library/export-refs';
import { formattedReference } from '@/utils/render/reference';
import { risNote, risRecord } from '@/utils/render/ris';
import { makeSummary } from './helpers';

type Csl = Record<string, unknown> & {
  author?: Array<Record<string, string>>;
  issued?: { 'date-parts': number[][] };
};

const item = (over: Partial<LibraryItem> & { summary: LibraryItem['summary'] }): LibraryItem => ({
  id: over.summary.id,
  kind: 'saved',
  savedAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  tags: [],
  note: '',
  revision: 1,
  ...over,
});

const HOSTILE_BODY = [
  'First line of a summary {with braces} and \\emph{LaTeX} $x_i$.',
  '',
  'ER  - ',
  'TY  - JOUR',
  '   AU  - Mallory, Eve',
  'A line with a tab\there, a NUL\u0000 and ünïcödé 中文 🙂.',
  'ER  - ',
].join('\r\n');

/** A full paper: arXiv id and DOI, every metadata field, odd names and text. */
const full = item({
  summary: makeSummary({
    id: 'shortscience:arxiv:2007.12223:0',
    paperKeys: ['arxiv:2007.12223', 'doi:10.5555/abc.123'],
    paper: {
      title: 'Winning the {Lottery}\nwith Continuous Sparsification — ünï',
      authors: ['Ada Lovelace', 'Ludwig van Beethoven', 'Turing, Alan', 'Plato', '  '],
      year: 2020,
      venue: 'NeurIPS\n2020',
      url: 'https://example.org/paper?id=1&x=2',
    },
    body: HOSTILE_BODY,
    label: 'TL;DR',
    author: 'Jo {Reviewer}',
  }),
  tags: ['pruning', 'reading group', 'ünï'],
  note: 'Compare with LTH.\nSecond line.',
});

/** A preprint with nothing but its arXiv id and title. */
const bare = item({
  summary: makeSummary({
    id: 'shortscience:arxiv:2101.00001:0',
    paperKeys: ['arxiv:2101.00001'],
    paper: { title: 'Bare preprint', authors: [] },
    body: 'Short.',
    link: null,
  }),
});

/** A DOI-only paper with a very long summary full of tag-like lines. */
const longBody = Array.from({ length: 3000 }, (_, i) =>
  i % 50 === 7 ? `KW  - injected ${i}` : `Line ${i}: ${'lorem ipsum dolor '.repeat(5)}`,
).join('\n');
const long = item({
  summary: makeSummary({
    id: 'x:doi:10.1000/long:0',
    paperKeys: ['doi:10.1000/long'],
    paper: { title: 'Long', authors: ['Grace Hopper'], year: 1959 },
    body: longBody,
  }),
});

/** Two items of one paper: a saved summary and the reader's own. */
const saved = item({
  summary: makeSummary({
    id: 'src:acl:P19-1001:0',
    paperKeys: ['acl:P19-1001'],
    paper: { title: 'Two notes', authors: ['Alan Turing'], year: 2019, venue: 'ACL' },
    body: 'Saved summary.',
  }),
  tags: ['nlp'],
});
const own = item({
  kind: 'own',
  summary: {
    ...saved.summary,
    id: 'you:acl:P19-1001',
    body: 'My own\nsummary.',
    source: OWN_SOURCE,
  },
  tags: ['nlp', 'mine'],
});

const ITEMS = [full, bare, long, saved, own];
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** How citation-js reads a file into CSL. */
const read = async (text: string, type?: string) =>
  (await Cite.async(text, type ? { forceType: type } : {})).data as Csl[];

/**
 * A RIS reader that keeps line breaks, as Zotero's does for notes: a line
 * that reads as a tag starts a field, any other continues the one before.
 */
function risFields(text: string): Array<Array<[string, string]>> {
  const records: Array<Array<[string, string]>> = [];
  let record: Array<[string, string]> | null = null;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const tag = /^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$/.exec(line.trim());
    if (tag) {
      if (tag[1] === 'TY') records.push((record = []));
      if (tag[1] === 'ER') record = null;
      else record?.push([tag[1]!, tag[2] ?? '']);
    } else if (record?.length) {
      record.at(-1)![1] += `\n${line}`;
    }
  }
  return records;
}
const values = (record: Array<[string, string]>, tag: string) =>
  record.filter(([t]) => t === tag).map(([, v]) => v);

// citation-js reads large files slowly on a busy machine.
describe('RIS export, read by citation-js', { timeout: 30_000 }, () => {
  const ris = exportRis(ITEMS);

  it('is one record per paper, every field back as written', async () => {
    const data = await read(ris, '@ris/file');
    expect(data).toHaveLength(4);
    const [a, b, c, d] = data as [Csl, Csl, Csl, Csl];
    expect(a.title).toBe('Winning the {Lottery} with Continuous Sparsification — ünï');
    expect(a.author).toEqual([
      { family: 'Lovelace', given: 'Ada' },
      { family: 'van Beethoven', given: 'Ludwig' },
      { family: 'Turing', given: 'Alan' },
      { family: 'Plato' },
    ]);
    expect(a.issued).toEqual({ 'date-parts': [[2020]] });
    expect(a.type).toBe('paper-conference');
    expect(a['event-title']).toBe('NeurIPS 2020');
    expect(a.DOI).toBe('10.5555/abc.123');
    expect(a.URL).toBe('https://example.org/paper?id=1&x=2');
    expect(String(a.keyword).split(',')).toEqual(['pruning', 'reading group', 'ünï']);
    // citation-js joins continuation lines with a space: the text, word for word.
    expect(squash(String(a.note))).toBe(squash(itemNote(full).replace('\u0000', ' ')));

    expect(b).not.toHaveProperty('author');
    expect(b).not.toHaveProperty('issued');
    expect(b.type).toBe('document');
    expect(b.DOI).toBe('10.48550/arXiv.2101.00001');
    expect(b.URL).toBe('https://arxiv.org/abs/2101.00001');
    expect(b).not.toHaveProperty('keyword');

    expect(c.title).toBe('Long');
    expect(c.DOI).toBe('10.1000/long');
    expect(c).not.toHaveProperty('URL');
    expect(squash(String(c.note))).toBe(squash(itemNote(long)));

    expect(String(d.keyword).split(',')).toEqual(['nlp', 'mine']);
    // Two N1 notes: citation-js joins them with a comma (Zotero makes two notes).
    expect(squash(String(d.note))).toBe(squash(`${itemNote(saved)},${itemNote(own)}`));
  });

  it('keeps the arXiv id and every line break, and no summary line becomes a tag', async () => {
    const raw = (await plugins.input.chainLinkAsync(ris, {
      forceType: '@ris/file',
    })) as Array<Record<string, string | string[]>>;
    expect(raw.map((r) => r.TY)).toEqual(['CPAPER', 'GEN', 'GEN', 'CPAPER']);
    expect(raw[0]!.AN).toBe('arXiv:2007.12223');
    expect(raw[1]!.AN).toBe('arXiv:2101.00001');
    expect(raw[0]!.AU).toHaveLength(4);
    expect(raw[2]!.KW).toBeUndefined(); // the injected `KW  - ` lines stayed in the note

    // A reader that keeps line breaks (Zotero's does for notes) gets the text back
    // line for line; the tag-like lines sit at the end of the line before them.
    const records = risFields(ris);
    expect(records).toHaveLength(4);
    const [note, ...rest] = values(records[0]!, 'N1');
    expect(rest).toEqual([]);
    expect(note).toBe(
      [
        'Summary from ShortScience.org — TL;DR, by Jo {Reviewer}: https://www.shortscience.org/paper?bibtexKey=journals/corr/2007.10001'.replace(
          /2007\.10001/,
          /2007\.\d+$/.exec(full.summary.link!)![0],
        ),
        '',
        'First line of a summary {with braces} and \\emph{LaTeX} $x_i$. ER  - TY  - JOUR AU  - Mallory, Eve',
        'A line with a tab here, a NUL  and ünïcödé 中文 🙂. ER  -',
        '',
        'Your note: Compare with LTH.',
        'Second line.',
      ].join('\n'),
    );
    expect(values(records[2]!, 'N1')[0]!.split('\n')).toHaveLength(
      longBody.split('\n').length + 2 - 60,
    );
    expect(values(records[3]!, 'N1')).toEqual([itemNote(saved), itemNote(own)]);
    // CR LF line ends, as the specification says; nothing else breaks a line.
    expect(ris.replace(/\r\n/g, '')).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
  });

  it('copies one paper as a record citation-js reads', async () => {
    const paper = { ...full.summary.paper, keys: full.summary.paperKeys };
    const [csl] = await read(risRecord(paper), '@ris/file');
    expect(csl).toMatchObject({ DOI: '10.5555/abc.123', issued: { 'date-parts': [[2020]] } });
    expect(csl!).not.toHaveProperty('note');
  });

  it('never lets a note line start a tag, whatever its text', () => {
    for (const line of ['ER  - ', 'TY  - JOUR', ' KW - x', 'N1  -', 'A1-', '\u00a0ER  - ']) {
      const note = risNote(`first\n\n${line}\nlast`);
      for (const l of note.split('\r\n').slice(1))
        expect(l.trim()).not.toMatch(/^[A-Z][A-Z0-9]\s*-/);
      expect(squash(note)).toBe(squash(`first ${line} last`));
    }
    // Lower case is no tag: ordinary lines keep their breaks; CR, LS and PS are line breaks too.
    expect(risNote('Results:\nre-run it\rco-train\u2028ok - fine\u2029end')).toBe(
      'Results:\r\nre-run it\r\nco-train\r\nok - fine\r\nend',
    );
  });
});

// citation-js reads large files slowly on a busy machine.
describe('CSL-JSON export, read by citation-js', { timeout: 30_000 }, () => {
  it('gives every field back exactly, notes with their line breaks', async () => {
    const json = exportCslJson(ITEMS);
    const data = await read(JSON.parse(json) as never);
    expect(data).toHaveLength(4);
    const [a, b, c, d] = data as [Csl, Csl, Csl, Csl];
    expect(a).toMatchObject({
      id: 'lovelace2020winning',
      type: 'paper-conference',
      title: 'Winning the {Lottery} with Continuous Sparsification — ünï',
      issued: { 'date-parts': [[2020]] },
      'container-title': 'NeurIPS 2020',
      DOI: '10.5555/abc.123',
      URL: 'https://example.org/paper?id=1&x=2',
      keyword: 'pruning, reading group, ünï',
    });
    expect(a.author).toEqual([
      { family: 'Lovelace', given: 'Ada' },
      { family: 'van Beethoven', given: 'Ludwig' },
      { family: 'Turing', given: 'Alan' },
      { literal: 'Plato' },
    ]);
    expect(a.note).toBe(
      `arXiv: 2007.12223\n\n${itemNote(full)
        .replace(/\r\n/g, '\n')
        .replace('\t', ' ')
        .replace('\u0000', ' ')}`,
    );
    expect(b).toMatchObject({
      type: 'article',
      title: 'Bare preprint',
      DOI: '10.48550/arXiv.2101.00001',
      URL: 'https://arxiv.org/abs/2101.00001',
      number: 'arXiv:2101.00001',
    });
    expect(b).not.toHaveProperty('author');
    expect(b).not.toHaveProperty('issued');
    expect(c.note).toBe(itemNote(long));
    expect(d.note).toBe(`${itemNote(saved)}\n\n${itemNote(own)}`);
    expect(d.keyword).toBe('nlp, mine');
    // citation-js formats it: the data is CSL it understands.
    const apa = (await Cite.async(JSON.parse(json) as never)).format('bibliography', {
      template: 'apa',
    }) as string;
    expect(apa).toContain('Lovelace, A., van Beethoven, L., Turing, A., & Plato. (2020).');
  });
});

// citation-js reads large files slowly on a busy machine.
describe('BibTeX export, read by citation-js', { timeout: 30_000 }, () => {
  it('gives title, authors, year, venue, ids and URL back', async () => {
    const bib = exportBibtex(ITEMS);
    const entries = (await plugins.input.chainLinkAsync(bib, {
      forceType: '@biblatex/text',
    })) as Array<{ label: string; type: string; properties: Record<string, string> }>;
    expect(entries.map((e) => e.type)).toEqual(['inproceedings', 'misc', 'misc', 'inproceedings']);
    expect(entries[0]!.properties).toMatchObject({
      eprint: '2007.12223',
      archiveprefix: 'arXiv',
      doi: '10.5555/abc.123',
      url: 'https://example.org/paper?id=1&x=2',
      year: '2020',
    });
    const [a, b] = (await read(bib)) as [Csl, Csl];
    expect(a.title).toBe('Winning the Lottery with Continuous Sparsification — ünï');
    expect(a['container-title']).toBe('NeurIPS 2020');
    expect(
      a.author?.map((n) => [n['non-dropping-particle'], n.family].filter(Boolean).join(' ')),
    ).toEqual(['Lovelace', 'van Beethoven', 'Turing', 'Plato']);
    expect(b.DOI).toBe('10.48550/arXiv.2101.00001');
  });
});

describe('formatted reference (APA 7th edition)', () => {
  const cite = (i: LibraryItem) =>
    formattedReference({ ...i.summary.paper, keys: i.summary.paperKeys });
  it('names authors, year, title, venue and DOI as APA does', () => {
    expect(cite(full)).toBe(
      'Lovelace, A., van Beethoven, L., Turing, A., & Plato. (2020). Winning the {Lottery} with Continuous Sparsification — ünï. NeurIPS 2020. https://doi.org/10.5555/abc.123',
    );
    expect(cite(bare)).toBe(
      'Bare preprint (arXiv:2101.00001). (n.d.). arXiv. https://doi.org/10.48550/arXiv.2101.00001',
    );
    expect(cite(long)).toBe('Hopper, G. (1959). Long. https://doi.org/10.1000/long');
    expect(cite(saved)).toBe('Turing, A. (2019). Two notes. ACL.');
  });
  it('lists at most 20 authors: the first 19, an ellipsis, the last', () => {
    const authors = Array.from({ length: 25 }, (_, i) => `Given${i} Family${i}`);
    const ref = formattedReference({ title: 'Many', authors, year: 2021, keys: [] });
    expect(ref).toMatch(/^Family0, G\., .*Family18, G\., … Family24, G\. \(2021\)\. Many\.$/);
  });
});
