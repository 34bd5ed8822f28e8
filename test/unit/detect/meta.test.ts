import { describe, expect, it } from 'vitest';
import { detectPaper } from '@/utils/detect';
import { readPageMeta } from '@/utils/detect/meta';
import { readFixture } from '../../helpers/fixtures';

function page(path: string): Document {
  const html = readFixture(`pages/${path}`);
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('metadata on real saved pages', () => {
  it('reads the arXiv 2020 design (EMPIR, Last, First authors)', () => {
    const doc = page('arxiv-2020-gfournier/arxiv.html');
    const meta = readPageMeta(doc);
    expect(meta.keys).toEqual(['arxiv:2004.10162']);
    expect(meta.title).toBe(
      'EMPIR: Ensembles of Mixed Precision Deep Networks for Increased Robustness against Adversarial Attacks',
    );
    expect(meta.authors).toEqual(['Sanchari Sen', 'Balaraman Ravindran', 'Anand Raghunathan']);
    const ref = detectPaper('https://arxiv.org/abs/2004.10162v1', doc);
    expect(ref?.keys).toEqual([
      'arxiv:2004.10162',
      'title:empir ensembles of mixed precision deep networks for increased robustness against adversarial attacks',
    ]);
    expect(ref?.version).toBe('v1');
  });

  it('reads the arXiv 2024 design (head only)', () => {
    const doc = page('arxiv-2024head-commonmeta/arxiv.html');
    const ref = detectPaper('https://arxiv.org/abs/1902.02534v2', doc);
    expect(ref?.keys[0]).toBe('arxiv:1902.02534');
    expect(ref?.title).toMatch(/^Crowdsourcing open citations with CROCI/);
    expect(ref?.authors).toEqual(['Ivan Heibi', 'Silvio Peroni', 'David Shotton']);
  });

  it('reads the ACL Anthology page (unquoted attributes, DOI)', () => {
    const doc = page('acl-2021-papis/ACL_2021.naacl-main.208.html');
    const ref = detectPaper('https://aclanthology.org/2021.naacl-main.208/', doc);
    expect(ref?.keys).toEqual([
      'acl:2021.naacl-main.208',
      'doi:10.18653/v1/2021.naacl-main.208',
      'title:how many data points is a prompt worth',
    ]);
    expect(ref?.authors).toEqual(['Teven Le Scao', 'Alexander M. Rush']);
  });

  it('detects a paper on any site from citation_* metadata alone', () => {
    const doc = page('acl-2021-papis/ACL_2021.naacl-main.208.html');
    const ref = detectPaper('https://publisher.example/article/123', doc);
    expect(ref?.keys[0]).toBe('acl:2021.naacl-main.208');
  });

  it('ignores metadata that names another paper than the URL', () => {
    const doc = page('arxiv-2020-gfournier/arxiv.html');
    const ref = detectPaper('https://arxiv.org/abs/2007.12223', doc);
    expect(ref?.keys).toEqual(['arxiv:2007.12223']);
    expect(ref?.title).toBeUndefined();
  });

  it('treats a page without paper metadata as no paper', () => {
    const doc = new DOMParser().parseFromString(
      '<html><head><title>Blog</title><meta property="og:title" content="My trip"></head></html>',
      'text/html',
    );
    expect(detectPaper('https://blog.example/post', doc)).toBeNull();
  });

  it('survives odd markup: empty, duplicated and whitespace-only tags', () => {
    const doc = new DOMParser().parseFromString(
      `<meta name="citation_title" content="   ">
       <meta name="CITATION_TITLE" content="  A   Real
         Title of a Paper ">
       <meta name="citation_doi" content="doi:10.1000/XYZ.1">
       <meta name="citation_doi" content="10.1000/xyz.1">
       <meta name="citation_author">`,
      'text/html',
    );
    const ref = detectPaper('https://journal.example/x', doc);
    expect(ref?.keys).toEqual(['doi:10.1000/xyz.1', 'title:a real title of a paper']);
    expect(ref?.title).toBe('A Real Title of a Paper');
  });
});

describe("publishers' pages, written to each site's structure (pages/meta-*, SOURCE.txt)", () => {
  it('INSPIRE: record key first, then its DOI, arXiv id (a report number) and PDF file', () => {
    const ref = detectPaper(
      'https://inspirehep.net/literature/2095720',
      page('meta-inspire/2095720.html'),
    );
    expect(ref?.keys).toEqual([
      'inspire:2095720',
      'doi:10.1007/jhep09(2022)001',
      'arxiv:2206.04724',
      'inspirefile:d49a276d7d2370cce978dd900d94ab84',
      'title:an illustrative paper on black hole horizons',
    ]);
    expect(ref?.authors).toEqual(['Jane Doe', 'Richard Roe']);
  });

  it('ScienceDirect: the PII from the URL and citation_pii agree; the DOI follows', () => {
    const ref = detectPaper(
      'https://www.sciencedirect.com/science/article/abs/pii/S2589721721000349',
      page('meta-sciencedirect/S2589721721000349.html'),
    );
    expect(ref?.keys.slice(0, 2)).toEqual([
      'pii:S2589721721000349',
      'doi:10.1016/j.aiia.2021.06.002',
    ]);
  });

  it('PMC: citation_doi and DC.Identifier name the same DOI once', () => {
    const ref = detectPaper(
      'https://pmc.ncbi.nlm.nih.gov/articles/PMC7249434/',
      page('meta-pmc/PMC7249434.html'),
    );
    expect(ref?.keys).toEqual([
      'pmc:PMC7249434',
      'doi:10.1186/s12961-020-00544-0',
      'title:an illustrative health policy study',
    ]);
  });

  it("IEEE Xplore: no citation tags; the DOI from the page's script", () => {
    const ref = detectPaper(
      'https://ieeexplore.ieee.org/stamp/stamp.jsp?tp=&arnumber=9090146',
      page('meta-ieee/9090146.html'),
    );
    expect(ref?.keys.slice(0, 2)).toEqual(['ieee:9090146', 'doi:10.1109/icra40945.2020.9196000']);
    expect(ref?.authors).toEqual(['Ada Lovelace', 'Alan Turing']);
  });
});

describe('JSON-LD on a Springer Nature page (pages/meta-jsonld-springer)', () => {
  it('reads the ScholarlyArticle in the WebPage: DOI from sameAs, headline, authors', () => {
    const doc = page('meta-jsonld-springer/article.html');
    expect(readPageMeta(doc)).toEqual({
      keys: ['doi:10.1007/s41095-022-0271-y'],
      title: 'An Illustrative Article in a Springer Journal',
      authors: ['Jane Doe', 'Richard Roe'],
      isArticle: true,
    });
    // On a host no detector knows (a proxy, a mirror), the page alone names the paper.
    expect(detectPaper('https://proxy.example.edu/article/1', doc)?.keys).toEqual([
      'doi:10.1007/s41095-022-0271-y',
      'title:an illustrative article in a springer journal',
    ]);
  });
});
