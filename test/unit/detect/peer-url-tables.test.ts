import { describe, expect, it } from 'vitest';
import { detectPaper } from '@/utils/detect';
import { metaEntries } from '@/utils/detect/meta';
import { openReview } from '@/utils/sources/openreview';
import { semanticScholar } from '@/utils/sources/semantic-scholar';
import { readFixture } from '../../helpers/fixtures';

/*
 * The URL tables of two other paper extensions (test/fixtures/url-tables,
 * origin and licences in SOURCE.txt) through the detection entry point the
 * worker runs for every page (detectPaper), as it runs once the reader has
 * let Sidenotes read every site: the URL, and what the content script
 * collects from the page (metaEntries). Pages whose URLs name no DOI (IEEE
 * Xplore, INSPIRE, PMC, ScienceDirect, IJCAI before 2017) are read from
 * markup saved to each site's structure (test/fixtures/pages/meta-*,
 * SOURCE.txt); other pages and every PDF (a PDF has no metadata to read)
 * from the URL alone. Each URL must give its paper's canonical key, a
 * paper's page and PDF the same one, and the PDF's key must be one of the
 * page's keys, so both find the same summaries.
 */

/** Saved markup of the pages whose metadata, not their URL, names the DOI. */
const SAVED_PAGES: Record<string, string> = {
  'https://ieeexplore.ieee.org/document/10412086': 'meta-ieee/10412086.html',
  'https://ieeexplore.ieee.org/document/9090146': 'meta-ieee/9090146.html',
  'https://inspirehep.net/literature/2095720': 'meta-inspire/2095720.html',
  'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7249434': 'meta-pmc/PMC7249434.html',
  'https://www.sciencedirect.com/science/article/pii/S2589721721000349':
    'meta-sciencedirect/S2589721721000349.html',
  'https://www.ijcai.org/proceedings/2020/1': 'meta-ijcai/2020-1.html',
};

/** What the content script would send from a URL's page: its saved markup's, or nothing. */
function pageMeta(url: string): Array<[string, string]> {
  const saved = SAVED_PAGES[url];
  if (!saved) return [];
  return metaEntries(new DOMParser().parseFromString(readFixture(`pages/${saved}`), 'text/html'));
}

const detect = (url: string) => detectPaper(url, pageMeta(url));
const keyOf = (url: string): string | null => detect(url)?.keys[0] ?? null;

/** One test case: the URLs that name one paper (a page and its PDF, or two of its pages). */
type Case = string[];

/**
 * arxiv-utils' cases: each `- url:` starts one, with its `pdf_url` and
 * `url2`. Commented-out cases count (they are URL forms all the same);
 * YAML is read line by line, as this file's keys are one-line scalars.
 */
function arxivUtilsCases(yaml: string): Case[] {
  const cases: Case[] = [];
  for (const line of yaml.split('\n')) {
    const m = /^\s*#?\s*(-\s+)?(url|pdf_url|url2):\s*(https?:\/\/.*?)\s*$/.exec(line);
    if (!m?.[3]) continue;
    if (m[1]) cases.push([]);
    cases.at(-1)?.push(m[3]);
  }
  return cases;
}

/** PaperMemory's sources: `[page, pdf, options?]` each. */
function paperMemoryCases(json: string): Array<[source: string, urls: Case]> {
  const table = JSON.parse(json) as Record<string, unknown[]>;
  return Object.entries(table).map(([source, entries]) => [
    source,
    entries.filter((e): e is string => typeof e === 'string'),
  ]);
}

