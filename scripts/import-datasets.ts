/**
 * Copies the data the extension ships from ../shared/data into data/bundled,
 * as builder input (JSONL of {paper, summary}) with each dataset's licence.
 * Run once when a dataset changes: `npx tsx scripts/import-datasets.ts [shared-data-dir]`,
 * then `npm run build:index`. The LongSumm conversion is exported for its tests.
 */
import { detectFromUrl } from '../utils/detect';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { aclKeyFromId } from '../utils/detect/acl';
import { matchArxivUrl, parseArxivId } from '../utils/detect/arxiv';
import { keysForDoi, parseDoi } from '../utils/detect/doi';
import { matchOpenReviewUrl } from '../utils/detect/openreview';
import { normalizeTitle, titleKey } from '../utils/detect/title';
import { MATH_PLACEHOLDER, protectMath } from '../utils/render/math';
import type { SummarySource } from '../utils/core/summary';
import { CORPUS_FILE, readCorpus } from './corpus';

const lines = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** What other datasets know of a paper, to title LongSumm's papers (which come without titles). */
interface KnownPaper {
  title: string;
  authors?: string[];
  year?: number;
}

// ---------------------------------------------------------------------------
// LongSumm: 531 blog summaries, one JSON each, with a sentence array, the
// author, the blog and the paper's PDF URL, but no paper title.

export interface LongSummJson {
  id: number | string;
  blog_id: string;
  summary: string[];
  author_id: string;
  pdf_url: string;
  author_full_name: string;
  source_website: string;
}

export type LongSummLicence = 'CC BY-NC-SA 4.0' | 'CDLA-Sharing-1.0';

/**
 * LongSumm's licence (its README, "License"): ShortScience.org summaries are
 * CC BY-NC-SA 4.0, every other abstractive summary CDLA-Sharing-1.0. The
 * origin is the summary's `source_website` (a ShortScience profile or a blog).
 */
export function longsummLicence(sourceWebsite: string): LongSummLicence {
  const host = new URL(sourceWebsite).hostname;
  return host === 'shortscience.org' || host.endsWith('.shortscience.org')
    ? 'CC BY-NC-SA 4.0'
    : 'CDLA-Sharing-1.0';
}

interface Blog {
  id: string;
  name: string;
  url: string;
  /** ShortScience summaries are Markdown with LaTeX; the blogs' text was scraped from web pages. */
  markdown: boolean;
}

/** The blogs LongSumm credits (README, "Credits"), by the host and path of `source_website`. */
const BLOGS: ReadonlyArray<{ site: RegExp; blog: Blog }> = [
  {
    site: /^(www\.)?shortscience\.org\/user$/,
    blog: {
      id: 'longsumm-shortscience',
      name: 'ShortScience.org',
      url: 'https://www.shortscience.org',
      markdown: true,
    },
  },
  {
    site: /^blog\.acolyer\.org\//,
    blog: {
      id: 'longsumm-morning-paper',
      name: 'The Morning Paper',
      url: 'https://blog.acolyer.org',
      markdown: false,
    },
  },
  {
    site: /^github\.com\/shagunsodhani\/papers-I-read$/,
    blog: {
      id: 'longsumm-papers-i-read',
      name: 'papers-I-read',
      url: 'https://github.com/shagunsodhani/papers-I-read',
      markdown: false,
    },
  },
  {
    site: /^github\.com\/aleju\/papers$/,
    blog: {
      id: 'longsumm-aleju-papers',
      name: 'aleju/papers',
      url: 'https://github.com/aleju/papers',
      markdown: false,
    },
  },
  {
    site: /^pemami4911\.github\.io\//,
    blog: {
      id: 'longsumm-pemami',
      name: 'pemami4911.github.io',
      url: 'https://pemami4911.github.io',
      markdown: false,
    },
  },
  {
    site: /^github\.com\/dair-ai\/nlp_paper_summaries$/,
    blog: {
      id: 'longsumm-dair-ai',
      name: 'DAIR.AI NLP paper summaries',
      url: 'https://github.com/dair-ai/nlp_paper_summaries',
      markdown: false,
    },
  },
];

/** The summary's source: its blog, with the licence of its origin. Throws on a blog LongSumm does not credit. */
export function longsummSource(sourceWebsite: string): SummarySource & { markdown: boolean } {
  const url = new URL(sourceWebsite);
  const site = `${url.hostname}${url.pathname}`.replace(/\/$/, '');
  const found = BLOGS.find((b) => b.site.test(site) || b.site.test(`${site}/`));
  if (!found) throw new Error(`LongSumm: unknown source_website ${sourceWebsite}`);
  const { id, name, url: home, markdown } = found.blog;
  return { id, name, url: home, licence: longsummLicence(sourceWebsite), kind: 'human', markdown };
}

/** A link as https, or null when it is not a web link. The blogs all serve https. */
export function httpsLink(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol === 'http:') url.protocol = 'https:';
  return url.protocol === 'https:' ? url.href : null;
}

// --- Paper identity from the PDF URL -----------------------------------------

export type PaperKeyKind =
  'arxiv' | 'doi' | 'acl' | 'openreview' | 'pmlr' | 'neurips' | 'nips' | 'cvf' | 'jmlr' | 's2';

