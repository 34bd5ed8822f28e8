import { describe, expect, it } from 'vitest';
import { detectPaper } from '@/utils/detect';
import { readFixture } from '../../helpers/fixtures';

/*
 * The URL tables of two other paper extensions (test/fixtures/url-tables,
 * origin and licences in SOURCE.txt) through the detection entry point the
 * worker runs for every page (detectPaper), URL alone: each URL must give
 * its paper's canonical key, and a paper's page and PDF the same one.
 * Sites whose URLs name no id Sidenotes keys papers by are listed as
 * misses, with the reason; the tests fail when one starts to resolve, so
 * that the list stays true.
 */

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

const keyOf = (url: string): string | null => detectPaper(url)?.keys[0] ?? null;

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
  ];

  /**
   * Papers no URL of theirs names by an id Sidenotes keys papers by: IEEE
   * Xplore's article number is its own, and the DOI is in none of its URLs;
   * its pages hold it in a script's JSON (`xplGlobal.document.metadata`),
   * not in `<meta>` tags, so not even page metadata gives it.
   */
  const MISSES: Array<[part: string, why: string]> = [
    ['ieeexplore.ieee.org', 'IEEE Xplore: article number only, DOI in no URL or meta tag'],
  ];

  const expected = (url: string): string | null | undefined => {
    const papers = PAPERS.filter(([part]) => url.includes(part));
    if (papers.length > 1) throw new Error(`${url} matches ${papers.length} papers`);
    if (papers[0]) return papers[0][1];
    return MISSES.some(([part]) => url.includes(part)) ? null : undefined;
  };

  it('reads the whole table', () => {
    expect(cases.length).toBeGreaterThanOrEqual(70);
    expect(cases.flat().some((url) => url.includes('browse.arxiv.org'))).toBe(true);
  });

  it.each(cases.flat())('%s', (url) => {
    const key = expected(url);
    expect(key, 'a paper of the table PAPERS does not list').not.toBeUndefined();
    expect(keyOf(url)).toBe(key);
  });

  it.each(cases.map((urls) => [urls.join(' ↔ '), urls] as const))('one key for %s', (_, urls) => {
    expect(new Set(urls.map(keyOf)).size).toBe(1);
  });
});

describe("PaperMemory's 25 sources", () => {
  const cases = paperMemoryCases(readFixture('url-tables/papermemory/urls.json'));

  /** The canonical key of each source's paper; null: its URLs name no id (MISSES says why). */
  const KEYS: Record<string, string | null> = {
    acl: 'acl:2020.acl-main.405',
    acm: 'doi:10.5555/3491440.3491756',
    acs: 'doi:10.1021/acs.jpca.9b00311',
    aps: 'doi:10.1103/physrevlett.128.171101',
    arxiv: 'arxiv:1703.10593',
    biorxiv: 'doi:10.1101/2021.11.08.467690',
    cvf: 'cvf:cvpr2020/bhattacharjee_dunit_detection-based_unsupervised_image-to-image_translation',
    frontiers: 'doi:10.3389/fpace.2022.892330',
    ijcai: 'doi:10.24963/ijcai.2020/1',
    ieee: null,
    ihep: null,
    iop: 'doi:10.1149/2.1051908jes',
    jmlr: 'jmlr:v13/bergstra12a',
    nature: 'doi:10.1038/s41467-018-07210-0',
    neurips: 'neurips:2019/0118a063b4aae95277f0bc1752c75abf',
    openreview: 'openreview:xQUe1pOKPam',
    pmc: null,
    pmlr: 'pmlr:v130/husain21a',
    wiley: 'doi:10.1002/acr2.11440',
    pnas: 'doi:10.1073/pnas.2114679118',
    science: 'doi:10.1126/scirobotics.abm6597',
    sciencedirect: null,
    springer: 'doi:10.1007/s41095-022-0271-y',
    plos: 'doi:10.1371/journal.pclm.0000068',
    rsc: 'doi:10.1039/d2dd00066k',
  };

  /**
   * Why a source's URLs give no key. Each needs the DOI from elsewhere: a
   * page's metadata (read by meta.ts wherever the content script runs,
   * once it runs on the site) or the site's API, which detection never asks.
   */
  const MISSES: Record<string, string> = {
    ieee: 'IEEE Xplore: article number; the page holds the DOI in a script, not a meta tag',
    ihep: "INSPIRE: its record number (and a file hash for the PDF); DOI from INSPIRE's API",
    pmc: "PubMed Central: the PMC id; the DOI is in the page (citation_doi) or NCBI's id converter",
    sciencedirect:
      "ScienceDirect: the PII (page) and reader.elsevier.com's PII (PDF); the DOI only in the page",
  };

  it('has every source, two URLs each', () => {
    expect(cases.map(([source]) => source).sort()).toEqual(Object.keys(KEYS).sort());
    for (const [, urls] of cases) expect(urls).toHaveLength(2);
    for (const [source, key] of Object.entries(KEYS)) expect(key === null).toBe(source in MISSES);
  });

  it.each(cases.flatMap(([source, urls]) => urls.map((url) => [source, url] as const)))(
    '%s: %s',
    (source, url) => {
      expect(keyOf(url)).toBe(KEYS[source]);
    },
  );
});
