import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFixture, ROOT } from './fixtures';

/**
 * Pages served under real URLs in end-to-end tests and the start script:
 * real saved pages, with their metadata pointed at the paper under test.
 */
const seed = JSON.parse(
  readFileSync(join(ROOT, 'data/bundled/shortscience-seed.jsonl'), 'utf8').split('\n')[0]!,
) as {
  paper: { arxivId: string; title: string; authors: string[] };
};
export const SEED = seed.paper;

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The real 2020 arXiv abstract page (EMPIR), turned into the page of another arXiv paper. */
export function arxivAbsPage(arxivId: string, title: string, authors: string[]): string {
  const original = readFixture('pages/arxiv-2020-gfournier/arxiv.html');
  const empirTitle =
    'EMPIR: Ensembles of Mixed Precision Deep Networks for Increased Robustness against Adversarial Attacks';
  let html = original.split(empirTitle).join(escapeHtml(title)).split('2004.10162').join(arxivId);
  // EMPIR's authors and abstract under another paper's title read as a broken page (npm start shows it).
  html = html.replace(
    /(<div class="authors"><span class="descriptor">Authors:<\/span>)[\s\S]*?(<\/div>)/,
    (_, open: string, close: string) => open + authors.map(escapeHtml).join(', ') + close,
  );
  html = html.replace(
    /(<blockquote class="abstract mathjax">)[\s\S]*?(<\/blockquote>)/,
    '$1<span class="descriptor">Abstract:</span> (not in this sample: a saved arXiv page made into this paper\'s page)$2',
  );
  html = html.replace(/(<meta name="citation_author" content="[^"]*"\/>\s*)+/, () =>
    authors.map((a) => `<meta name="citation_author" content="${escapeHtml(a)}"/>\n`).join(''),
  );
  return html;
}

export const seedAbsPage = (): string => arxivAbsPage(SEED.arxivId, SEED.title, SEED.authors);

/** The real ACL Anthology page, turned into the page of another Anthology paper. */
export function aclPage(aclId: string, title: string): string {
  return readFixture('pages/acl-2021-papis/ACL_2021.naacl-main.208.html')
    .split('How many data points is a prompt worth?')
    .join(escapeHtml(title))
    .split('2021.naacl-main.208')
    .join(aclId)
    .replace(/<meta content=10\.18653\/v1\/[^ ]+ name=citation_doi>/, '');
}

/** An OpenReview forum page as its server renders the head: the documented citation_* tags. */
export function openReviewPage(forumId: string, title: string, extraScript = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)} | OpenReview</title>
<meta name="citation_title" content="${escapeHtml(title)}">
<meta name="citation_author" content="Anonymous">
<meta name="citation_online_date" content="2019/09/25">
<meta name="citation_pdf_url" content="https://openreview.net/pdf?id=${forumId}">
<meta name="citation_conference_title" content="International Conference on Learning Representations">
</head><body><main style="max-width:760px;margin:40px auto;font:16px/1.5 serif">
<h1>${escapeHtml(title)}</h1><p>Forum page of ${forumId}.</p></main>${extraScript}</body></html>`;
}

/**
 * A hostile paper page (arXiv 2007.13916): CSS that unsets and hides
 * everything, and a script that tries every 100 ms what a page can against
 * the sidebar (its host's shadow root, its text, its frames' addresses, a
 * forged "save" message to each frame), noting each try in `window.__stolen`.
 */
export const hostileAbsPage = (): string =>
  arxivAbsPage(
    '2007.13916',
    'Demystifying Contrastive Self-Supervised Learning: Invariances, Augmentations and Dataset Biases',
    ['Senthil Purushwalkam', 'Abhinav Gupta'],
  ).replace(
    '</head>',
    `<style>* { all: unset !important; } iframe, aside, sidenotes-sidebar { display: none !important; width: 0 !important; }</style>
       <script>
         window.__stolen = [];
         const original = Element.prototype.attachShadow;
         setInterval(() => {
           const host = document.querySelector('sidenotes-sidebar');
           if (!host) return;
           // Everything a page can try on the host: its shadow root, its text, its
           // frames, and making it invisible to clickjack it.
           window.__stolen.push('root:' + String(host.shadowRoot));
           window.__stolen.push('text:' + host.textContent + host.innerHTML);
           window.__stolen.push('frames:' + Array.from(window.frames).map((f) => { try { return f.location.href; } catch (e) { return 'blocked'; } }).join(','));
           for (const f of Array.from(window.frames)) { try { f.postMessage({ type: 'library:toggle-save' }, '*'); } catch (e) {} }
         }, 100);
       </script></head>`,
  );

export const plainPage = (title: string, body = '', head = ''): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${head}</head><body>${body}</body></html>`;