export interface PaperFromUrl {
  /** Builder input fields (`arxivId`, `doi`…, `keys` for sites without a field). */
  ids: { arxivId?: string; doi?: string; aclId?: string; openreviewId?: string; keys?: string[] };
  /** Canonical keys, as the paper's own page gives them. */
  keys: string[];
  kind: PaperKeyKind | null;
  /** The paper's page (arXiv abstract, doi.org…), or the URL as given. */
  url: string;
  /** Title words from the URL (NeurIPS puts the title in it). */
  slugTitle?: string;
}

/** arXiv's own hosts, and the Cornell server name some old links use for it. */
const ARXIV_ALIASES = new Set(['lib-arxiv-008.serverfarm.cornell.edu']);
/** Publishers whose URLs carry the DOI: `/doi/[pdf|abs|full/]<doi>`, Frontiers' `/articles/<doi>/`. */
const DOI_PATHS: Record<string, RegExp> = {
  'doi.org': /^\/(10\..+)$/,
  'dx.doi.org': /^\/(10\..+)$/,
  'dl.acm.org': /^\/doi\/(?:(?:abs|pdf|full|fullHtml|epdf)\/)*(10\..+?)(?:\.pdf)?$/,
  'www.mitpressjournals.org': /^\/doi\/(?:(?:abs|pdf|full)\/)?(10\..+)$/,
  'www.frontiersin.org': /^\/articles\/(10\.\d{4,9}\/[^/]+)/,
};
const ACL_HOSTS = new Set([
  'aclanthology.org',
  'www.aclanthology.org',
  'aclweb.org',
  'www.aclweb.org',
]);

const slugWords = (slug: string) => slug.replace(/[-_]+/g, ' ').trim();

/**
 * The keys a paper's PDF URL names: arXiv (abs or pdf, old or new style,
 * version dropped), DOI (doi.org and publishers' /doi/ paths), ACL Anthology,
 * OpenReview, and the venue sites the extension detects (NeurIPS
 * `neurips:2020/<hash>` and `nips:5865`, PMLR `pmlr:v97/kahng19a`, CVF, JMLR).
 */
export function paperFromUrl(raw: string): PaperFromUrl {
  const none = (url: string): PaperFromUrl => ({ ids: {}, keys: [], kind: null, url });
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return none(raw);
  }
  if (ARXIV_ALIASES.has(url.hostname)) url.hostname = 'arxiv.org';
  const arxiv = matchArxivUrl(url);
  const arxivKey = arxiv?.keys[0];
  if (arxivKey) {
    const id = arxivKey.slice('arxiv:'.length);
    return {
      ids: { arxivId: id },
      keys: [arxivKey],
      kind: 'arxiv',
      url: `https://arxiv.org/abs/${id}`,
    };
  }
  const doiPath = DOI_PATHS[url.hostname]?.exec(url.pathname)?.[1];
  const doi = doiPath ? parseDoi(doiPath) : null;
  if (doi) {
    return { ids: { doi }, keys: keysForDoi(doi), kind: 'doi', url: `https://doi.org/${doi}` };
  }
  if (ACL_HOSTS.has(url.hostname)) {
    const last = url.pathname.split('/').filter(Boolean).at(-1) ?? '';
    const key = aclKeyFromId(last);
    if (key) {
      const aclId = key.slice('acl:'.length);
      return {
        ids: { aclId },
        keys: [key],
        kind: 'acl',
        url: `https://aclanthology.org/${aclId}/`,
      };
    }
  }
  const openreview = matchOpenReviewUrl(url)?.keys[0];
  if (openreview) {
    const id = openreview.slice('openreview:'.length);
    return {
      ids: { openreviewId: id },
      keys: [openreview],
      kind: 'openreview',
      url: `https://openreview.net/forum?id=${id}`,
    };
  }
  // Venue sites (NeurIPS, PMLR, CVF, JMLR, Semantic Scholar): the extension's own detectors,
  // so the keys are those a reader's page yields.
  const venue = detectFromUrl(url)?.keys[0];
  if (venue) {
    const kind = venue.slice(0, venue.indexOf(':')) as PaperKeyKind;
    const oldNips = /^\/paper\/\d+-([a-z0-9-]+?)(?:\.pdf)?\/?$/.exec(url.pathname)?.[1];
    return {
      ids: { keys: [venue] },
      keys: [venue],
      kind,
      // PMLR's abstract page; elsewhere the address as given (a PDF is still the paper).
      url:
        kind === 'pmlr'
          ? `https://proceedings.mlr.press/${venue.slice('pmlr:'.length)}.html`
          : `https://${url.host}${url.pathname}`,
      ...(kind === 'nips' && oldNips ? { slugTitle: slugWords(oldNips) } : {}),
    };
  }
  return none(raw.trim());
}

// --- Body: sentences → Markdown paragraphs ------------------------------------

/** Where LongSumm removed a link (`[url]`, `[ref]`), while the text around it is tidied (a private-use character). */
const GONE = '\uE000';
const POINTER_ONLY =
  /^(?:see(?: also)?(?: my notes?)?|e\.g\.?|i\.e\.?|cf\.?|available|here|link|code|ref|source|though)?$/i;
/** A lead-in that announces something to look at, which went with the link. */
const SHOWS =
  /\b(?:below|following|video|slides?|figures?|diagram|image|demo|example|discussion|implementation|code)\b/i;
/** A lead-in's last words that point at the removed link ("available at", "see also:", "here:"). */
const DANGLING =
  /(?:[\s:,;(–—-]|\b(?:at|here|see|also|via|from|as in|such as|e\.g\.|i\.e\.|cf\.)(?![\p{L}\p{N}]))+$/iu;

const wordCount = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
const endsSentence = (text: string) => /[.!?…)\]"”’]$/.test(text.trim());
const squash = (text: string) => text.replaceAll(GONE, ' ').replace(/\s+/g, ' ').trim();

