/**
 * Sites whose URLs identify a paper. The manifest runs the detection content
 * script only here; elsewhere it runs only where the user asked (the toolbar
 * click, "Always on <host>", "every site"), after the probe found scholarly
 * metadata (utils/sources/recognise.ts; README, "Privacy"). Each host has
 * a detector in this folder with the URLs it was tested on
 * (test/unit/detect/conventions.test.ts checks that every one is covered).
 * Whole hosts, not just paper paths, where the site is a single-page app
 * that reaches a paper without a page load (OpenReview, Semantic Scholar).
 */
export const PAPER_SITES = [
  'https://arxiv.org/*',
  'https://www.arxiv.org/*',
  'https://export.arxiv.org/*',
  'https://ar5iv.labs.arxiv.org/*',
  'https://ar5iv.org/*',
  'https://alphaxiv.org/*',
  'https://www.alphaxiv.org/*',
  'https://huggingface.co/papers/*',
  'https://openreview.net/*',
  'https://aclanthology.org/*',
  'https://www.aclweb.org/anthology/*',
  'https://aclweb.org/anthology/*',
  'https://papers.nips.cc/*',
  'https://proceedings.neurips.cc/*',
  'https://datasets-benchmarks-proceedings.neurips.cc/*',
  'https://proceedings.mlr.press/*',
  'https://openaccess.thecvf.com/*',
  'https://jmlr.org/*',
  'https://www.jmlr.org/*',
  'https://www.semanticscholar.org/*',
  'https://pdfs.semanticscholar.org/*',
];

/** `scheme://host/path` → `scheme://host/*`: web_accessible_resources accept no paths. */
function originsOf(patterns: readonly string[]): string[] {
  return [...new Set(patterns.map((p) => p.replace(/^([^:/]+:\/\/[^/]+)\/.*$/, '$1/*')))];
}

/** The same sites as origins. Marked pure so that bundles not using it (the content script) drop it. */
export const PAPER_ORIGINS = /* @__PURE__ */ originsOf(PAPER_SITES);
