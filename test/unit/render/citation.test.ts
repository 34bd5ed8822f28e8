import { describe, expect, it } from 'vitest';
import { exportBibtex } from '@/utils/library/export';
import { paperPageUrl } from '@/utils/core/paper-ref';
import { bibtexEntry, citedPaper, markdownLink, type CitedPaper } from '@/utils/render/citation';
import { generateItems, makeSummary } from '../library/helpers';

const seed: CitedPaper = {
  title: 'The Lottery Ticket Hypothesis for Pre-trained BERT Networks',
  authors: ['Tianlong Chen', 'Jonathan Frankle', 'Michael Carbin'],
  year: 2020,
  venue: 'NeurIPS 2020',
  keys: ['arxiv:2007.12223'],
};

/**
 * A BibTeX entry read as BibTeX reads it: `@type{key,` then `name = {value}`
 * fields, braces balanced. Throws where a value would end early or run on.
 */
function readBibtex(entry: string): { type: string; key: string; fields: Map<string, string> } {
  const head = /^@(\w+)\{([^,\s]+),\n/.exec(entry);
  if (!head) throw new Error(`no entry head in ${entry}`);
  const fields = new Map<string, string>();
  let i = head[0].length;
  while (i < entry.length) {
    const name = /^\s*(\w+) = \{/.exec(entry.slice(i));
    if (!name) break;
    i += name[0].length;
    let depth = 1;
    const start = i;
    for (; depth > 0; i++) {
      if (i >= entry.length) throw new Error(`field ${name[1]} never closes`);
      if (entry[i] === '\\') i++;
      else if (entry[i] === '{') depth++;
      else if (entry[i] === '}') depth--;
    }
    fields.set(name[1]!, entry.slice(start, i - 1));
    const sep = /^(,\n|\n\}$)/.exec(entry.slice(i));
    if (!sep) throw new Error(`junk after field ${name[1]}: ${entry.slice(i, i + 30)}`);
    i += sep[0].length;
  }
  if (i !== entry.length) throw new Error(`entry does not end cleanly: ${entry.slice(i)}`);
  return { type: head[1]!, key: head[2]!, fields };
}

describe('a BibTeX entry', () => {
  it('cites a paper from what Sidenotes knows', () => {
    expect(bibtexEntry(seed)).toBe(
      [
        '@inproceedings{chen2020lottery,',
        '  title = {{The Lottery Ticket Hypothesis for Pre-trained BERT Networks}},',
        '  author = {Tianlong Chen and Jonathan Frankle and Michael Carbin},',
        '  year = {2020},',
        '  booktitle = {NeurIPS 2020},',
        '  eprint = {2007.12223},',
        '  archivePrefix = {arXiv},',
        '  doi = {10.48550/arXiv.2007.12223},',
        '  url = {https://arxiv.org/abs/2007.12223}',
        '}',
      ].join('\n'),
    );
    const acl = readBibtex(
      bibtexEntry({
        title: 'TnT',
        authors: [],
        keys: ['acl:A00-1031', 'doi:10.3115/974147.974178'],
      })!,
    );
    expect(acl.type).toBe('misc');
    expect(acl.fields.get('doi')).toBe('10.3115/974147.974178');
  });

  it('keeps every field inside its braces, whatever the data', () => {
    const hostile: CitedPaper = {
      title: 'Nice} , author = {Mallory} , note = {\\input{/etc/passwd}',
      authors: ['Eve {the} \\\\ Attacker', 'A & B_C 100% #1 $x$ ^ ~'],
      year: 2020.5,
      venue: 'Venue}\n@misc{injected,',
      url: 'https://example.org/a}b c\\d',
      keys: ['arxiv:2007.12223', 'doi:10.1/x}y'],
    };
    const entry = bibtexEntry(hostile, { citeKey: 'k}ey,', note: 'Sidenotes: title:}{' })!;
    const { key, fields } = readBibtex(entry);
    expect(key).toBe('key');
    expect([...fields.keys()]).toEqual([
      'title',
      'author',
      'booktitle',
      'eprint',
      'archivePrefix',
      'doi',
      'url',
      'note',
    ]);
    expect(fields.get('title')).toBe('{Nice , author = Mallory , note = input/etc/passwd}');
    expect(fields.get('author')).toBe(
      'Eve the Attacker and A \\& B\\_C 100\\% \\#1 \\$x\\$ \\^{} \\~{}',
    );
    // "@" is braced: no tool reads "@misc" inside a value as an entry.
    expect(fields.get('booktitle')).toBe('Venue {@}miscinjected,');
    // A URL with spaces or backslashes is not a link, and a DOI off the key grammar not an id.
    expect(fields.get('url')).toBe('https://arxiv.org/abs/2007.12223');
    expect(fields.get('doi')).toBe('10.48550/arXiv.2007.12223');
  });

  it('is the library export’s entry too, one function for both', () => {
    const [item] = generateItems(1);
    const withPaper = {
      ...item!,
      summary: makeSummary({
        paper: { ...seed, authors: [...seed.authors] },
        paperKeys: [...seed.keys],
      }),
    };
    expect(exportBibtex([withPaper])).toBe(
      `${bibtexEntry(seed, { citeKey: 'chen2020lottery', note: 'Sidenotes: arxiv:2007.12223' })}\n`,
    );
  });
});

describe('a Markdown link', () => {
  it('links the paper’s own page', () => {
    expect(markdownLink(seed)).toBe(
      '[The Lottery Ticket Hypothesis for Pre-trained BERT Networks](https://arxiv.org/abs/2007.12223)',
    );
    expect(paperPageUrl({ keys: ['openreview:rJlnfaNYvB'] })).toBe(
      'https://openreview.net/forum?id=rJlnfaNYvB',
    );
    expect(paperPageUrl({ keys: ['acl:P19-1001'] })).toBe('https://aclanthology.org/P19-1001/');
    expect(paperPageUrl({ keys: ['doi:10.1145/3292500.3330701'] })).toBe(
      'https://doi.org/10.1145/3292500.3330701',
    );
    expect(paperPageUrl({ keys: ['pmlr:v97/x'], url: 'javascript:alert(1)' })).toBeNull();
  });

  it('cannot be broken out of by a title or a URL', () => {
    const link = markdownLink({
      title: 'A [link](javascript:alert(1)) *bold* \\ `code`\nnext line',
      keys: ['pmlr:v97/x'],
      url: 'https://proceedings.mlr.press/v97/x(1).html',
    });
    expect(link).toBe(
      '[A \\[link\\](javascript:alert(1)) \\*bold\\* \\\\ \\`code\\` next line](https://proceedings.mlr.press/v97/x%281%29.html)',
    );
    // No link Sidenotes would open: the title alone.
    expect(markdownLink({ title: 'No page', keys: ['nips:1'], url: 'javascript:alert(1)' })).toBe(
      'No page',
    );
    expect(markdownLink({ title: 'Spaced', keys: [], url: 'https://a.org/x y' })).toBe('Spaced');
  });
});

describe('what the views cite', () => {
  it('takes the page’s words, then the summaries’, skipping titles that are only an id', () => {
    const summary = (title: string) => ({
      paper: { title, authors: ['A. Author'], year: 2019, venue: 'ICML 2019' },
    });
    expect(
      citedPaper({ keys: ['arxiv:1608.08021'], url: 'x' }, [summary('arXiv:1608.08021')]),
    ).toBeNull();
    expect(
      citedPaper({ keys: ['pmlr:v97/x', 'title:a real title'], url: 'https://p/x.pdf' }, [
        summary('A Real Title'),
      ]),
    ).toEqual({
      title: 'A Real Title',
      authors: ['A. Author'],
      year: 2019,
      venue: 'ICML 2019',
      url: 'https://p/x.pdf',
      keys: ['pmlr:v97/x'],
    });
  });
});