/** "(see my note: [ref])" → "", "(e.g. see our work on NADE [ref])" → " (e.g. see our work on NADE)". */
function tidyParenthetical(inner: string, closed: boolean): string {
  const text = squash(inner).replace(DANGLING, '').trim();
  // Nothing left but a pointer: the parenthetical goes; cut off at the end, the sentence ends there.
  if (POINTER_ONLY.test(text)) return closed ? '' : GONE;
  let kept = text;
  // An opening quote whose closing one went with the link: "(See ‘Title[url]" → "(See ‘Title’)".
  if (kept.lastIndexOf('‘') > kept.lastIndexOf('’')) kept += '’';
  if (kept.lastIndexOf('“') > kept.lastIndexOf('”')) kept += '”';
  return ` (${kept})${closed ? '' : '.'}`;
}

/** Code or a quotation cut off by the link: `<script src="`, `“HTTP Request URL:`. */
const brokenFragment = (text: string) =>
  /[=<(“‘"]$/.test(text) ||
  (text.match(/"/g) ?? []).length % 2 === 1 ||
  text.lastIndexOf('“') > text.lastIndexOf('”');

/**
 * A line that ended in a removed link: keep what it says ("Dataset is
 * available at [url]" → "Dataset is available."), drop what only pointed at
 * the link ("Here is a video overview: [url]", "Ref: [url]").
 */
export function tidyLeadIn(line: string): string {
  const before = squash(line);
  if (brokenFragment(before)) return '';
  if (/:$/.test(before)) {
    const text = before.replace(DANGLING, '').trim();
    if (wordCount(text) <= 8 || SHOWS.test(text)) return '';
    return `${text}.`;
  }
  const text = before.replace(DANGLING, '').trim();
  if (!wordCount(text) || POINTER_ONLY.test(text) || text.includes(' | ')) return '';
  return endsSentence(text) ? text : `${text}.`;
}

/** The summary's last line, when it does not end a sentence: as if a link followed it. */
function tidyFinalLine(text: string): string {
  if (/:$/.test(text)) return tidyLeadIn(text);
  const kept = text.replace(DANGLING, '').trim();
  if (!wordCount(kept) || POINTER_ONLY.test(kept)) return '';
  return endsSentence(kept) ? kept : `${kept}.`;
}

/** A removed reference inside a sentence: "Word2Vec [ref] can" → "Word2Vec can". */
function inline(line: string): string {
  return line
    .replace(/ *\uE000 */g, ' ')
    .replace(/ +([.,;:!?)])/g, '$1')
    .replace(/\( +/g, '(')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * One LongSumm sentence → its lines (LongSumm kept a lost line break as two
 * spaces), with the removed links tidied away: a Markdown link keeps its text
 * inside a sentence, an image or a bare link goes, a parenthetical or a
 * lead-in that only pointed at the link goes with it, "available at [url]"
 * becomes "available.". The first line continues the previous sentence's line.
 */
export function cleanSentence(sentence: string): string[] {
  let text = sentence.replace(/\u00a0/g, ' ');
  // Reference-style links whose definitions ("[1]: [url]") were removed: "work [\[1\]][1]" → "work".
  text = text.replace(/\s*\[\\?\[\d+\\?\]\]\[\d+\]/g, '');
  text = text.replace(/\[([^[\]]+)\]\[\d+\]/g, (_, label: string) => label.trim());
  text = text.replace(/(^|\s)\[[^\]]+\]:\s*\[url\]/g, '$1');
  // Markdown links and images whose target was removed: "[text]( [url]".
  text = text.replace(
    /(\s*)(!?)\[((?:[^[\]]|\[[^[\]]*\])*)\]\(\s*\[url\]\s*\)?/g,
    (_, space: string, bang: string, label: string, offset: number, whole: string) => {
      const lineBefore = whole.slice(0, offset).split(/ {2,}/).at(-1) ?? '';
      const shown = label.replace(/^\[(.*)\]$/, '$1').trim();
      const lead = space ? ' ' : '';
      // Text of a link inside a sentence stays; an image, a link on a line of
      // its own or one that only says "here" goes.
      return bang || POINTER_ONLY.test(shown) || !wordCount(lineBefore)
        ? `${lead}${GONE} `
        : `${lead}${shown} ${GONE} `;
    },
  );
  // LongSumm set its markers off with two spaces, which are not line breaks;
  // a capital after one starts a new sentence, which the link had ended.
  text = text
    .replace(/\s*\[(?:url|ref)\]\s*/g, ` ${GONE} `)
    .replace(/ +\uE000 +/g, ` ${GONE} `)
    .replace(/ \uE000 (?=\p{Lu})/gu, ` ${GONE}  `);
  // "see [url] for the proof" points at the link and nothing else: the clause goes
  // ("…; see [url] for the proof." → "…."); "available at [url] under…" loses "at".
  text = text
    .replace(
      /[,;]?\s*\b(?:see|cf\.)\s+(?:also\s+)?\uE000([^.;:!?()\uE000]*)/gi,
      (_, rest: string) => (rest.trim() ? '' : ` ${GONE}`),
    )
    .replace(/\s+(?:at|via)\s+\uE000\s+(?=\p{Ll})/gu, ' ')
    .replace(/\s*\(\s*\)/g, '');
  if (!text.includes(GONE)) {
    return text
      .split(/ {2,}/)
      .map((l) => l.trim())
      .filter(hasText);
  }
  // Parentheticals around a removed link, closed or cut off at the end.
  text = text.replace(/\s*\(([^()]*)\)/g, (whole, inner: string) =>
    inner.includes(GONE) ? tidyParenthetical(inner, true) : whole,
  );
  text = text.replace(/\s*\(([^()]*)$/, (whole, inner: string) =>
    inner.includes(GONE) ? tidyParenthetical(inner, false) : whole,
  );
  return text
    .trimEnd()
    .split(/ {2,}/)
    .map((line) => {
      if (!line.includes(GONE)) return line.trim();
      const end = line.trimEnd();
      if (!end.endsWith(GONE)) return inline(line);
      return tidyLeadIn(inline(end.slice(0, -1)));
    })
    .filter(hasText);
}

/** A line with words, or a code fence; not a table's leftover rules ("| | - | - |"). */
const hasText = (line: string) => /[\p{L}\p{N}]/u.test(line) || /^`{3}$/.test(line);

/**
 * Blog text was scraped from web pages: plain text, so Markdown's own
 * characters are escaped to show as typed (`x_F`, `~5%`, `<person>`, "#1").
 */
function escapeMarkdown(line: string): string {
  return line
    .replace(/[\\`*_[\]<>#~|]/g, (c) => `\\${c}`)
    .replace(/^([-+]) /, '\\$1 ')
    .replace(/^(\d+)([.)]) /, '$1\\$2 ');
}

/** ShortScience escaped Markdown inside math (`y\_i`, `\\{`), for Markdown that ran before MathJax. */
const unescapeMarkdownInMath = (tex: string) => tex.replace(/\\([!-/:-@[-`{-~])/g, '$1');

interface Piece {
  text: string;
  /** Starts a line of its own (LongSumm's two spaces), not just a new sentence. */
  lineStart: boolean;
  sentenceStart: boolean;
}

/** A short title-like line between paragraphs: "What", "How", "Results", "Architecture". */
const shortLine = (text: string) =>
  wordCount(text) <= 4 &&
  text.length <= 40 &&
  /^[\p{Lu}\d]/u.test(text) &&
  !/[.!?:;,)\]"”’*#$]$/.test(text) &&
  !/^[#>*-]/.test(text);
/** A sentence's end, not a parenthesis closing a list item. */
const fullStop = (text: string) => /[.!?…]["”’)\]]*$/.test(text.trim());

/**
 * A short title-like line between paragraphs ("What", "How", "Results"): after
 * a full stop, or after another heading when prose follows. Runs of short
 * lines are lists, not headings.
 */
function isHeading(
  piece: Piece,
  previous: Piece | undefined,
  previousWasHeading: boolean,
  next: Piece | undefined,
): boolean {
  const text = piece.text.trim();
  return (
    next !== undefined &&
    next.lineStart &&
    shortLine(text) &&
    (!previous || fullStop(previous.text) || (previousWasHeading && !shortLine(next.text)))
  );
}
export interface BodyOptions {
  /** Markdown source (ShortScience): kept as written; otherwise Markdown characters are escaped. */
  markdown: boolean;
  /** The first line is the post's header ("Title Authors et al., Venue"): a paragraph of its own. */
  headerLine?: boolean;
}

/**
 * LongSumm's sentence array → Markdown: lines where the post had line breaks,
 * a paragraph at a line break once the current one has three sentences, or
 * after five sentences, short heading lines ("What", "Results") in bold, and
 * no `[url]`/`[ref]` anywhere.
 */
export function sentencesToMarkdown(sentences: readonly string[], options: BodyOptions): string {
  // Math first, so that neither the tidying nor the escaping touches it.
  const joined = sentences.join('\uE001');
  const { text, math } = protectMath(joined);
  const pieces: Piece[] = [];
  text.split('\uE001').forEach((sentence) => {
    cleanSentence(sentence).forEach((line, i) => {
      // Code fences lost their line breaks too ("``` import numpy as np"): a line each.
      const parts = (options.markdown ? line.split(/\s*(```)\s*/) : [line]).filter((p) => p.trim());
      parts.forEach((part, j) => {
        const lineStart = pieces.length === 0 || j > 0 || i > 0 || part === '```';
        pieces.push({ text: part.trim(), lineStart, sentenceStart: i === 0 && j === 0 });
      });
    });
  });
  // The end, where the links were: a lead-in ("shown below:") or a heading
  // ("References") left without what followed it.
  while (pieces.length) {
    const last = pieces.at(-1)!;
    const text = last.text.trim();
    if (endsSentence(text) || text.startsWith('$') || text.endsWith('```')) break;
    pieces.pop();
    const orphanHeading = wordCount(text) <= 3 && !/[.!?:]$/.test(text);
    const kept = orphanHeading ? '' : tidyFinalLine(text);
    if (kept) {
      pieces.push({ ...last, text: kept });
      break;
    }
  }

  // Scraped links left their spaces behind ("e.g. Clipper . Continuum", "LevelDB , HyperLevelDB").
  const tidy = (t: string) => t.replace(/ +([,.;:!?])(?=\s|$)/g, '$1');
  const shown = (t: string) => (options.markdown ? tidy(t) : escapeMarkdown(tidy(t)));
  const paragraphs: string[] = [];
  let current: string[] = [];
  let sentenceCount = 0;
  const flush = () => {
    if (current.length) paragraphs.push(current.join('\n'));
    current = [];
    sentenceCount = 0;
  };
  const chars = () => current.reduce((n, l) => n + l.length, 0);

  let inFence = false;
  let previousWasHeading = false;
  pieces.forEach((piece, i) => {
    const previous = pieces[i - 1];
    if (piece.text === '```' || inFence) {
      if (piece.text === '```') inFence = !inFence;
      current.push(piece.text);
      return;
    }
    previousWasHeading = isHeading(piece, previous, previousWasHeading, pieces[i + 1]);
    if (previousWasHeading) {
      flush();
      paragraphs.push(`**${shown(piece.text)}**`);
      return;
    }
    const line = shown(piece.text);
    const lastEnded = previous !== undefined && endsSentence(previous.text);
    if (piece.lineStart) {
      const headerDone = options.headerLine && paragraphs.length === 0 && i > 0;
      if (headerDone || (lastEnded && (sentenceCount >= 3 || chars() >= 350))) flush();
      if (piece.sentenceStart || !current.length) sentenceCount++;
      current.push(line);
      return;
    }
    if (piece.sentenceStart) {
      sentenceCount++;
      if (lastEnded && (sentenceCount > 5 || (sentenceCount > 3 && chars() >= 700))) {
        flush();
        sentenceCount = 1;
        current.push(line);
        return;
      }
    }
    if (current.length) current[current.length - 1] += ` ${line}`;
    else current.push(line);
  });
  flush();

  const restore = (span: { tex: string; display: boolean }) => {
    const tex = (options.markdown ? unescapeMarkdownInMath(span.tex) : span.tex).replace(
      /\uE001/g,
      ' ',
    );
    return span.display ? `$$${tex}$$` : `$${tex}$`;
  };
  return paragraphs
    .join('\n\n')
    .replace(MATH_PLACEHOLDER, (_, i: string) => restore(math[Number(i)]!))
    .trim();
}

// --- Titles: LongSumm has none; some of the posts and URLs carry one ----------

const compact = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** The Morning Paper's first line: "Title Authors et al., Venue" or "Title – Authors, Year". */
export function morningPaperTitle(
  sentences: readonly string[],
  blogId: string,
): string | undefined {
  const header =
    sentences
      .slice(0, 2)
      .join(' ')
      .replace(/\u00a0/g, ' ')
      .split(/ {2,}/)[0] ?? '';
  // The blog's URL slug is the title, lower-cased and without punctuation: find where it
  // ends. A slug of the name alone ("ddsketch" for "DDSketch: a fast…") leaves it to the byline.
  const slug = compact(blogId);
  for (let i = 1; i <= header.length; i++) {
    if (compact(header.slice(0, i)) !== slug || /[\p{L}\p{N}]/u.test(header[i] ?? ' ')) continue;
    if (header[i] === ':') break;
    // The slug drops the punctuation that ends a title: "really?", "99%", "(LSM Tree)".
    let end = i;
    const opened = (open: string, close: string) =>
      header.slice(0, end).split(open).length > header.slice(0, end).split(close).length;
    for (;;) {
      const c = header[end];
      if (c === '?' || c === '!' || c === '%') end++;
      else if ((c === ')' && opened('(', ')')) || (c === '”' && opened('“', '”'))) end++;
      else break;
    }
    const title = header.slice(0, end).trim();
    // A quotation mark the post never closed: “Why Should I Trust You? Explaining…
    return title.split('“').length > title.split('”').length ? title.replace('“', '') : title;
  }
  const dash = /^(.{12,}?) – /.exec(header);
  if (dash?.[1]) return dash[1].trim();
  const byline =
    /^(.{12,}?)\s+(?:[\p{Lu}][\p{L}'’-]+(?:\s+(?:and|&)\s+[\p{Lu}][\p{L}'’-]+)?,?\s+(?:et al\.|[A-Z]{2,}))/u.exec(
      header,
    );
  return byline?.[1]?.trim();
}

/** DAIR.AI posts end with the paper: "Title —(Author, Author)" or "Paper: Title — Author and Author". */
export function dairReference(sentences: readonly string[]): KnownPaper | undefined {
  const textLines = sentences
    .join(' ')
    .replace(/\u00a0/g, ' ')
    .split(/ {2,}/);
  for (let i = textLines.length - 1; i >= 0; i--) {
    const line = textLines[i]!;
    const m = /(?:^|[.!?]\s+)(?:Paper:\s*)?([^.!?]{12,200}?)\s+—\s*(?:\((.+)\)|(.+))$/.exec(
      line.trim(),
    );
    if (!m?.[1]) continue;
    const names = (m[2] ?? m[3] ?? '')
      .split(/,\s*(?:and\s+)?|\s+and\s+/)
      .map((a) => a.trim())
      .filter(Boolean);
    const people =
      names.length > 0 &&
      names.every(
        (n) => /^[\p{Lu}][\p{L}.'’ -]+$/u.test(n) && wordCount(n) >= 2 && wordCount(n) <= 5,
      );
    // A paper's title, not any sentence with a dash: it names its authors, or
    // it is the post's "Paper:" or "Reference" line.
    const labelled = /^Paper:/.test(line.trim()) || /^References?$/.test(textLines[i - 1] ?? '');
    if (!people && !labelled) continue;
    return { title: m[1].trim(), ...(people ? { authors: names } : {}) };
  }
  return undefined;
}

/**
 * A blog's file or post name as a title ("deep_residual_learning_for_image_recognition"),
 * when it is one: words (not a hash or a BibTeX key), at least three of them.
 * Acronyms take the case the summary writes them in ("gans" → "GANs").
 */
export function slugToTitle(
  slug: string,
  body: string,
  separator: RegExp = /[-_]+/,
): string | undefined {
  if (/^[0-9a-f]{20,}$/.test(slug) || /\d{2}[a-z]?$/.test(slug)) return undefined;
  const words = slug.split(separator).filter(Boolean);
  if (words.length < 3) return undefined;
  const forms = new Map<string, Map<string, number>>();
  for (const w of body.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (!/[\p{Lu}]/u.test(w.slice(1))) continue; // only inner capitals: GANs, LSTM, InfoGAN
    const seen = forms.get(w.toLowerCase()) ?? new Map<string, number>();
    seen.set(w, (seen.get(w) ?? 0) + 1);
    forms.set(w.toLowerCase(), seen);
  }
  const cased = words.map((word) =>
    word
      .split('-')
      .map((w) => {
        const seen = forms.get(w.toLowerCase());
        return seen ? [...seen].sort((a, b) => b[1] - a[1])[0]![0] : w.toLowerCase();
      })
      .join('-'),
  );
  const title = cased.join(' ');
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** A title for a paper known only by a key: what a reader would search for. */
function keyAsTitle(key: string): string {
  const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  const names: Record<string, string> = {
    arxiv: 'arXiv:',
    doi: 'DOI ',
    acl: 'ACL Anthology ',
    openreview: 'OpenReview ',
    pmlr: 'PMLR ',
    neurips: 'NeurIPS ',
  };
  return `${names[kind] ?? `${kind}:`}${id}`;
}

/** arXiv ids start with the year and month they were first submitted. */
function arxivYear(id: string): number | undefined {
  const yy = /^(\d{2})\d{2}\./.exec(id)?.[1] ?? /\/(\d{2})\d{5}$/.exec(id)?.[1];
  if (!yy) return undefined;
  const n = Number(yy);
  return n >= 91 ? 1900 + n : 2000 + n;
}

export type TitleFrom =
  'dataset' | 'post header' | 'post reference' | 'URL' | 'blog file name' | 'key only';

export interface LongSummImport {
  records: unknown[];
  report: {
    read: number;
    shipped: number;
    byLicence: Record<string, number>;
    byKeyKind: Record<string, number>;
    byTitleFrom: Record<string, number>;
    papers: number;
    /** Too little text once the links were removed ("Here is a video overview: [url]"). */
    tooShort: Array<{ id: string; body: string }>;
    /** A PDF URL given for different papers of one blog: not trusted as a key. */
    ambiguousUrls: Array<{ url: string; summaries: string[] }>;
    /** Neither a key from the URL nor a title: nothing a page could find them by. */
    unmapped: Array<{ id: string; pdfUrl: string }>;
  };
}

/** Fewer words than this once links are removed is not a summary ("Summary by brannondorsey"). */
export const MIN_SUMMARY_WORDS = 15;

interface Draft {
  raw: LongSummJson;
  id: string;
  source: SummarySource & { markdown: boolean };
  paper: PaperFromUrl;
  title?: { text: string; from: TitleFrom; authors?: string[] };
  header: boolean;
}

/**
 * LongSumm's JSONs → builder input: one record per summary, with its blog as
 * source (licence by origin), its author and a link to the blog or profile.
 */
export function importLongSumm(
  raws: readonly LongSummJson[],
  known: {
    byKey: ReadonlyMap<string, KnownPaper>;
    /** Titles of other datasets by normalized title, to take their spelling. */
    byTitle: ReadonlyMap<string, string>;
  },
): LongSummImport {
  const drafts: Draft[] = raws.map((raw) => {
    const source = longsummSource(raw.source_website);
    const draft: Draft = {
      raw,
      id: `longsumm:${raw.author_id.toLowerCase()}/${raw.blog_id}`,
      source,
      paper: paperFromUrl(raw.pdf_url),
      header: false,
    };
    const text = raw.summary.join(' ');
    const header =
      raw.author_id === 'ACOLYER' ? morningPaperTitle(raw.summary, raw.blog_id) : undefined;
    const dair = raw.author_id === 'DAIR-AI' ? dairReference(raw.summary) : undefined;
    // aleju/papers names files with underscores for spaces; papers-I-read with hyphens.
    const slug =
      raw.author_id === 'ALEJU'
        ? slugToTitle(raw.blog_id, text, /_+/)
        : raw.author_id === 'shugan'
          ? slugToTitle(raw.blog_id, text, /-+/)
          : undefined;
    if (header) {
      draft.title = { text: header, from: 'post header' };
      draft.header = true;
    } else if (dair)
      draft.title = {
        text: dair.title,
        from: 'post reference',
        ...(dair.authors ? { authors: dair.authors } : {}),
      };
    else if (slug) draft.title = { text: slug, from: 'blog file name' };
    return draft;
  });

  // One blog giving the same PDF URL for different papers (LongSumm gives one
  // MIT Press DOI for four papers of papers-I-read): that URL names none of them.
  const ambiguousUrls: LongSummImport['report']['ambiguousUrls'] = [];
  const claims = new Map<string, Draft[]>();
  for (const d of drafts) {
    for (const key of d.paper.keys) {
      const claim = `${d.source.id} ${key}`;
      claims.set(claim, [...(claims.get(claim) ?? []), d]);
    }
  }
  for (const group of claims.values()) {
    if (group.length < 2) continue;
    const titles = new Set(group.map((d) => (d.title ? normalizeTitle(d.title.text) : d.id)));
    if (titles.size === 1) continue; // one paper in parts (Musketeer, parts I and II)
    ambiguousUrls.push({ url: group[0]!.raw.pdf_url, summaries: group.map((d) => d.id) });
    for (const d of group) d.paper = { ids: {}, keys: [], kind: null, url: '' };
  }

  // Titles: another dataset's for the same key first, then the post's own, then the URL's.
  for (const d of drafts) {
    const fromDataset = d.paper.keys.map((k) => known.byKey.get(k)).find(Boolean);
    if (fromDataset)
      d.title = {
        text: fromDataset.title,
        from: 'dataset',
        ...(fromDataset.authors ? { authors: fromDataset.authors } : {}),
      };
    else if (!d.title && d.paper.slugTitle) {
      const fromUrl = slugToTitle(d.paper.slugTitle, d.raw.summary.join(' '), / +/);
      d.title = { text: fromUrl ?? d.paper.slugTitle, from: 'URL' };
    }
    if (d.title && d.title.from !== 'dataset') {
      const spelled = known.byTitle.get(normalizeTitle(d.title.text));
      if (spelled) d.title.text = spelled;
    }
  }

  // Summaries of one paper (by key) share one title: the best any of them has.
  const rank: TitleFrom[] = ['dataset', 'post header', 'post reference', 'URL', 'blog file name'];
  const best = new Map<string, NonNullable<Draft['title']>>();
  for (const d of drafts) {
    if (!d.title) continue;
    for (const key of d.paper.keys) {
      const held = best.get(key);
      if (!held || rank.indexOf(d.title.from) < rank.indexOf(held.from)) best.set(key, d.title);
    }
  }

  const report: LongSummImport['report'] = {
    read: raws.length,
    shipped: 0,
    byLicence: {},
    byKeyKind: {},
    byTitleFrom: {},
    papers: 0,
    tooShort: [],
    ambiguousUrls,
    unmapped: [],
  };
  const records: unknown[] = [];
  const paperIds = new Set<string>();
  for (const d of drafts) {
    const title = d.paper.keys.map((k) => best.get(k)).find(Boolean) ?? d.title;
    const body = sentencesToMarkdown(d.raw.summary, {
      markdown: d.source.markdown,
      headerLine: d.header,
    });
    const bodyWords = wordCount(body.replace(/\$[^$]*\$/g, ' '));
    if (bodyWords < MIN_SUMMARY_WORDS) {
      report.tooShort.push({ id: d.id, body });
      continue;
    }
    if (!d.paper.keys.length && !(title && titleKey(title.text))) {
      report.unmapped.push({ id: d.id, pdfUrl: d.raw.pdf_url });
      continue;
    }
    const link = httpsLink(d.raw.source_website);
    if (!link) throw new Error(`LongSumm ${d.id}: source_website is not a web link`);
    const { id, name, url, licence, kind } = d.source;
    const source: SummarySource = { id, name, url, licence, kind };
    const arxivId = d.paper.ids.arxivId;
    const year = arxivId ? arxivYear(arxivId) : known.byKey.get(d.paper.keys[0] ?? '')?.year;
    const paperTitle = title?.text ?? keyAsTitle(d.paper.keys[0]!);
    records.push({
      paper: {
        ...d.paper.ids,
        title: paperTitle,
        authors: title?.authors ?? [],
        ...(year ? { year } : {}),
        ...(d.paper.url ? { url: d.paper.url } : {}),
      },
      summary: {
        id: d.id,
        body,
        format: 'markdown',
        label: 'Blog summary via LongSumm (links removed)',
        author: d.raw.author_full_name.trim() || source.name,
        link,
        source,
      },
    });
    report.shipped++;
    report.byLicence[source.licence] = (report.byLicence[source.licence] ?? 0) + 1;
    const keyKind = d.paper.kind ?? 'title only';
    report.byKeyKind[keyKind] = (report.byKeyKind[keyKind] ?? 0) + 1;
    const from = title?.from ?? 'key only';
    report.byTitleFrom[from] = (report.byTitleFrom[from] ?? 0) + 1;
    paperIds.add(d.paper.keys[0] ?? titleKey(paperTitle)!);
  }
  report.papers = paperIds.size;
  return { records, report };
}

/** Every JSON of LongSumm's `abstractive_summaries/by_clusters/<words>/`, in a stable order. */
export function readLongSumm(dir: string): LongSummJson[] {
  const files = readdirSync(dir)
    .sort()
    .flatMap((cluster) =>
      readdirSync(join(dir, cluster))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(dir, cluster, f)),
    );
  return files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as LongSummJson);
}

// ---------------------------------------------------------------------------

function main(sharedArg?: string) {
  const shared = resolve(sharedArg ?? '../shared/data');
  const out = resolve('data/bundled');
  mkdirSync(join(out, 'licences'), { recursive: true });
  const byKey = new Map<string, KnownPaper>();
  const byTitle = new Map<string, string>();

  // 1. ShortScience seed: already builder input, copied unchanged.
  copyFileSync(join(shared, 'seed/shortscience-seed.jsonl'), join(out, 'shortscience-seed.jsonl'));
  for (const line of readFileSync(join(shared, 'seed/shortscience-seed.jsonl'), 'utf8').split(
    '\n',
  )) {
    if (!line.trim()) continue;
    const { paper } = JSON.parse(line) as { paper: KnownPaper & { arxivId?: string } };
    const id = paper.arxivId ? parseArxivId(paper.arxivId)?.id : undefined;
    if (id) byKey.set(`arxiv:${id}`, paper);
  }

  // 2. SciTLDR: the first target is the authors' TL;DR, the rest derive from peer reviews.
  const scitldrSource = {
    id: 'scitldr',
    name: 'SciTLDR',
    url: 'https://github.com/allenai/scitldr',
    licence: 'Apache-2.0',
    kind: 'human',
  };
  const scitldr: unknown[] = [];
  for (const split of ['train', 'dev', 'test']) {
    for (const line of readFileSync(join(shared, `scitldr/${split}.jsonl`), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { paper_id: string; title: string; target: string[] };
      const url = `https://openreview.net/forum?id=${row.paper_id}`;
      byKey.set(`openreview:${row.paper_id}`, { title: row.title });
      byTitle.set(normalizeTitle(row.title), row.title);
      row.target.forEach((tldr, i) => {
        scitldr.push({
          paper: { openreviewId: row.paper_id, title: row.title, url },
          summary: {
            id: `scitldr:${row.paper_id}:${i}`,
            body: tldr,
            format: 'text',
            label: i === 0 ? 'TL;DR by the authors' : 'TL;DR written from the peer reviews',
            author: i === 0 ? "the paper's authors" : 'SciTLDR annotators',
            link: url,
            source: scitldrSource,
          },
        });
      });
    }
  }
  writeFileSync(join(out, 'scitldr.jsonl'), lines(scitldr));
  copyFileSync(join(shared, 'scitldr/LICENSE'), join(out, 'licences/scitldr-LICENSE'));
  copyFileSync(join(shared, 'scitldr/SOURCE.txt'), join(out, 'licences/scitldr-SOURCE.txt'));

  // 3. ScisummNet: line 1 is the title, the rest the summary, one sentence a line.
  const scisummSource = {
    id: 'scisummnet',
    name: 'ScisummNet',
    url: 'https://cs.stanford.edu/~myasu/projects/scisumm_net/',
    licence: 'CC BY 4.0',
    kind: 'human',
  };
  const scisumm: unknown[] = [];
  const dir = join(shared, 'scisummnet/summaries');
  for (const file of readdirSync(dir).sort()) {
    const aclId = file.replace(/\.scisummnet_human\.txt$/, '');
    const [title = '', ...sentences] = readFileSync(join(dir, file), 'utf8').split(/\r?\n/);
    if (title.trim()) byKey.set(`acl:${aclId}`, { title: title.trim() });
    const body = sentences
      .map((s) => s.trim())
      .filter(Boolean)
      .join(' ');
    if (!title.trim() || !body) continue;
    scisumm.push({
      paper: { aclId, title: title.trim(), url: `https://aclanthology.org/${aclId}/` },
      summary: {
        id: `scisummnet:${aclId}`,
        body,
        format: 'text',
        label: 'Abstract and citation-based summary',
        author: 'ScisummNet annotators',
        link: `https://aclanthology.org/${aclId}/`,
        source: scisummSource,
      },
    });
  }
  writeFileSync(join(out, 'scisummnet.jsonl'), lines(scisumm));
  copyFileSync(join(shared, 'scisummnet/LICENCE'), join(out, 'licences/scisummnet-LICENCE'));
  copyFileSync(join(shared, 'scisummnet/SOURCE.txt'), join(out, 'licences/scisummnet-SOURCE.txt'));

  // 4. LongSumm. The arXiv corpus (CC0 metadata) would title arXiv papers, but it
  // covers 2025-03..2026-07 and LongSumm's papers are older: checked, not assumed.
  const corpusFile = join(shared, 'corpus', basename(CORPUS_FILE));
  let corpusTitled = 0;
  const raws = readLongSumm(join(shared, 'longsumm/abstractive_summaries/by_clusters'));
  if (existsSync(corpusFile)) {
    const wanted = new Set(raws.flatMap((r) => paperFromUrl(r.pdf_url).keys));
    for (const record of readCorpus(corpusFile)) {
      const key = record.keys[0]!;
      if (!wanted.has(key) || byKey.has(key)) continue;
      byKey.set(key, {
        title: record.paper.title,
        authors: record.paper.authors,
        ...(record.paper.year ? { year: record.paper.year } : {}),
      });
      corpusTitled++;
    }
  }
  const { records, report } = importLongSumm(raws, { byKey, byTitle });
  writeFileSync(join(out, 'longsumm.jsonl'), lines(records));
  copyFileSync(join(shared, 'longsumm/SOURCE.txt'), join(out, 'licences/longsumm-SOURCE.txt'));
  copyFileSync(
    join(shared, 'longsumm/README.upstream.md'),
    join(out, 'licences/longsumm-README.upstream.md'),
  );
  // The licence texts themselves (longsumm-CC-BY-NC-SA-4.0.txt, longsumm-CDLA-Sharing-1.0.txt)
  // and the change notice are kept in data/bundled/licences: the shared copy has none.

  console.log(
    `data/bundled: seed, ${scitldr.length} SciTLDR, ${scisumm.length} ScisummNet, ` +
      `${report.shipped} LongSumm summaries`,
  );
  console.log(
    JSON.stringify(
      {
        ...report,
        corpusTitled,
        tooShort: report.tooShort.map((t) => `${t.id}: ${t.body.slice(0, 80)}`),
      },
      null,
      2,
    ),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv[2]);