describe("arxiv-utils' test URLs", () => {
  const cases = arxivUtilsCases(readFixture('url-tables/arxiv-utils/testcases.yaml'));

  /** Each paper of the table, by a part of its URLs no other paper's share. */
  const PAPERS: Array<[part: string, key: string]> = [
    ['2203.14206', 'arxiv:2203.14206'],
    ['1906.07413', 'arxiv:1906.07413'],
    ['2003.01367', 'arxiv:2003.01367'],
    ['1110.2832', 'arxiv:1110.2832'],
    ['2003.13678', 'arxiv:2003.13678'],
    ['cs/9605103', 'arxiv:cs/9605103'],
    ['0408502', 'arxiv:cond-mat/0408502'],
    ['1512.03385', 'arxiv:1512.03385'],
    ['2407.10603', 'arxiv:2407.10603'],
    ['2408.00714', 'arxiv:2408.00714'],
    ['1706.03762', 'arxiv:1706.03762'],
    ['2403.17537', 'arxiv:2403.17537'],
    ['2503.11651', 'arxiv:2503.11651'],
    ['LcF-EEt8cCC', 'openreview:LcF-EEt8cCC'],
    ['523f87e9d08e6071a3bbd150e6da40fb', 'neurips:1987/523f87e9d08e6071a3bbd150e6da40fb'],
    ['0234c510bc6d908b28c70ff313743079', 'neurips:2019/0234c510bc6d908b28c70ff313743079'],
    ['cba0a4ee5ccd02fda0fe3f9a3e7b89fe', 'neurips:2021/cba0a4ee5ccd02fda0fe3f9a3e7b89fe'],
    ['93f250215e4889119807b6fac3a57aec', 'neurips:2022/93f250215e4889119807b6fac3a57aec'],
    ['sun21c', 'pmlr:v139/sun21c'],
    [
      'Karras_A_Style-Based',
      'cvf:cvpr2019/karras_a_style-based_generator_architecture_for_generative_adversarial_networks',
    ],
    [
      'Wang_CSPNet',
      'cvf:cvpr2020w/wang_cspnet_a_new_backbone_that_can_enhance_learning_capability_of',
    ],
    [
      'Fu_Coupling_Vision',
      'cvf:cvpr2022w/fu_coupling_vision_and_proprioception_for_navigation_of_legged_robots',
    ],
    ['pedregosa11a', 'jmlr:v12/pedregosa11a'],
    ['N19-1423', 'acl:N19-1423'],
    ['2024.acl-long.800', 'acl:2024.acl-long.800'],
    ['10412086', 'ieee:10412086'],
  ];

  const expected = (url: string): string | undefined => {
    const papers = PAPERS.filter(([part]) => url.includes(part));
    if (papers.length > 1) throw new Error(`${url} matches ${papers.length} papers`);
    return papers[0]?.[1];
  };

  /** A PDF (or the PDF viewer's page); the rest are the papers' pages. */
  const isPdf = (url: string) => /\/pdf\b|\.pdf\b|\/stamp\//.test(url);
  const urls = [...new Set(cases.flat())];

  it('reads the whole table: 81 cases, 51 paper pages and 40 PDFs', () => {
    expect(cases).toHaveLength(81);
    expect(urls.filter((url) => !isPdf(url))).toHaveLength(51);
    expect(urls.filter(isPdf)).toHaveLength(40);
    expect(cases.flat().some((url) => url.includes('browse.arxiv.org'))).toBe(true);
  });

  it('gives every page and every PDF its key: 51/51 and 40/40', () => {
    const resolved = urls.filter((url) => expected(url) && keyOf(url) === expected(url));
    expect(resolved.filter((url) => !isPdf(url))).toHaveLength(51);
    expect(resolved.filter(isPdf)).toHaveLength(40);
  });

  it.each(cases.flat())('%s', (url) => {
    const key = expected(url);
    expect(key, 'a paper of the table PAPERS does not list').not.toBeUndefined();
    expect(keyOf(url)).toBe(key);
  });

  it.each(cases.map((urls) => [urls.join(' ↔ '), urls] as const))('one key for %s', (_, urls) => {
    expect(new Set(urls.map(keyOf)).size).toBe(1);
  });

  it("reads IEEE Xplore's DOI from the page's metadata script", () => {
    const ref = detect('https://ieeexplore.ieee.org/document/10412086');
    expect(ref?.keys.slice(0, 2)).toEqual(['ieee:10412086', 'doi:10.1109/tpami.2024.3356000']);
    expect(ref?.title).toBe('An Illustrative Journal Article on Xplore');
    expect(ref?.authors).toEqual(['Grace Hopper']);
  });
});

