import { describe, expect, it } from 'vitest';
import { resultPageUrl } from '@/components/SearchView';
import { paperPageUrl, referenceUrl } from '@/utils/core/paper-ref';
import {
  arxivBibtexKey,
  shortScienceBibtexUrl,
  shortSciencePaperUrl,
  shortScienceSearchUrl,
} from '@/utils/core/shortscience';
import { paperForBibtexKey } from '@/utils/library/shortscience-csv';
import { bibtexEntry, markdownLink } from '@/utils/render/citation';
import { paperIds } from '@/utils/render/reference';
import { buildSearchIndex } from '@/utils/search/build';
import { SearchEngine } from '@/utils/search/engine';
import { decodeSearchData } from '@/utils/search/search-file';

const PMLR = 'https://proceedings.mlr.press/v97/a.html';

describe("a paper's page", () => {
  it('is not what a reference records, which keeps the address it was published at', () => {
    const paper = { keys: ['arxiv:2007.12223'], url: PMLR };
    expect(paperPageUrl(paper)).toBe('https://arxiv.org/abs/2007.12223');
    expect(referenceUrl(paper)).toBe(PMLR);
    expect(referenceUrl({ keys: ['arxiv:2007.12223'], url: 'javascript:x' })).toBe(
      'https://arxiv.org/abs/2007.12223',
    );
    expect(referenceUrl({ keys: ['doi:10.1145/x'] })).toBeNull();
  });

  it('is an open page its keys name, then its own URL, then its DOI', () => {
    const cases: Array<[{ keys: string[]; url?: string | null }, string | null]> = [
      [
        { keys: ['doi:10.1145/x', 'acl:P19-1001', 'arxiv:2007.12223'], url: PMLR },
        'https://arxiv.org/abs/2007.12223',
      ],
      [
        { keys: ['acl:P19-1001', 'openreview:rJlnfaNYvB'] },
        'https://openreview.net/forum?id=rJlnfaNYvB',
      ],
      [
        { keys: ['doi:10.1145/x', 'acl:P19-1001'], url: PMLR },
        'https://aclanthology.org/P19-1001/',
      ],
      [{ keys: ['doi:10.1145/x', 'pmlr:v97/a'], url: PMLR }, PMLR],
      [{ keys: ['doi:10.1145/x'], url: 'javascript:alert(1)' }, 'https://doi.org/10.1145/x'],
      [{ keys: ['doi:10.1145/x'] }, 'https://doi.org/10.1145/x'],
      [{ keys: ['arxiv:not an id', 'title:a title'], url: 'data:text/html,x' }, null],
      [{ keys: ['pmlr:v97/a'] }, null],
    ];
    for (const [paper, page] of cases) expect(paperPageUrl(paper), paper.keys.join(' ')).toBe(page);
  });

  it('is the same wherever it is written: citation, BibTeX, search result, imported paper', () => {
    const papers = [
      { title: 'Lottery tickets', authors: [], keys: ['arxiv:2007.12223'], url: PMLR },
      {
        title: 'Proceedings paper',
        authors: [],
        keys: ['doi:10.1145/3292500.3330701', 'pmlr:v97/a'],
        url: PMLR,
      },
      { title: 'Resolver only', authors: [], keys: ['doi:10.1145/3292500.3330701'] },
      { title: 'Forum thread', authors: [], keys: ['openreview:rJlnfaNYvB'], url: PMLR },
    ];
    const bytes = buildSearchIndex(
      papers.map((p) => ({
        key: p.keys[0]!,
        paper: { title: p.title, authors: [], url: p.url },
        summaries: [{ body: 'body', source: { id: 's', name: 'S', kind: 'human' as const } }],
      })),
    );
    const engine = new SearchEngine(
      decodeSearchData(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
      ),
    );
    for (const paper of papers) {
      const page = paperPageUrl(paper);
      expect(page, paper.title).not.toBeNull();
      expect(markdownLink(paper)).toBe(`[${paper.title}](${page})`);
      // A reference records where the paper lives (`referenceUrl`), not the page to read.
      const recorded = referenceUrl(paper);
      if (recorded) expect(bibtexEntry(paper)).toContain(`url = {${recorded}}`);
      else expect(bibtexEntry(paper)).not.toContain('url = ');
      expect(paperIds(paper).url ?? null).toBe(recorded);
      const doc = engine
        .search(paper.title.toLowerCase())
        .hits.find((h) => h.doc.title === paper.title)?.doc;
      // The search file keeps a URL only where the key alone would open another page.
      expect(resultPageUrl(doc!)).toBe(paperPageUrl({ keys: [doc!.key], url: paper.url }));
    }
    for (const bibtexKey of [
      'journals/corr/2007.12223',
      '10.1145/3292500.3330701',
      '10.48550/arXiv.1706.03762',
    ]) {
      const imported = paperForBibtexKey(bibtexKey)!;
      expect(imported.url, bibtexKey).toBe(paperPageUrl(imported));
    }
  });
});

describe('ShortScience addresses', () => {
  it('name a paper by bibtexKey as ShortScience links it: slashes kept, the rest escaped', () => {
    expect(shortScienceBibtexUrl(arxivBibtexKey('2007.12223'))).toBe(
      'https://www.shortscience.org/paper?bibtexKey=journals/corr/2007.12223',
    );
    expect(shortScienceBibtexUrl('conf/nips/A&b=c#d')).toBe(
      'https://www.shortscience.org/paper?bibtexKey=conf/nips/A%26b%3Dc%23d',
    );
    expect(shortScienceSearchUrl('a b&c')).toBe(
      'https://www.shortscience.org/internalsearch?q=a%20b%26c',
    );
  });

  it('are the same for an imported paper and for "Read on ShortScience"', () => {
    expect(paperForBibtexKey('conf/nips/SmithJ17')!.url).toBe(
      shortScienceBibtexUrl('conf/nips/SmithJ17'),
    );
    const fromFeed = { source: { id: 'shortscience' }, link: null, paper: { title: 'T' } };
    expect(shortSciencePaperUrl({ keys: ['arxiv:2007.12223'] }, [fromFeed as never])).toBe(
      shortScienceBibtexUrl(arxivBibtexKey('2007.12223')),
    );
  });
});
