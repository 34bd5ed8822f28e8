import type { UrlMatch } from '@/utils/core/paper-ref';

/*
 * Sites whose URLs name a paper by an id of their own and never its DOI:
 * PubMed Central (`PMC7249434`, also on Europe PMC), ScienceDirect and Elsevier's reader (the
 * PII, `S2589721721000349`), IEEE Xplore (the article number) and INSPIRE
 * (the record number; a PDF only by its file's hash). The page's metadata
 * has the DOI (meta.ts: `citation_doi`, and IEEE Xplore's
 * `xplGlobal.document.metadata` script), the PDF's URL has only the id.
 *
 * The rule, so that a paper's page and its PDF find the same summaries:
 * the site's id is the canonical key (`pmc:`, `pii:`, `ieee:`, `inspire:`)
 * on both, as the URL names it (detectPaper: the URL wins); the page's
 * metadata adds the DOI (and arXiv id) after it, so the page also finds
 * what is kept under the DOI (bundled and library summaries, Semantic
 * Scholar by DOI). A summary written or saved on either keeps the site key
 * with the others, and is found from both. An INSPIRE PDF's URL names a
 * file, not the record: its key is the file's (`inspirefile:<hash>`), which
 * the record page lists too (its `citation_pdf_url`, meta.ts), so what is
 * saved on the page is found from the PDF. A PDF shows no metadata, so a
 * summary kept only under the DOI is found from the page, not the PDF.
 *
 * The content script does not run on these hosts by install (PAPER_SITES,
 * sites.ts: ML sites only); they are read where the reader lets it run
 * (issue 23). Until then this detector serves links.
 *
 * Tested on:
 *   https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7249434 → pmc:PMC7249434
 *   https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7249434/ → pmc:PMC7249434
 *   https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7249434/pdf/12961_2020_Article_544.pdf → pmc:PMC7249434
 *   https://pmc.ncbi.nlm.nih.gov/articles/PMC7249434/ → pmc:PMC7249434
 *   https://pmc.ncbi.nlm.nih.gov/articles/PMC7249434/pdf/12961_2020_Article_544.pdf → pmc:PMC7249434
 *   https://www.sciencedirect.com/science/article/pii/S2589721721000349 → pii:S2589721721000349
 *   https://www.sciencedirect.com/science/article/abs/pii/S2589721721000349 → pii:S2589721721000349
 *   https://www.sciencedirect.com/science/article/pii/S2589721721000349/pdfft?md5=0&pid=1-s2.0-S2589721721000349-main.pdf → pii:S2589721721000349
 *   https://www.sciencedirect.com/science/article/pii/S014067369711096X → pii:S014067369711096X
 *   https://reader.elsevier.com/reader/sd/pii/S2589721721000349 → pii:S2589721721000349
 *   https://reader.elsevier.com/reader/sd/pii/S2589721721000349?token=A1B2&originRegion=eu-west-1 → pii:S2589721721000349
 *   https://ieeexplore.ieee.org/document/9090146 → ieee:9090146
 *   https://ieeexplore.ieee.org/document/10412086/ → ieee:10412086
 *   https://ieeexplore.ieee.org/abstract/document/9090146 → ieee:9090146
 *   https://ieeexplore.ieee.org/document/9090146/references → ieee:9090146
 *   https://ieeexplore.ieee.org/stamp/stamp.jsp?tp=&arnumber=9090146 → ieee:9090146
 *   https://ieeexplore.ieee.org/stamp/stamp.jsp?tp=&arnumber=10412086&tag=1 → ieee:10412086
 *   https://ieeexplore.ieee.org/xpls/abs_all.jsp?arnumber=1397982 → ieee:1397982
 *   https://ieeexplore.ieee.org/ielx4/78/2655/00080767.pdf?tp=&arnumber=80767&isnumber=2655 → ieee:80767
 *   https://ieeexplore.ieee.org/stampPDF/getPDF.jsp?tp=&arnumber=9090146&ref= → ieee:9090146
 *   https://europepmc.org/article/PMC/PMC7249434 → pmc:PMC7249434
 *   https://inspirehep.net/literature/2095720 → inspire:2095720
 *   https://inspirehep.net/literature/2095720/ → inspire:2095720
 *   https://inspirehep.net/files/d49a276d7d2370cce978dd900d94ab84 → inspirefile:d49a276d7d2370cce978dd900d94ab84
 *   https://www.ncbi.nlm.nih.gov/pmc/ → none
 *   https://www.ncbi.nlm.nih.gov/pmc/?term=transformers → none
 *   https://europepmc.org/article/MED/32456000 → none
 *   https://www.sciencedirect.com/journal/artificial-intelligence-in-agriculture → none
 *   https://www.sciencedirect.com/science/article/pii/S25897217 → none
 *   https://ieeexplore.ieee.org/xpl/conhome/9087910/proceeding → none
 *   https://ieeexplore.ieee.org/stamp/stamp.jsp?tp= → none
 *   https://inspirehep.net/literature?q=a%20witten → none
 *   https://inspirehep.net/authors/1010819 → none
 */