describe("PaperMemory's 25 sources", () => {
  const cases = paperMemoryCases(readFixture('url-tables/papermemory/urls.json'));

  /** The canonical key of each source's paper (its page's and, but for PDF_KEYS, its PDF's). */
  const KEYS: Record<string, string> = {
    acl: 'acl:2020.acl-main.405',
    acm: 'doi:10.5555/3491440.3491756',
    acs: 'doi:10.1021/acs.jpca.9b00311',
    aps: 'doi:10.1103/physrevlett.128.171101',
    arxiv: 'arxiv:1703.10593',
    biorxiv: 'doi:10.1101/2021.11.08.467690',
    cvf: 'cvf:cvpr2020/bhattacharjee_dunit_detection-based_unsupervised_image-to-image_translation',
    frontiers: 'doi:10.3389/fpace.2022.892330',
    ijcai: 'doi:10.24963/ijcai.2020/1',
    ieee: 'ieee:9090146',
    ihep: 'inspire:2095720',
    iop: 'doi:10.1149/2.1051908jes',
    jmlr: 'jmlr:v13/bergstra12a',
    nature: 'doi:10.1038/s41467-018-07210-0',
    neurips: 'neurips:2019/0118a063b4aae95277f0bc1752c75abf',
    openreview: 'openreview:xQUe1pOKPam',
    pmc: 'pmc:PMC7249434',
    pmlr: 'pmlr:v130/husain21a',
    wiley: 'doi:10.1002/acr2.11440',
    pnas: 'doi:10.1073/pnas.2114679118',
    science: 'doi:10.1126/scirobotics.abm6597',
    sciencedirect: 'pii:S2589721721000349',
    springer: 'doi:10.1007/s41095-022-0271-y',
    plos: 'doi:10.1371/journal.pclm.0000068',
    rsc: 'doi:10.1039/d2dd00066k',
  };

  /** A PDF whose URL names another id than its page, listed among the page's keys. */
  const PDF_KEYS: Record<string, string> = {
    ihep: 'inspirefile:d49a276d7d2370cce978dd900d94ab84',
  };

  /** The DOI each page's saved metadata adds where its URL names none. */
  const PAGE_DOIS: Record<string, string> = {
    ieee: 'doi:10.1109/icra40945.2020.9196000',
    ihep: 'doi:10.1007/jhep09(2022)001',
    pmc: 'doi:10.1186/s12961-020-00544-0',
    sciencedirect: 'doi:10.1016/j.aiia.2021.06.002',
  };

  it('has every source, two URLs each', () => {
    expect(cases).toHaveLength(25);
    expect(cases.map(([source]) => source).sort()).toEqual(Object.keys(KEYS).sort());
    for (const [, urls] of cases) expect(urls).toHaveLength(2);
  });

  it('gives all 25 sources their keys, page and PDF', () => {
    const resolved = cases.filter(([source, [page, pdf]]) => {
      const pageKeys = detect(page!)?.keys ?? [];
      const pdfKey = keyOf(pdf!);
      return pageKeys[0] === KEYS[source] && pdfKey && pageKeys.includes(pdfKey);
    });
    expect(resolved.map(([source]) => source)).toEqual(cases.map(([source]) => source));
  });

  it.each(cases.map(([source, [page, pdf]]) => [source, page!, pdf!] as const))(
    '%s: %s and its PDF %s',
    (source, page, pdf) => {
      const ref = detect(page);
      expect(ref?.keys[0]).toBe(KEYS[source]);
      expect(keyOf(pdf)).toBe(PDF_KEYS[source] ?? KEYS[source]);
      // The PDF's key is one of the page's: what is kept on either is found from both.
      expect(ref?.keys).toContain(PDF_KEYS[source] ?? KEYS[source]);
      if (PAGE_DOIS[source]) expect(ref?.keys).toContain(PAGE_DOIS[source]);
    },
  );
});

describe("the offers on publishers' pages, as on arXiv", () => {
  it.each([
    ['https://ieeexplore.ieee.org/document/9090146', 'DOI:10.1109/icra40945.2020.9196000'],
    ['https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7249434', 'DOI:10.1186/s12961-020-00544-0'],
    [
      'https://www.sciencedirect.com/science/article/pii/S2589721721000349',
      'DOI:10.1016/j.aiia.2021.06.002',
    ],
    // INSPIRE's record names the arXiv id too, which Semantic Scholar is asked by first.
    ['https://inspirehep.net/literature/2095720', 'arXiv:2206.04724'],
  ])('%s: Semantic Scholar by %s, OpenReview by title', (url, id) => {
    const ref = detect(url)!;
    const asked = `/paper/${encodeURIComponent(id).replace('%3A', ':')}?`;
    expect(semanticScholar.requestUrls(ref)[0]).toContain(asked);
    expect(openReview.requestUrls(ref)[0]).toContain('content.title=');
  });
});
