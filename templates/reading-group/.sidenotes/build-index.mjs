// The Sidenotes index builder (index format 1), bundled from Sidenotes'
// scripts/build-index.ts by scripts/vendor-builder.ts. Do not edit: to update,
// copy the newest templates/reading-group/.sidenotes/build-index.mjs from Sidenotes.
// Usage: node build-index.mjs [--name <text>] [--publisher <text>] [--licence <text>]
//          [--built <YYYY-MM-DD>] <input.jsonl…> <out-dir>
/* eslint-disable */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
function normalizeTitle(title) {
  return title
    .replace(/\\[a-zA-Z]+\s*/g, (cmd) => {
      const name = cmd.trim().slice(1);
      return /^(text|math|emph|mbox|bf|it|rm|sf|tt|cal|bm|boldsymbol)/.test(name)
        ? ' '
        : ` ${name} `;
    })
    .replace(/\\./g, ' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
var titleKey = (title) => {
  const normalized = normalizeTitle(title);
  return normalized.length >= 12 && normalized.includes(' ') ? `title:${normalized}` : null;
};
var INDEX_FORMAT_VERSION = 1;
var encoder = new TextEncoder();
function fnv1a(text2) {
  let hash = 2166136261;
  for (const byte of encoder.encode(text2)) {
    hash ^= byte;
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
function shardIdFor(key, prefixLength) {
  return prefixLength === 0 ? 'all' : fnv1a(key).slice(0, prefixLength);
}
var shardFileName = (shardId) => `shards/${shardId}.json`;
async function sha256Hex(content) {
  const bytes = typeof content === 'string' ? encoder.encode(content) : content;
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
var MAX_URL_CHARS = 2048;
function isTrickChar(code) {
  return (
    code <= 32 ||
    code === 92 ||
    (code >= 127 && code <= 160) ||
    code === 173 ||
    code === 5760 ||
    code === 6158 ||
    (code >= 8192 && code <= 8207) ||
    (code >= 8232 && code <= 8239) ||
    (code >= 8287 && code <= 8303) ||
    code === 12288 ||
    code === 65279
  );
}
var isAsciiSpace = (code) => code === 32 || code === 9 || code === 10 || code === 12 || code === 13;
function safeHttpUrl(value, options = {}) {
  if (typeof value !== 'string' || value.length > MAX_URL_CHARS) return null;
  let start = 0;
  let end = value.length;
  while (start < end && isAsciiSpace(value.charCodeAt(start))) start++;
  while (end > start && isAsciiSpace(value.charCodeAt(end - 1))) end--;
  const text2 = value.slice(start, end);
  for (let i = 0; i < text2.length; i++) if (isTrickChar(text2.charCodeAt(i))) return null;
  if (!/^https?:\/\/[^/]/i.test(text2)) return null;
  let url2;
  try {
    url2 = new URL(text2);
  } catch {
    return null;
  }
  if (url2.protocol !== 'https:' && !(options.allowHttp && url2.protocol === 'http:')) return null;
  if (!url2.hostname || url2.username || url2.password) return null;
  return url2.href;
}
var KEY_ORDER = ['arxiv:', 'openreview:', 'acl:', 'doi:', 'title:'];
function keyRank(key) {
  const i = KEY_ORDER.findIndex((prefix) => key.startsWith(prefix));
  return i === -1 ? KEY_ORDER.indexOf('title:') - 0.5 : i;
}
function orderKeys(keys) {
  return [...new Set(keys)].sort((a, b) => keyRank(a) - keyRank(b));
}
var kindOf = (key) => key.slice(0, key.indexOf(':'));
var KEY_GRAMMAR = {
  // New style `2007.12223`; old style `hep-th/9901001` (subject class dropped).
  arxiv: /^(?:\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)?\/\d{7})$/,
  doi: /^10\.\d{4,9}\/[-._;()/:a-z0-9]+$/,
  openreview: /^[A-Za-z0-9_-]{8,100}$/,
  acl: /^(?:[A-Z]\d{2}-\d{4}|\d{4}\.[a-z0-9]+(?:-[a-z0-9]+)*\.\d+)$/,
  neurips: /^\d{4}\/[0-9a-f]{32}$/,
  nips: /^\d{1,7}$/,
  pmlr: /^v\d{1,4}\/[a-z0-9][a-z0-9_-]{0,199}$/,
  cvf: /^[a-z]+\d{4}w?\/[a-z0-9_.%+-]{1,400}$/,
  jmlr: /^v\d{1,4}\/[a-z0-9][a-z0-9_-]{0,199}$/,
  s2: /^[0-9a-f]{40}$/,
  // Publishers' and repositories' own article ids, where a page's PDF names
  // no DOI (utils/detect/publisher-ids.ts): PubMed Central, Elsevier's PII,
  // IEEE Xplore's article number, INSPIRE's record and one of its files.
  pmc: /^PMC\d{1,10}$/,
  pii: /^[SB][0-9X]{16}$/,
  ieee: /^\d{1,10}$/,
  inspire: /^\d{1,10}$/,
  inspirefile: /^[0-9a-f]{32}$/,
  // ShortScience's bibtexKey (`conf/nips/SmithJ17`, DBLP's form).
  shortscience: /^[A-Za-z0-9][A-Za-z0-9._:/+-]{0,299}$/,
  // A normalized title (utils/detect/title.ts): letters and digits, single spaces.
  title: /^[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*$/u,
};
var KEY_KINDS = Object.keys(KEY_GRAMMAR);
var MAX_KEY_CHARS = 1024;
function isCanonicalKey(key) {
  if (typeof key !== 'string' || key.length > MAX_KEY_CHARS) return false;
  const colon = key.indexOf(':');
  if (colon < 1) return false;
  const kind = key.slice(0, colon);
  return Object.hasOwn(KEY_GRAMMAR, kind) && KEY_GRAMMAR[kind].test(key.slice(colon + 1));
}
function keyPageUrl(key) {
  if (!isCanonicalKey(key)) return null;
  const id = key.slice(key.indexOf(':') + 1);
  switch (kindOf(key)) {
    case 'arxiv':
      return `https://arxiv.org/abs/${id}`;
    case 'openreview':
      return `https://openreview.net/forum?id=${id}`;
    case 'acl':
      return `https://aclanthology.org/${id}/`;
    case 'doi':
      return `https://doi.org/${id}`;
    default:
      return null;
  }
}
var OPEN_PAGE_KINDS = ['arxiv', 'openreview', 'acl'];
function paperPageUrl(paper) {
  const byKind = (kind) => {
    const key = paper.keys.find((k) => kindOf(k) === kind && isCanonicalKey(k));
    return key ? keyPageUrl(key) : null;
  };
  for (const kind of OPEN_PAGE_KINDS) {
    const page = byKind(kind);
    if (page) return page;
  }
  return safeHttpUrl(paper.url) ?? byKind('doi');
}
var FIELD_TITLE = 1;
var FIELD_AUTHORS = 2;
var FIELD_BODY = 4;
var SEARCH_FORMAT_VERSION = 2;
var MAGIC = 'SNS2';
var encoder2 = new TextEncoder();
var decoder = new TextDecoder();
function encodeSearchData(input) {
  const termBytes = encoder2.encode(input.terms.join('\n'));
  const docChunks = input.docs.map((d) =>
    encoder2.encode(
      JSON.stringify([
        d.key,
        d.title,
        d.authors,
        d.year ?? 0,
        d.url ?? '',
        d.sourceMask,
        d.kindMask,
        d.excerpt,
        d.summaries,
      ]),
    ),
  );
  const docOffsets = new Uint32Array(input.docs.length + 1);
  docChunks.forEach((c, i) => (docOffsets[i + 1] = docOffsets[i] + c.length));
  const docBytes = docOffsets[input.docs.length];
  const header = {
    format: SEARCH_FORMAT_VERSION,
    nDocs: input.docs.length,
    nTerms: input.terms.length,
    termBytes: termBytes.length,
    postingBytes: input.postings.length,
    docBytes,
    sources: input.sources,
  };
  const headerBytes = encoder2.encode(JSON.stringify(header));
  const start = 8 + headerBytes.length + termBytes.length;
  const pad = (4 - (start % 4)) % 4;
  const u32Arrays = [
    input.df,
    input.offsets,
    Uint32Array.from(input.docs, (d) => d.sourceMask),
    docOffsets,
  ];
  const u32Bytes = u32Arrays.reduce((n, a) => n + 4 * a.length, 0);
  const out = new Uint8Array(
    start + pad + u32Bytes + input.docs.length + input.postings.length + docBytes,
  );
  const view = new DataView(out.buffer);
  out.set(encoder2.encode(MAGIC), 0);
  view.setUint32(4, headerBytes.length, true);
  out.set(headerBytes, 8);
  out.set(termBytes, 8 + headerBytes.length);
  let at = start + pad;
  for (const arr of u32Arrays)
    for (let i = 0; i < arr.length; i++, at += 4) view.setUint32(at, arr[i], true);
  out.set(
    Uint8Array.from(input.docs, (d) => d.kindMask),
    at,
  );
  at += input.docs.length;
  out.set(input.postings, at);
  at += input.postings.length;
  for (const chunk of docChunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
function foldText(text2) {
  return text2
    .replace(/\\[a-zA-Z]+/g, ' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss');
}
var SPLIT = /[^\p{L}\p{N}]+/u;
var allWords = (text2) => foldText(text2).split(SPLIT).filter(Boolean);
var words = (text2) => allWords(text2).filter((w) => w.length > 1 || /\d/.test(w));
var STOP_WORDS = new Set(
  'a an and are as at be been being but by can do does for from had has have how i if in into is it its of on or our so such than that the their them then there these they this to was we were what when where which while who why will with without you your via using use used based toward towards'.split(
    ' ',
  ),
);
var isStopWord = (w) => STOP_WORDS.has(w);
function plainExcerpt(body, maxChars) {
  const plain = body
    .replace(/https?:\/\/\S+\.(?:png|jpe?g|gif|webp|svg)\b/gi, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>|~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= maxChars) return plain;
  const cut = plain.slice(0, maxChars);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), maxChars - 20))}…`;
}
function writeVarint(out, value) {
  let v = value;
  while (v >= 128) {
    out.push((v & 127) | 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
}
function buildSearchIndex(inputs, options = {}) {
  const maxBodyTerms = options.maxBodyTerms ?? Infinity;
  const excerptChars = options.excerptChars ?? 200;
  const sources = [];
  const sourceIndex = /* @__PURE__ */ new Map();
  const docs = [];
  const perDoc = [];
  const bodyDf = /* @__PURE__ */ new Map();
  for (const input of inputs) {
    let sourceMask = 0;
    let kindMask = 0;
    for (const { source } of input.summaries) {
      if (!sourceIndex.has(source.id)) {
        if (sources.length >= 31) throw new Error('A search index holds at most 31 sources.');
        sourceIndex.set(source.id, sources.length);
        sources.push({ id: source.id, name: source.name });
      }
      sourceMask |= 1 << sourceIndex.get(source.id);
      kindMask |= source.kind === 'human' ? 1 : 2;
    }
    const meaningful = (text2) => words(text2).filter((w) => !isStopWord(w));
    const title = new Set(meaningful(input.paper.title));
    const authors = new Set(
      meaningful([...input.paper.authors, ...input.summaries.map((s) => s.source.name)].join(' ')),
    );
    const body = /* @__PURE__ */ new Map();
    for (const s of input.summaries)
      for (const w of meaningful(s.body)) body.set(w, (body.get(w) ?? 0) + 1);
    for (const w of body.keys()) bodyDf.set(w, (bodyDf.get(w) ?? 0) + 1);
    perDoc.push({ title, authors, body });
    const shown =
      input.paper.authors.slice(0, 3).join(', ') +
      (input.paper.authors.length > 3 ? ' et al.' : '');
    const best = input.summaries.find((s) => s.source.kind === 'human') ?? input.summaries[0];
    docs.push({
      key: input.key,
      title: input.paper.title,
      authors: shown,
      year: input.paper.year ?? null,
      // Its URL is stored only when it changes the page a result opens
      // (`paperPageUrl`: a page the key names comes first): a tenth of the file.
      url:
        input.paper.url &&
        paperPageUrl({ keys: [input.key], url: input.paper.url }) !==
          paperPageUrl({ keys: [input.key] })
          ? input.paper.url
          : null,
      sourceMask,
      kindMask,
      excerpt: best ? plainExcerpt(best.body, excerptChars) : '',
      summaries: input.summaries.length,
    });
  }
  const postings = /* @__PURE__ */ new Map();
  const n = inputs.length;
  perDoc.forEach(({ title, authors, body }, docId) => {
    let bodyTerms = [...body.keys()];
    if (bodyTerms.length > maxBodyTerms) {
      const weight = (w) => body.get(w) * Math.log(1 + n / bodyDf.get(w));
      bodyTerms = bodyTerms
        .sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1))
        .slice(0, maxBodyTerms);
    }
    const masks = /* @__PURE__ */ new Map();
    for (const w of title) masks.set(w, (masks.get(w) ?? 0) | FIELD_TITLE);
    for (const w of authors) masks.set(w, (masks.get(w) ?? 0) | FIELD_AUTHORS);
    for (const w of bodyTerms) masks.set(w, (masks.get(w) ?? 0) | FIELD_BODY);
    for (const [w, mask] of masks) {
      let list = postings.get(w);
      if (!list) postings.set(w, (list = []));
      list.push(docId, mask);
    }
  });
  const terms = [...postings.keys()].sort();
  const df = new Uint32Array(terms.length);
  const offsets = new Uint32Array(terms.length + 1);
  const bytes = [];
  terms.forEach((term, t) => {
    offsets[t] = bytes.length;
    const list = postings.get(term);
    df[t] = list.length / 2;
    let previous = 0;
    for (let i = 0; i < list.length; i += 2) {
      writeVarint(bytes, (list[i] - previous) * 8 + list[i + 1]);
      previous = list[i];
    }
  });
  offsets[terms.length] = bytes.length;
  return encodeSearchData({ terms, df, offsets, postings: Uint8Array.from(bytes), docs, sources });
}
var PUBLISH_LICENCES = [
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
var licenceUrl = (name) => PUBLISH_LICENCES.find((l) => l.name === name)?.url;
var ESCAPES = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
var escapeHtml = (text2) => text2.replace(/[&<>"']/g, (c) => ESCAPES[c]);
var STYLE = [
  ':root{color-scheme:light dark}',
  'body{font:16px/1.55 system-ui,sans-serif;max-width:40rem;margin:2.5rem auto;padding:0 1.25rem}',
  'h1{font-size:1.6rem;margin:0 0 .25rem}',
  'dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}',
  'dt{font-weight:600}dd{margin:0}',
  'code{font-size:.95em}',
  '.hint{opacity:.75;font-size:.9rem}',
].join('');
function renderIndexPage(manifest) {
  const name = escapeHtml(manifest.name);
  const url2 = manifest.licence ? licenceUrl(manifest.licence) : void 0;
  const licence = manifest.licence
    ? url2
      ? `<a href="${url2}" rel="license">${escapeHtml(manifest.licence)}</a>`
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
var isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
var META_ENTRIES = 300;
var META_NAME_CHARS = 100;
var META_VALUE_CHARS = 2e3;
var META_SCRIPTS = 4;
var META_SCRIPT_CHARS = 1e5;
var LISTING_ENTRIES = 1e4;
var SCHEMA_LIMITS = {
  /** Room for the own-summary id of any key: `you:` and a key of MAX_KEY_CHARS. */
  idChars: 1100,
  /** Keys per summary kept; more are dropped (a paper has a handful). */
  keys: 30,
  titleChars: 1e3,
  /** Authors per paper kept; the rest of a longer list is dropped. */
  authors: 200,
  authorChars: 300,
  bodyChars: 2e5,
  labelChars: 200,
  licenceChars: 200,
  sourceNameChars: 200,
  sourceIdChars: 200,
  venueChars: 300,
  dateChars: 40,
  minVotes: -1e6,
  maxVotes: 1e6,
  minYear: 1e3,
  maxYear: 2100,
  /** A link from outside (`safeHttpUrl`). */
  urlChars: MAX_URL_CHARS,
  /** One paper key (`isCanonicalKey`). */
  keyChars: MAX_KEY_CHARS,
  // What a page says of itself and its paper (its messages; detection keeps to the same).
  /** The address of the page a paper is on (query strings can be long). */
  pageUrlChars: 4096,
  /** Keys of the paper a page is on: detection keeps the first ones, a message with more is refused. */
  pageKeys: 20,
  metaEntries: META_ENTRIES,
  metaNameChars: META_NAME_CHARS,
  metaValueChars: META_VALUE_CHARS,
  metaScripts: META_SCRIPTS,
  metaScriptChars: META_SCRIPT_CHARS,
  /** DOIs read from one page's metadata: a page may repeat the field hundreds of times. */
  metaDois: 10,
  listingEntries: LISTING_ENTRIES,
  /** One listing link, absolute. */
  listingLinkChars: MAX_URL_CHARS,
  /** A view's name (which frame of a tab speaks). */
  viewNameChars: 64,
  /** A PaperRef's version (`v3`). */
  versionDigits: 3,
  // A library item's own fields (imports, sync, messages from the views).
  /** Tags per item kept, each cut to tagChars. */
  tags: 50,
  tagChars: 64,
  /** Your note on an item and a draft: as long as a summary. */
  noteChars: 2e5,
  /**
   * A draft as an editor last saw it (sent back with a save): your words and
   * another device's, joined when sync brought those in, so twice a summary.
   */
  draftBaseChars: 4e5,
  /** Earlier versions of your own summary kept with it. */
  otherVersions: 64,
  versionIdChars: 100,
  /** Summary ids one library request names (the cards of one paper). */
  summaryIdsPerRequest: 500,
};
var L = SCHEMA_LIMITS;
var Refused = class extends Error {};
var own = (record, key) => (Object.hasOwn(record, key) ? record[key] : void 0);
var absent = (value) => value === void 0 || value === null;
var BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
function cutText(text2, max) {
  if (text2.length <= max) return text2;
  const kept = text2.slice(0, max - 1);
  return `${/[\ud800-\udbff]$/.test(kept) ? kept.slice(0, -1) : kept}…`;
}
function text(value, field, max, mode = 'strict') {
  if (typeof value !== 'string') throw new Refused(`${field} is not text`);
  const clean = value.replace(BIDI_CONTROLS, '');
  if (mode === 'cut') return cutText(clean, max);
  if (value.length > max)
    throw new Refused(`${field} is longer than ${max.toLocaleString('en')} characters`);
  return clean;
}
function requiredText(value, field, max, mode) {
  if (absent(value)) throw new Refused(`${field} is missing`);
  const kept = text(value, field, max, mode);
  if (!kept.trim()) throw new Refused(`${field} is empty`);
  return kept;
}
function optionalText(value, field, max, mode) {
  if (absent(value)) return void 0;
  const kept = text(value, field, max, mode);
  return kept.trim() ? kept : void 0;
}
function identifier(value, field, max) {
  if (absent(value)) throw new Refused(`${field} is missing`);
  if (typeof value !== 'string') throw new Refused(`${field} is not text`);
  if (!value.trim()) throw new Refused(`${field} is empty`);
  if (value.length > max)
    throw new Refused(`${field} is longer than ${max.toLocaleString('en')} characters`);
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 32 || (code >= 127 && code < 160))
      throw new Refused(`${field} holds control characters`);
  }
  return value;
}
function url(value) {
  return typeof value === 'string' && safeHttpUrl(value) ? value.trim() : null;
}
var ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
function date(value) {
  if (absent(value)) return null;
  if (typeof value !== 'string') throw new Refused('date is not text');
  if (value.length > L.dateChars)
    throw new Refused(`date is longer than ${L.dateChars} characters`);
  const text2 = value.trim();
  return ISO_DATE.test(text2) && !Number.isNaN(Date.parse(text2)) ? text2 : null;
}
function wholeNumber(value, field, min, max) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new Refused(`${field} is not a whole number from ${min} to ${max}`);
  return value;
}
function read(build) {
  try {
    return { ok: true, value: build() };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.message };
    throw error;
  }
}
function sourceOf(value) {
  if (!isObject(value))
    throw new Refused(absent(value) ? 'source is missing' : 'source is not an object');
  const kind = own(value, 'kind');
  if (kind !== 'human' && kind !== 'machine')
    throw new Refused('source.kind is neither "human" nor "machine"');
  return {
    id: identifier(own(value, 'id'), 'source.id', L.sourceIdChars),
    name: requiredText(own(value, 'name'), 'source.name', L.sourceNameChars),
    url: url(own(value, 'url')) ?? '',
    licence: optionalText(own(value, 'licence'), 'source.licence', L.licenceChars) ?? 'unknown',
    kind,
  };
}
function paperOf(value, mode = 'strict') {
  if (!isObject(value))
    throw new Refused(absent(value) ? 'paper is missing' : 'paper is not an object');
  const rawAuthors = own(value, 'authors');
  if (!absent(rawAuthors) && !Array.isArray(rawAuthors))
    throw new Refused('paper.authors is not a list');
  const authors = [];
  for (const [i, author] of (rawAuthors ?? []).slice(0, L.authors).entries()) {
    const name = text(author, `paper.authors[${i}]`, L.authorChars, mode);
    if (name.trim()) authors.push(name);
  }
  const year = own(value, 'year');
  const venue = optionalText(own(value, 'venue'), 'paper.venue', L.venueChars, mode);
  const link = url(own(value, 'url'));
  return {
    title: requiredText(own(value, 'title'), 'paper.title', L.titleChars, mode),
    authors,
    ...(absent(year) ? {} : { year: wholeNumber(year, 'paper.year', L.minYear, L.maxYear) }),
    ...(venue ? { venue } : {}),
    ...(link ? { url: link } : {}),
  };
}
function keysOf(value) {
  if (!Array.isArray(value)) throw new Refused('paperKeys is not a list');
  const keys = [...new Set(value.slice(0, 4 * L.keys).filter(isCanonicalKey))].slice(0, L.keys);
  if (!keys.length) throw new Refused('paperKeys holds no valid paper key');
  return keys;
}
function summaryOf(value, paper, paperKeys2) {
  if (!isObject(value)) throw new Refused('the summary is not an object');
  const id = identifier(own(value, 'id'), 'id', L.idChars);
  const rawBody = own(value, 'body');
  if (typeof rawBody !== 'string')
    throw new Refused(absent(rawBody) ? 'body is missing' : 'body is not text');
  if (rawBody.length > L.bodyChars)
    throw new Refused(`body is longer than ${L.bodyChars.toLocaleString('en')} characters`);
  if (!rawBody.trim()) throw new Refused('body is empty');
  const format = own(value, 'format');
  if (!absent(format) && format !== 'markdown' && format !== 'text')
    throw new Refused('format is neither "markdown" nor "text"');
  const label = optionalText(own(value, 'label'), 'label', L.labelChars);
  const author = own(value, 'author');
  const votes = own(value, 'votes');
  return {
    id,
    paperKeys: paperKeys2(),
    paper: paper(),
    body: rawBody,
    format: format === 'text' ? 'text' : 'markdown',
    ...(label ? { label } : {}),
    author: optionalText(author, 'author', L.authorChars) ?? null,
    date: date(own(value, 'date')),
    votes: absent(votes) ? null : wholeNumber(votes, 'votes', L.minVotes, L.maxVotes),
    link: url(own(value, 'link')),
    source: sourceOf(own(value, 'source')),
  };
}
function readSummary(value, mode = 'strict') {
  const r = read(() => {
    if (!isObject(value)) throw new Refused('the summary is not an object');
    return summaryOf(
      value,
      () => paperOf(own(value, 'paper'), mode),
      () => keysOf(own(value, 'paperKeys')),
    );
  });
  return r.ok ? { ok: true, summary: r.value } : r;
}
var MAX_PUBLISHER_CHARS = 200;
var MAX_LICENCE_CHARS = 200;
var MAX_MANIFEST_BYTES = 2 * 1024 * 1024;
var MAX_SHARD_BYTES = 4 * 1024 * 1024;
var MAX_SEARCH_BYTES = 64 * 1024 * 1024;
var MAX_INDEX_BYTES = 200 * 1024 * 1024;
function checkWords(options) {
  for (const [field, value, max] of [
    ['publisher', options.publisher, MAX_PUBLISHER_CHARS],
    ['licence', options.licence, MAX_LICENCE_CHARS],
  ]) {
    if (value !== void 0 && (!value.trim() || value.length > max)) {
      throw new Error(`The index's ${field} must be 1 to ${max} characters.`);
    }
  }
}
function groupPapers(records) {
  const primaryOf = /* @__PURE__ */ new Map();
  const papers = /* @__PURE__ */ new Map();
  for (const record of records) {
    const keys = record.keys.length
      ? record.keys
      : [titleKey(record.paper.title) ?? `title:${normalizeTitle(record.paper.title)}`];
    const existing = keys.map((k) => primaryOf.get(k)).find((k) => k !== void 0);
    const primary = existing ?? keys[0];
    let entry = papers.get(primary);
    if (!entry) {
      entry = { keys: [], paper: record.paper, summaries: [] };
      papers.set(primary, entry);
    }
    for (const key of keys) {
      if (!entry.keys.includes(key)) entry.keys.push(key);
      primaryOf.set(key, primary);
    }
    const n = entry.summaries.filter((s) => s.source.id === record.summary.source.id).length;
    entry.summaries.push({
      ...record.summary,
      id: record.summary.id ?? `${record.summary.source.id}:${primary}:${n}`,
    });
  }
  return papers;
}
function choosePrefixLength(totalBytes, target) {
  let length = 0;
  while (length < 4 && totalBytes / 16 ** length > target) length++;
  return length;
}
async function buildIndex(records, options) {
  checkWords(options);
  const papers = groupPapers(records);
  const entries = /* @__PURE__ */ new Map();
  const addSee = (key, primary) => {
    const node = entries.get(key) ?? {};
    node.see = [.../* @__PURE__ */ new Set([...(node.see ?? []), primary])].sort();
    entries.set(key, node);
  };
  let summaryCount = 0;
  for (const [primary, entry] of papers) {
    summaryCount += entry.summaries.length;
    entries.set(primary, { ...entries.get(primary), entry });
    for (const key of entry.keys) if (key !== primary) addSee(key, primary);
    const byTitle = titleKey(entry.paper.title);
    if (byTitle && byTitle !== primary) addSee(byTitle, primary);
  }
  const totalBytes = [...papers.values()].reduce((n, e) => n + JSON.stringify(e).length, 0);
  const prefixLength =
    options.shardPrefixLength ??
    choosePrefixLength(totalBytes, options.targetShardBytes ?? 64 * 1024);
  const shards = /* @__PURE__ */ new Map();
  for (const key of [...entries.keys()].sort()) {
    const id = shardIdFor(key, prefixLength);
    const shard = shards.get(id) ?? { format: INDEX_FORMAT_VERSION, entries: {} };
    const { entry, see } = entries.get(key);
    shard.entries[key] = { ...(entry ? { entry } : {}), ...(see ? { see } : {}) };
    shards.set(id, shard);
  }
  const files = /* @__PURE__ */ new Map();
  const manifest = {
    format: INDEX_FORMAT_VERSION,
    name: options.name,
    ...(options.publisher !== void 0 ? { publisher: options.publisher } : {}),
    ...(options.licence !== void 0 ? { licence: options.licence } : {}),
    built: options.built,
    counts: { papers: papers.size, summaries: summaryCount, keys: entries.size },
    shardPrefixLength: prefixLength,
    shards: {},
  };
  for (const id of [...shards.keys()].sort()) {
    const shard = shards.get(id);
    const text2 = JSON.stringify(shard);
    const file = shardFileName(id);
    files.set(file, text2);
    manifest.shards[id] = {
      file,
      sha256: await sha256Hex(text2),
      bytes: new TextEncoder().encode(text2).length,
      entries: Object.keys(shard.entries).length,
    };
  }
  if (options.search !== false) {
    const search = buildSearchIndex(
      [...papers].map(([key, entry]) => ({ key, paper: entry.paper, summaries: entry.summaries })),
      options.search,
    );
    files.set('search.bin', search);
    manifest.search = { file: 'search.bin', sha256: await sha256Hex(search), bytes: search.length };
  }
  files.set('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  if (options.page !== false) files.set('index.html', renderIndexPage(manifest));
  return { manifest, files };
}
var SHORTSCIENCE_ORIGIN = 'https://www.shortscience.org';
var SHORTSCIENCE_FEED_URL = `${SHORTSCIENCE_ORIGIN}/rss-full.xml`;
var SHORTSCIENCE_ORIGINS = [`${SHORTSCIENCE_ORIGIN}/*`];
var PAPER_PAGE = `${SHORTSCIENCE_ORIGIN}/paper?`;
var OLD = /^([A-Z])(\d{2})-(\d{4})$/;
var NEW = /^(\d{4})\.([a-z0-9]+(?:-[a-z0-9]+)*)\.(\d+)$/i;
function aclKeyFromId(raw) {
  const id = raw
    .trim()
    .replace(/\/+$/, '')
    .replace(/\.pdf$/i, '');
  const old = OLD.exec(id.toUpperCase());
  if (old) return `acl:${id.toUpperCase()}`;
  if (NEW.test(id)) return `acl:${id.toLowerCase()}`;
  return null;
}
var NEW_ID = /^(\d{2})(\d{2})\.(\d{4,5})(v\d+)?$/;
var OLD_ID = /^([a-z]+(?:-[a-z]+)?)(?:\.[A-Za-z]{2})?\/(\d{2})(\d{2})(\d{3})(v\d+)?$/;
function validMonth(mm) {
  const m = Number(mm);
  return m >= 1 && m <= 12;
}
function parseArxivId(raw) {
  const text2 = raw.trim().replace(/^arxiv:/i, '');
  const modern = NEW_ID.exec(text2);
  if (modern) {
    const [, yy, mm, num, version] = modern;
    if (!validMonth(mm)) return null;
    const fiveDigits = Number(yy) >= 15;
    if ((num.length === 5) !== fiveDigits) return null;
    if (Number(yy) < 7 || (Number(yy) === 7 && Number(mm) < 4)) return null;
    return { id: `${yy}${mm}.${num}`, ...(version ? { version } : {}) };
  }
  const old = OLD_ID.exec(text2);
  if (old) {
    const [, archive, yy, mm, num, version] = old;
    if (!validMonth(mm)) return null;
    const year = Number(yy);
    if (year > 7 && year < 91) return null;
    return { id: `${archive}/${yy}${mm}${num}`, ...(version ? { version } : {}) };
  }
  return null;
}
var arxivKey = (id) => `arxiv:${id}`;
var DOI = /\b(10\.\d{4,9}\/[^\s"'<>]+)/;
function parseDoi(raw) {
  let text2 = raw.trim();
  try {
    text2 = decodeURIComponent(text2);
  } catch {}
  const m = DOI.exec(text2);
  if (!m?.[1]) return null;
  let end = m[1].length;
  while (end > 0 && '.,;)]'.includes(m[1][end - 1])) end--;
  const doi = m[1].slice(0, end).toLowerCase();
  return isCanonicalKey(`doi:${doi}`) ? doi : null;
}
function keysForDoi(doi) {
  const arxiv = /^10\.48550\/arxiv\.(.+)$/.exec(doi);
  if (arxiv?.[1]) {
    const parsed = parseArxivId(arxiv[1]);
    if (parsed) return [arxivKey(parsed.id)];
  }
  const keys = [`doi:${doi}`];
  const acl = /^10\.18653\/v1\/(.+)$/.exec(doi);
  const aclKey = acl?.[1] ? aclKeyFromId(acl[1]) : null;
  if (aclKey) keys.unshift(aclKey);
  return keys;
}
var openreviewKey = (forum) => `openreview:${forum}`;
var KNOWN_SOURCES = {
  shortscience: {
    id: 'shortscience',
    name: 'ShortScience.org',
    url: SHORTSCIENCE_ORIGIN,
    licence: '© its author',
    kind: 'human',
  },
};
var InputError = class extends Error {
  name = 'InputError';
};
var optString = (v) => (typeof v === 'string' && v.trim() ? v.trim() : void 0);
function parseSource(raw) {
  if (typeof raw === 'string') {
    const known = KNOWN_SOURCES[raw];
    if (!known) throw new InputError(`unknown source "${raw}"; give a source object instead`);
    return known;
  }
  if (!isObject(raw)) throw new InputError('summary.source is missing');
  const { id, name, url: url2, licence, kind } = raw;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof url2 !== 'string') {
    throw new InputError('summary.source needs id, name and url');
  }
  if (kind !== 'human' && kind !== 'machine') {
    throw new InputError('summary.source.kind must be "human" or "machine"');
  }
  return { id, name, url: url2, licence: typeof licence === 'string' ? licence : 'unknown', kind };
}
var FIELD_KINDS = /* @__PURE__ */ new Set(['arxiv', 'openreview', 'acl', 'doi', 'title']);
var SITE_KEY = /^([a-z][a-z0-9-]*):\S+$/;
function siteKeys(raw) {
  if (!Array.isArray(raw)) throw new InputError('paper.keys must be a list of keys');
  return raw.map((key) => {
    const kind = typeof key === 'string' ? SITE_KEY.exec(key)?.[1] : void 0;
    if (!kind)
      throw new InputError(`paper.keys: "${String(key)}" is not a key like "pmlr:v97/x19a"`);
    if (FIELD_KINDS.has(kind)) {
      throw new InputError(`paper.keys: give "${String(key)}" in its own field (arxivId, doi…)`);
    }
    if (!KEY_KINDS.includes(kind)) {
      throw new InputError(
        `paper.keys: "${kind}" is not a kind of key Sidenotes knows (${KEY_KINDS.filter((k) => !FIELD_KINDS.has(k)).join(', ')})`,
      );
    }
    if (!isCanonicalKey(key))
      throw new InputError(`paper.keys: "${String(key)}" is not a valid ${kind} key`);
    return key;
  });
}
function paperKeys(paper) {
  const keys = [];
  const arxiv = optString(paper.arxivId);
  if (arxiv) {
    const parsed = parseArxivId(arxiv);
    if (!parsed) throw new InputError(`paper.arxivId "${arxiv}" is not an arXiv id`);
    keys.push(arxivKey(parsed.id));
  }
  const openreview = optString(paper.openreviewId);
  if (openreview) {
    const key = openreviewKey(openreview);
    if (!isCanonicalKey(key))
      throw new InputError(`paper.openreviewId "${openreview}" is not an OpenReview forum id`);
    keys.push(key);
  }
  const acl = optString(paper.aclId);
  if (acl) {
    const key = aclKeyFromId(acl);
    if (!key) throw new InputError(`paper.aclId "${acl}" is not an ACL Anthology id`);
    keys.push(key);
  }
  const doiRaw = optString(paper.doi);
  if (doiRaw) {
    const doi = parseDoi(doiRaw);
    if (!doi) throw new InputError(`paper.doi "${doiRaw}" is not a DOI`);
    keys.push(...keysForDoi(doi));
  }
  if (paper.keys !== void 0) keys.push(...siteKeys(paper.keys));
  return orderKeys(keys);
}
function parseInputLine(line) {
  let value;
  try {
    value = JSON.parse(line);
  } catch {
    throw new InputError('not valid JSON');
  }
  if (!isObject(value) || !isObject(value.paper) || !isObject(value.summary)) {
    throw new InputError('expected an object with "paper" and "summary"');
  }
  const { paper, summary } = value;
  const title = optString(paper.title);
  if (!title) throw new InputError('paper.title is missing');
  const keys = paperKeys(paper);
  const body = typeof summary.body === 'string' ? summary.body.trim() : '';
  if (!body) throw new InputError('summary.body is empty');
  const authors = Array.isArray(paper.authors)
    ? paper.authors.filter((a) => typeof a === 'string')
    : [];
  const year = typeof paper.year === 'number' ? paper.year : void 0;
  const venue = optString(paper.venue);
  const url2 = optString(paper.url);
  const label = optString(summary.label);
  const id = optString(summary.id);
  const record = {
    keys,
    paper: {
      title,
      authors,
      ...(year ? { year } : {}),
      ...(venue ? { venue } : {}),
      ...(url2 ? { url: url2 } : {}),
    },
    summary: {
      ...(id ? { id } : {}),
      body,
      format: summary.format === 'text' ? 'text' : 'markdown',
      ...(label ? { label } : {}),
      author: optString(summary.author) ?? null,
      date: optString(summary.date) ?? null,
      votes: typeof summary.votes === 'number' ? summary.votes : null,
      link: optString(summary.link) ?? optString(summary.sourceUrl) ?? null,
      source: parseSource(summary.source),
    },
  };
  const checked = readSummary({
    ...record.summary,
    id: id ?? 'input',
    paperKeys: keys.length ? keys : [titleKey(title) ?? `title:${normalizeTitle(title)}`],
    paper: record.paper,
  });
  if (!checked.ok) throw new InputError(checked.reason);
  return record;
}
var BUNDLED_INPUT = 'data/bundled';
var BUNDLED_OUTPUT = 'public/index';
var BUNDLED_BUILT = '2026-11-26';
var BUNDLED_OPTIONS = {
  name: 'Sidenotes bundled index',
  built: BUNDLED_BUILT,
  page: false,
};
var USAGE =
  'usage: build-index [--name <text>] [--publisher <text>] [--licence <text>] [--built <YYYY-MM-DD>] <input.jsonl> [more.jsonl…] <out-dir>\n(in Sidenotes itself: npm run build:index -- <the same arguments>)';
function readInputs(files) {
  const records = [];
  const problems = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        try {
          records.push(parseInputLine(line));
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          problems.push(`${file}:${i + 1}: ${error.message}`);
        }
      });
  }
  if (problems.length) {
    throw new Error(
      `${problems.length} input line(s) are invalid:
${problems.slice(0, 20).join('\n')}`,
    );
  }
  return records;
}
var bundledInputs = () =>
  readdirSync(BUNDLED_INPUT)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(BUNDLED_INPUT, f));
