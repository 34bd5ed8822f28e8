/**
 * Sites whose URLs identify a paper. The detection content script runs only
 * here; every other site stays untouched (README, "Privacy"). Each host has
 * a detector in this folder with the URLs it was tested on.
 */
export const PAPER_SITES = [
  '*://arxiv.org/*',
  '*://www.arxiv.org/*',
  '*://export.arxiv.org/*',
  '*://ar5iv.labs.arxiv.org/*',
  '*://ar5iv.org/*',
  '*://alphaxiv.org/*',
  '*://www.alphaxiv.org/*',
  '*://huggingface.co/papers/*',
  '*://openreview.net/*',
  '*://aclanthology.org/*',
  '*://www.aclweb.org/anthology/*',
  '*://aclweb.org/anthology/*',
];

/** The same sites as origins (`*://host/*`): web_accessible_resources accept no paths. */
export const PAPER_ORIGINS = [
  ...new Set(PAPER_SITES.map((p) => p.replace(/^(\*:\/\/[^/]+)\/.*$/, '$1/*'))),
];
