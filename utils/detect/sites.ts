/**
 * Sites whose URLs identify a paper. The detection content script runs only
 * here; every other site stays untouched (README, "Privacy"). Each host has
 * a detector in this folder with the URLs it was tested on.
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
];

/** The same sites as origins (`https://host/*`): web_accessible_resources accept no paths. */
export const PAPER_ORIGINS = [
  ...new Set(PAPER_SITES.map((p) => p.replace(/^(https:\/\/[^/]+)\/.*$/, '$1/*'))),
];
