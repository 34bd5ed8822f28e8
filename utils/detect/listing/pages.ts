/**
 * Where the listing content script runs (wxt.config.ts): each site's listing
 * paths, or the whole host where the site is a single-page app that reaches
 * a list without a page load (OpenReview, Hugging Face's papers). The script
 * checks the URL itself (listingSiteFor) and does nothing elsewhere.
 */
export const LISTING_PAGES = [
  'https://arxiv.org/list/*',
  'https://arxiv.org/catchup*',
  'https://arxiv.org/search*',
  'https://www.arxiv.org/list/*',
  'https://www.arxiv.org/catchup*',
  'https://www.arxiv.org/search*',
  'https://export.arxiv.org/list/*',
  'https://huggingface.co/papers*',
  'https://aclanthology.org/events/*',
  'https://aclanthology.org/volumes/*',
  'https://papers.nips.cc/paper_files/paper/*',
  'https://papers.nips.cc/paper/*',
  'https://proceedings.neurips.cc/paper_files/paper/*',
  'https://proceedings.neurips.cc/paper/*',
  'https://datasets-benchmarks-proceedings.neurips.cc/paper_files/paper/*',
  'https://proceedings.mlr.press/*',
  'https://openaccess.thecvf.com/*',
  'https://openreview.net/*',
];