var UsageError = class extends Error {
  name = 'UsageError';
};
function parseArgs(args, today) {
  if (args.length === 0) {
    if (!existsSync(BUNDLED_INPUT)) throw new UsageError(USAGE);
    return { inputs: bundledInputs(), outDir: BUNDLED_OUTPUT, options: { ...BUNDLED_OPTIONS } };
  }
  const options = { name: 'Sidenotes index', built: today };
  const paths = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      paths.push(arg);
      continue;
    }
    const value = args[++i];
    if (value === void 0)
      throw new UsageError(`${arg} needs a value
${USAGE}`);
    if (arg === '--name') options.name = value;
    else if (arg === '--publisher') options.publisher = value;
    else if (arg === '--licence' || arg === '--license') options.licence = value;
    else if (arg === '--built') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
        throw new UsageError(`--built takes a date as YYYY-MM-DD, not "${value}"`);
      }
      options.built = value;
    } else
      throw new UsageError(`unknown option ${arg}
${USAGE}`);
  }
  if (paths.length < 2) throw new UsageError(USAGE);
  if (!options.name.trim()) throw new UsageError('--name must not be empty');
  return { inputs: paths.slice(0, -1), outDir: paths.at(-1), options };
}
async function buildIndexFolder(command) {
  const built = await buildIndex(readInputs(command.inputs), command.options);
  const outDir = resolve(command.outDir);
  rmSync(join(outDir, 'shards'), { recursive: true, force: true });
  for (const [path, content] of built.files) {
    mkdirSync(dirname(join(outDir, path)), { recursive: true });
    writeFileSync(join(outDir, path), content);
  }
  return built;
}
async function main(args) {
  const started = performance.now();
  const command = parseArgs(args, /* @__PURE__ */ new Date().toISOString().slice(0, 10));
  const { manifest, files } = await buildIndexFolder(command);
  const bytes = [...files.values()].reduce(
    (n, t) => n + (typeof t === 'string' ? Buffer.byteLength(t) : t.length),
    0,
  );
  console.log(
    `${resolve(command.outDir)}: ${manifest.counts.papers} papers, ${manifest.counts.summaries} summaries, ${Object.keys(manifest.shards).length} shards, ${(bytes / 1024 / 1024).toFixed(1)} MB in ${(performance.now() - started).toFixed(0)} ms`,
  );
}
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}
export {
  BUNDLED_BUILT,
  BUNDLED_INPUT,
  BUNDLED_OPTIONS,
  BUNDLED_OUTPUT,
  USAGE,
  UsageError,
  buildIndexFolder,
  bundledInputs,
  parseArgs,
  readInputs,
};
