import type { Manifest } from './format';

/**
 * The licences Publish offers for an index. All let readers do what reading
 * a shared index takes (their browsers copy and cache it) and let others pass
 * it on; they differ in credit, share-alike and commercial use. "All rights
 * reserved" is not offered: it would forbid the very copying that
 * subscribing to, mirroring or merging an index is.
 */
export interface IndexLicence {
  /** Written into the manifest and on every summary card. */
  name: string;
  url: string;
  /** One line for the chooser. */
  summary: string;
}

export const PUBLISH_LICENCES: readonly IndexLicence[] = [
  {
    name: 'CC BY 4.0',
    url: 'https://creativecommons.org/licenses/by/4.0/',
    summary: 'Anyone may share and adapt your summaries, crediting you.',
  },
  {
    name: 'CC BY-SA 4.0',
    url: 'https://creativecommons.org/licenses/by-sa/4.0/',
    summary: 'As CC BY, and adaptations must carry the same licence.',
  },
  {
    name: 'CC BY-NC 4.0',
    url: 'https://creativecommons.org/licenses/by-nc/4.0/',
    summary: 'As CC BY, but not for commercial purposes.',
  },
  {
    name: 'CC BY-NC-SA 4.0',
    url: 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
    summary: 'Non-commercial, and adaptations carry the same licence.',
  },
  {
    name: 'CC0 1.0',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/',
    summary: 'No rights reserved: anyone may use them for anything, without credit.',
  },
];

export const DEFAULT_LICENCE = 'CC BY 4.0';

export const licenceUrl = (name: string): string | undefined =>
  PUBLISH_LICENCES.find((l) => l.name === name)?.url;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = [
  ':root{color-scheme:light dark}',
  'body{font:16px/1.55 system-ui,sans-serif;max-width:40rem;margin:2.5rem auto;padding:0 1.25rem}',
  'h1{font-size:1.6rem;margin:0 0 .25rem}',
  'dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}',
  'dt{font-weight:600}dd{margin:0}',
  'code{font-size:.95em}',
  '.hint{opacity:.75;font-size:.9rem}',
].join('');

/**
 * The page a visitor of an index folder sees (`index.html`): what the index
 * is and how to add it to Sidenotes. Static, no script; every word from the
 * manifest escaped. Made from the manifest alone, so it is as deterministic
 * as the rest of the build.
 */
export function renderIndexPage(manifest: Manifest): string {
  const name = escapeHtml(manifest.name);
  const url = manifest.licence ? licenceUrl(manifest.licence) : undefined;
  const licence = manifest.licence
    ? url
      ? `<a href="${url}" rel="license">${escapeHtml(manifest.licence)}</a>`
      : escapeHtml(manifest.licence)
    : 'as given on each summary';
  const built = escapeHtml(manifest.built);
  const rows = [
    ...(manifest.publisher ? [['Published by', escapeHtml(manifest.publisher)]] : []),
    ['Licence', licence],
    ['Papers', manifest.counts.papers.toLocaleString('en')],
    ['Summaries', manifest.counts.summaries.toLocaleString('en')],
    ['Last built', `<time datetime="${built}">${built}</time>`],
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Sidenotes">
<title>${name} — a Sidenotes index</title>
<link rel="alternate" type="application/json" href="manifest.json">
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${name}</h1>
<p>A <strong>Sidenotes index</strong>: human-written summaries of research papers, which the Sidenotes browser extension shows beside each paper as you read it.</p>
<dl>
${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('\n')}
</dl>
<h2>Read these summaries beside the papers</h2>
<ol>
<li>Install Sidenotes in your browser.</li>
<li>Copy the address of this page from the address bar.</li>
<li>In Sidenotes, open <strong>Options → Sources → Remote indexes</strong>, paste the address under <strong>Add an index</strong>, and choose <strong>Add</strong>.</li>
</ol>
<p>Sidenotes then checks this folder for updates from time to time and downloads only the parts it needs for the papers you open. Like any website, this host sees those requests.</p>
<p class="hint">The index itself: <a href="manifest.json">manifest.json</a> and the files it lists.</p>
</main>
</body>
</html>
`;
}

/**
 * The folder of an index from the address of any of its pages:
 * `https://host/path/`, `…/index.html` and `…/manifest.json` all give
 * `https://host/path/` (query and fragment dropped, a missing final slash
 * added). Text that is not an address comes back trimmed, for the caller's
 * own check (normalizeIndexUrl) to explain.
 */
export function indexUrlFromPageUrl(input: string): string {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  url.hash = '';
  url.search = '';
  url.pathname = url.pathname.replace(/\/(?:index\.html?|manifest\.json)$/i, '/');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}