type Rule = (url: URL) => string | null | undefined;

/*
 * Plain functions, no rule factories called at module level: this file is
 * imported by meta.ts, whose collecting part ships in the page script, and
 * a call there would be kept in that bundle.
 */
const PMC = /^(?:\/pmc)?\/articles\/(PMC\d{1,10})(?:\/pdf(?:\/[^/]+\.pdf)?)?\/?$/;
const pmc: Rule = (url) => {
  const id = PMC.exec(url.pathname)?.[1];
  return id && `pmc:${id}`;
};

// A PII: S or B, the ISSN or ISBN, year, item, check digit (X as in ISSNs).
const SCIENCEDIRECT = /^\/science\/article\/(?:abs\/)?pii\/([SB][0-9X]{16})(?:\/pdfft)?\/?$/i;
const ELSEVIER_READER = /^\/reader\/sd\/pii\/([SB][0-9X]{16})\/?$/i;
function piiKey(pattern: RegExp, url: URL): string | null {
  const id = pattern.exec(url.pathname)?.[1];
  return id ? `pii:${id.toUpperCase()}` : null;
}

/** The PDF viewer, the old abstract page, and the PDF itself (`/ielx7/<…>/<n>.pdf?arnumber=`). */
const IEEE_BY_PARAM =
  /^\/(?:stamp\/stamp\.jsp|xpls\/abs_all\.jsp|stampPDF\/getPDF\.jsp|ielx?\d*\/(?:\d+\/)+\d+\.pdf)$/;
const ieee: Rule = (url) => {
  const page = /^\/(?:abstract\/)?document\/(\d{1,10})(?:\/[a-z]+)?\/?$/.exec(url.pathname)?.[1];
  if (page) return `ieee:${page}`;
  // The PDF viewer and the old abstract page name the article by a parameter.
  const byParam = IEEE_BY_PARAM.test(url.pathname) ? url.searchParams.get('arnumber') : null;
  return byParam && /^\d{1,10}$/.test(byParam) ? `ieee:${byParam}` : null;
};

const inspire: Rule = (url) => {
  const [, record, file] = /^\/(?:literature\/(\d{1,10})|files\/([0-9a-f]{32}))\/?$/.exec(
    url.pathname,
  ) ?? [null, null, null];
  return record ? `inspire:${record}` : file && `inspirefile:${file}`;
};

/** Hosts (without `www.`) and how their paths name a paper. */
const BY_HOST: Readonly<Record<string, Rule>> = {
  'ncbi.nlm.nih.gov': pmc,
  'pmc.ncbi.nlm.nih.gov': pmc,
  'europepmc.org': (url) => {
    const id = /^\/article\/PMC\/(PMC\d{1,10})\/?$/.exec(url.pathname)?.[1];
    return id && `pmc:${id}`;
  },
  'sciencedirect.com': (url) => piiKey(SCIENCEDIRECT, url),
  'reader.elsevier.com': (url) => piiKey(ELSEVIER_READER, url),
  'ieeexplore.ieee.org': ieee,
  'inspirehep.net': inspire,
};

/** An INSPIRE file's key from its URL (a record page's `citation_pdf_url`), or null. */
export function inspireFileKey(href: string): string | null {
  const m = /^https:\/\/inspirehep\.net\/files\/([0-9a-f]{32})$/.exec(href.trim());
  return m ? `inspirefile:${m[1]}` : null;
}

/** Detects a paper by a publisher's or repository's own id in its page or PDF URL. */
export function matchPublisherIdUrl(url: URL): UrlMatch | null {
  const host = url.hostname.replace(/^www\./, '');
  // Own keys only: a host named `constructor` is no rule.
  const key = Object.hasOwn(BY_HOST, host) ? BY_HOST[host]!(url) : null;
  return key ? { keys: [key] } : null;
}
