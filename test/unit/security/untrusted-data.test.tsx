/**
 * Issue 10, findings 4, 5 and 8: data from outside (remote indexes, search
 * files, live sources, the kept feed, imported files) as an attacker would
 * write it. Each test failed on the code before the one schema and the one
 * safeHttpUrl, and passes now.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { marked } from 'marked';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from '@/utils/platform/browser';
import { SummaryCard } from '@/components/SummaryCard';
import { SidebarView } from '@/components/SidebarView';
import { resultPageUrl } from '@/components/SearchView';
import { browserActions } from '@/hooks/browser-actions';
import { buildIndex } from '@/utils/index-format/build';
import { parseInputLine } from '@/utils/index-format/input';
import { IndexReader } from '@/utils/index-format/reader';
import { lookupSummaries } from '@/utils/index-format/lookup';
import { localLookup } from '@/utils/lookup/local';
import { decodeSearchData, encodeSearchData, type SearchDoc } from '@/utils/search/search-file';
import { exportBibtex, exportJson, exportMarkdown } from '@/utils/library/export';
import { parseImport } from '@/utils/library/import';
import { semanticScholar } from '@/utils/sources/semantic-scholar';
import { readFeedCopy } from '@/utils/sources/shortscience-feed';
import type { LibraryItem } from '@/utils/core/library-item';
import type { Summary } from '@/utils/core/summary';
import type { SourceProgress } from '@/utils/core/tab-state';
import { generateItems, makeSummary } from '../library/helpers';

const DANGEROUS = [
  'javascript:alert(document.domain)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  'chrome://settings',
  'chrome-extension://abcdefghijklmnopabcdefghijklmnop/options.html',
  'blob:https://example.org/0b5e',
  ' JaVaScRiPt:alert(1)',
];

let host: HTMLElement | undefined;
function mount(node: preact.ComponentChild): HTMLElement {
  const el = document.createElement('div');
  host = el;
  document.body.append(el);
  // act() runs the re-renders a caught error schedules.
  act(() => render(node, el));
  return el;
}
afterEach(() => {
  if (host) render(null, host);
  host?.remove();
  host = undefined;
  vi.restoreAllMocks();
});

describe('finding 4: link fields are checked where they come in and where they are used', () => {
  it.each(DANGEROUS)('a summary card never links to %j', (link) => {
    const el = mount(<SummaryCard summary={makeSummary({ link })} images={false} />);
    const hrefs = [...el.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([]);
  });

  it.each(DANGEROUS)('a search result with url %j opens nothing', (url) => {
    const doc: SearchDoc = {
      key: 'title:evil paper',
      title: 'Evil paper',
      authors: '',
      year: null,
      url,
      sourceMask: 1,
      kindMask: 1,
      excerpt: '',
      summaries: 1,
    };
    expect(resultPageUrl(doc)).toBeNull();
  });

  it('a search file from a remote index cannot carry a data: or chrome: URL', () => {
    const docs: SearchDoc[] = ['data:text/html,x', 'chrome://settings', 'https://ok.example/'].map(
      (url, i) => ({
        key: `arxiv:2101.1000${i}`,
        title: `Paper ${i}`,
        authors: '',
        year: 2021,
        url,
        sourceMask: 1,
        kindMask: 1,
        excerpt: '',
        summaries: 1,
      }),
    );
    const bytes = encodeSearchData({
      terms: [],
      df: new Uint32Array(0),
      offsets: new Uint32Array(1),
      postings: new Uint8Array(0),
      docs,
      sources: [{ id: 'lab', name: 'Lab' }],
    });
    const data = decodeSearchData(bytes.slice().buffer);
    expect([0, 1, 2].map((i) => data.doc(i).url)).toEqual([null, null, 'https://ok.example/']);
  });

  it.each(DANGEROUS)('the popup and side panel never open %j in a tab', (url) => {
    const create = vi.spyOn(browser.tabs, 'create').mockResolvedValue({} as never);
    browserActions(false).openUrl(url);
    expect(create).not.toHaveBeenCalled();
    browserActions(false).openUrl('https://arxiv.org/abs/2007.12223');
    expect(create).toHaveBeenCalledWith({ url: 'https://arxiv.org/abs/2007.12223' });
  });

  it('a live source’s link is https or none (Semantic Scholar’s own page instead)', () => {
    const answer = JSON.stringify({
      paperId: 'abc',
      title: 'T',
      url: 'javascript:alert(1)',
      tldr: { text: 'A TLDR.', model: 'm' },
    });
    const [summary] = semanticScholar.parse(answer, { keys: ['arxiv:2007.12223'] }).summaries;
    expect(summary!.link).toBe('https://www.semanticscholar.org/paper/abc');
  });

  it('an imported library drops unsafe URLs, and so do its exports', () => {
    const data = JSON.parse(exportJson(generateItems(1))) as {
      items: Array<{ summary: Record<string, unknown> & { paper: Record<string, unknown> } }>;
    };
    data.items[0]!.summary.link = 'javascript:alert(1)';
    data.items[0]!.summary.paper.url = 'data:text/html,x';
    const [item] = parseImport(JSON.stringify(data)).items;
    expect(item!.summary.link).toBeNull();
    expect(item!.summary.paper.url).toBeUndefined();
    // An item stored before these checks is exported without them too.
    const old: LibraryItem = {
      ...item!,
      summary: {
        ...item!.summary,
        link: 'javascript:alert(1)',
        paper: { ...item!.summary.paper, url: 'data:text/html,x' },
      },
    };
    for (const text of [exportMarkdown([old]), exportBibtex([old])]) {
      expect(text).not.toMatch(/javascript:|data:text/);
    }
  });
});

/** An index whose one shard holds a good summary and hostile ones, as a remote host could serve it. */
async function hostileIndex(hostile: Array<Record<string, unknown>>) {
  const { files } = await buildIndex(
    [
      parseInputLine(
        JSON.stringify({
          paper: { arxivId: '2007.12223', title: 'A Paper Read by a Lab' },
          summary: {
            body: 'The good summary.',
            source: { id: 'lab', name: 'Lab', url: 'https://lab.example', kind: 'human' },
          },
        }),
      ),
    ],
    { name: 'Lab index', built: '2026-11-26', shardPrefixLength: 0, page: false, search: false },
  );
  const shard = JSON.parse(files.get('shards/all.json') as string) as {
    entries: Record<string, { entry: { summaries: unknown[] } }>;
  };
  const good = shard.entries['arxiv:2007.12223']!.entry.summaries[0] as Record<string, unknown>;
  shard.entries['arxiv:2007.12223']!.entry.summaries.push(
    ...hostile.map((fields, i) => ({ ...good, id: `lab:hostile:${i}`, ...fields })),
  );
  const text = JSON.stringify(shard);
  return new IndexReader(async (p) => (p === 'manifest.json' ? (files.get(p) as string) : text), {
    verify: false,
  });
}