/** A small, valid one-page PDF (text only) for the PDF viewer tests. */
export function minimalPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 64×40 grey PNG standing in for remote figures (no network in tests). */
export const FIGURE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAAAoCAIAAADBrGu+AAAAPUlEQVR42u3PMQ0AAAgDsPlXtgdPaOAkaVIDTTuvRUBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEDgYgF2baNa65aHDwAAAABJRU5ErkJggg==',
  'base64',
);

export interface ListedPaper {
  id: string;
  title: string;
  authors: string[];
}

/**
 * An arXiv /list/ page of `papers`, in the markup of arxiv-browse's list
 * templates (as test/fixtures/pages/arxiv-listing/list-new.html), with
 * `extra` HTML after the list (fake entries). `bench` adds the page's own
 * mark for its first frame after DOMContentLoaded (set once that frame is
 * drawn), with the badges its requestAnimationFrame callback found in the
 * DOM: those are in that frame.
 */
export function arxivListPage(papers: readonly ListedPaper[], extra = '', bench = false): string {
  const items = papers.map(
    (p, i) => `
<dt>
  <a name='item${i + 1}'>[${i + 1}]</a>
  <a href ="/abs/${p.id}" title="Abstract" id="${p.id}">
    arXiv:${p.id}
  </a>
  [<a href="/pdf/${p.id}" title="Download PDF" id="pdf-${p.id}" aria-labelledby="pdf-${p.id}">pdf</a>, <a href="https://arxiv.org/html/${p.id}v1" title="View HTML" id="html-${p.id}" aria-labelledby="html-${p.id}" rel="noopener noreferrer" target="_blank">html</a>, <a href="/format/${p.id}" title="Other formats" id="oth-${p.id}" aria-labelledby="oth-${p.id}">other</a>]
</dt>
<dd>
  <div class='meta'>
    <div class='list-title mathjax'><span class='descriptor'>Title:</span>
      ${escapeHtml(p.title)}
    </div>
    <div class='list-authors'>${p.authors.map((a) => `<a href="https://arxiv.org/a/${encodeURIComponent(a)}">${escapeHtml(a)}</a>`).join(', ')}</div>
    <div class='list-comments mathjax'><span class='descriptor'>Comments:</span> 12 pages, 4 figures</div>
    <div class='list-subjects'><span class='descriptor'>Subjects:</span>
      <span class="primary-subject">Machine Learning (cs.LG)</span>; Artificial Intelligence (cs.AI)
    </div>
  </div>
</dd>`,
  );
  const mark = bench
    ? `<script>document.addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => {
  const badges = document.getElementsByTagName('sidenotes-badge').length;
  setTimeout(() => performance.mark('page:first-frame-after-dcl', { detail: { badges } }));
}));</script>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Machine Learning authors/titles recent submissions</title>
<style>
body { font: 14px/1.5 "Lucida Grande", Helvetica, Arial, sans-serif; margin: 0; color: #000; background: #fff; }
#header { background: #b31b1b; color: #fff; padding: 8px 16px; } #header a { color: #fff; }
#dlpage { padding: 0 2em 2em; max-width: 1100px; }
dl#articles dt { margin-top: 1.2em; } dl#articles dd { margin: 0 0 0 2em; }
.list-title { font-size: 1.15em; font-weight: bold; } .descriptor { font-weight: normal; color: #666; }
a { color: #0066cc; text-decoration: none; }
</style>
${mark}
</head>
<body>
<div id="header"><h1><a href="/">arXiv</a> &gt; cs.LG &gt; recent</h1></div>
<div id='content'><div id='dlpage'>
<h1>Machine Learning</h1>
<div class='paging'>Total of ${papers.length} entries</div>
<dl id='articles'>
${items.join('')}
</dl>
${extra}
<div class='paging'>Total of ${papers.length} entries</div>
</div></div>
</body>
</html>`;
}

/** `count` arXiv ids of this month, none of which any bundled source summarizes. */
export const freshArxivIds = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => `2406.${String(10000 + i).padStart(5, '0')}`);