describe('finding 5: one malformed remote summary never breaks the sidebar', () => {
  const HOSTILE_FIELDS = [
    { author: { toString: 1 } },
    { label: { toString: 1 } },
    { source: { id: 'lab', name: 'Lab', kind: 'human', licence: { toString: 1 } } },
    { date: { toString: 1 } },
    { votes: 'a lot' },
    { body: ['not', 'text'] },
    { link: 'javascript:alert(1)' },
  ];

  it('the index reader keeps the good summary, drops the bad ones and says so', async () => {
    const reader = await hostileIndex(HOSTILE_FIELDS);
    const { summaries, errors, notes } = await lookupSummaries({ keys: ['arxiv:2007.12223'] }, [
      { name: 'Lab index', reader },
    ]);
    expect(errors).toEqual([]);
    // The bad link is dropped from its summary; the six others are dropped whole.
    expect(summaries.map((s) => [s.body, s.link])).toEqual([
      ['The good summary.', null],
      ['The good summary.', null],
    ]);
    for (const s of summaries) expect(typeof s.author === 'string' || s.author === null).toBe(true);
    expect(notes).toEqual([
      {
        source: 'Lab index',
        dropped: 6,
        message: expect.stringMatching(
          /^6 summaries from Lab index could not be shown: author is not text; label is not text; and 4 other problems\.$/,
        ),
      },
    ]);
  });

  it('the local look-up says so too when the bundled index drops a record', async () => {
    const reader = await hostileIndex([{ author: { toString: 1 } }]);
    const local = localLookup({
      bundled: { name: 'Bundled summaries', reader },
      own: async () => [],
      feed: async () => [],
    });
    const answer = await local({
      keys: ['arxiv:2007.12223'],
      url: 'https://arxiv.org/abs/2007.12223',
    });
    expect(answer.lists[1]!.map((s) => s.body)).toEqual(['The good summary.']);
    expect(answer.errors).toEqual([
      {
        source: 'Bundled summaries',
        message: '1 summary from Bundled summaries could not be shown: author is not text.',
      },
    ]);
  });

  it('a card that throws anyway is replaced alone: the other cards and "Asking …" still render', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const good = makeSummary({ body: 'Good summary' });
    const broken = makeSummary({ author: { toString: 1 } as unknown as string });
    const sources: SourceProgress[] = [
      { id: 'semanticscholar', name: 'Semantic Scholar', status: 'asking' },
    ];
    const el = mount(
      <SidebarView
        paper={{ keys: ['arxiv:2007.12223'], url: 'https://arxiv.org/abs/2007.12223' }}
        summaries={[broken, good]}
        errors={[]}
        sources={sources}
        images={false}
      />,
    );
    expect(el.querySelectorAll('[data-testid="summary-card"]')).toHaveLength(1);
    expect(el.textContent).toContain('Good summary');
    expect(el.querySelector('[data-testid="summary-card-failed"]')?.textContent).toContain(
      'could not be shown',
    );
    expect(el.querySelector('[data-testid="source-status"]')?.textContent).toBe(
      'Asking Semantic Scholar…',
    );
  });

  it('the source list shows the count of dropped summaries with its note', () => {
    const note = '1 summary from Lab index could not be shown: author is not text.';
    const sources: SourceProgress[] = [
      {
        id: 'index:https://lab.example/',
        name: 'Lab index',
        status: 'answered',
        answer: {
          id: 'index:https://lab.example/',
          name: 'Lab index',
          summaries: [],
          note,
          failed: false,
          dropped: 1,
        },
      },
    ];
    const el = mount(
      <SidebarView
        paper={{ keys: ['arxiv:2007.12223'], url: 'https://arxiv.org/abs/2007.12223' }}
        summaries={[makeSummary()]}
        errors={[]}
        sources={sources}
        images={false}
      />,
    );
    const item = el.querySelector('[data-testid="source-status"]')!;
    expect(item.getAttribute('data-dropped')).toBe('1');
    expect(item.textContent).toBe(note);
  });

  it('the kept feed is read through the schema again', () => {
    const copy = JSON.stringify([makeSummary(), { ...makeSummary(), author: { toString: 1 } }]);
    const feed = readFeedCopy(copy);
    expect(feed).toHaveLength(1);
    expect(() => feed.map((s: Summary) => `${s.author}`)).not.toThrow();
  });
});

/** The entries of a .bib file as BibTeX reads them: `@type{…}` with braces counted. */
function bibEntries(bib: string): Array<{ type: string; body: string }> {
  const entries: Array<{ type: string; body: string }> = [];
  let i = 0;
  while ((i = bib.indexOf('@', i)) !== -1) {
    const open = bib.indexOf('{', i);
    if (open === -1) break;
    const type = bib
      .slice(i + 1, open)
      .trim()
      .toLowerCase();
    let depth = 0;
    let end = open;
    for (; end < bib.length; end++) {
      if (bib[end] === '{') depth++;
      else if (bib[end] === '}' && --depth === 0) break;
    }
    entries.push({ type, body: bib.slice(open + 1, end) });
    i = end + 1;
  }
  return entries;
}

describe('finding 8: BibTeX and Markdown exports escape every field', () => {
  const HOSTILE_DOI = '10.1234/x},@preamble{"\\immediate\\write18{rm -rf ~}"},@misc{y';
  /** An item saved before keys were checked: its key is the page's hostile DOI. */
  const hostileItem = (): LibraryItem => {
    const [item] = generateItems(1);
    return {
      ...item!,
      summary: makeSummary({
        paperKeys: [`doi:${HOSTILE_DOI}`],
        paper: {
          title:
            'Evil}, title = {pwned} } @comment{ \n# Injected heading\n[click](javascript:alert(1))',
          authors: ['A. {Brace} \\and% B', 'C @ D'],
          year: '2020}, @misc{z' as unknown as number,
          venue: 'Venue}#%&_$^~',
          url: 'https://evil.example/{a}},@preamble{x}',
        },
        link: 'https://evil.example/x)](javascript:alert(1)',
        label: '](javascript:alert(1))',
        author: '<img src=x onerror=alert(1)>',
        body: '# A heading in the body\n\n```\nan unclosed fence',
      }),
      note: 'A note\n# with a heading',
      tags: ['ta`g'],
    };
  };

  it('BibTeX: one entry per paper, braces balanced in every field, no @preamble', () => {
    const bib = exportBibtex([hostileItem(), ...generateItems(2, 7)]);
    const entries = bibEntries(bib);
    expect(entries.map((e) => e.type)).toEqual(
      expect.arrayContaining(['misc', 'inproceedings'].filter((t) => bib.includes(`@${t}{`))),
    );
    expect(entries).toHaveLength(3);
    for (const { type, body } of entries) {
      expect(['misc', 'inproceedings']).toContain(type);
      expect(body).not.toMatch(/\n\s*@|\\immediate|\\write/);
      // Every field is `name = {…}` with its braces balanced inside.
      for (const line of body.trim().split(',\n').slice(1)) {
        const m = /^\s*(\w+) = \{([\s\S]*)\}$/.exec(line);
        expect(m, line).not.toBeNull();
        let depth = 0;
        for (const c of m![2]!) {
          if (c === '{') depth++;
          if (c === '}') depth--;
          expect(depth, line).toBeGreaterThanOrEqual(0);
        }
        expect(depth, line).toBe(0);
      }
    }
    expect(bib).not.toContain('@preamble');
    expect(bib).not.toMatch(/doi = \{10\.1234/);
    // The year of an older record that is not a year is left out.
    expect(bibEntries(bib)[0]!.body).not.toMatch(/year = /);
  });

  it('Markdown: fields cannot make headings or links; body headings sit below the paper’s', () => {
    const md = exportMarkdown([hostileItem(), ...generateItems(1, 9)]);
    // As a Markdown reader shows it (GFM, as ShortScience and GitHub read it).
    const html = marked.parse(md, { async: false, gfm: true });
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect([...doc.querySelectorAll('h1')].map((h) => h.textContent)).toEqual([
      'Sidenotes library',
    ]);
    expect(doc.querySelectorAll('h2')).toHaveLength(2);
    expect(doc.querySelector('h2')!.textContent).toContain('# Injected heading');
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    for (const a of doc.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^https:/);
    expect(md).toContain('#### A heading in the body');
    expect(md).toContain('> #### with a heading');
    // The unclosed fence is closed: the next paper is a heading, not code.
    expect(doc.querySelectorAll('pre')).toHaveLength(1);
    expect(doc.querySelector('pre')!.textContent).toBe('an unclosed fence\n');
  });
});
