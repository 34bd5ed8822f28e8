import { isCanonicalKey, paperPageUrl, referenceUrl, type PaperRef } from '@/utils/core/paper-ref';
import type { PaperMeta, Summary } from '@/utils/core/summary';

/**
 * Citations of a paper from what Sidenotes knows of it: a BibTeX entry (the
 * library's export and the views' *Copy BibTeX* share this one function)
 * and a Markdown link. Pure: data in, text out; every field escaped.
 */
export interface CitedPaper {
  title: string;
  authors: readonly string[];
  year?: number;
  venue?: string;
  url?: string;
  /** Canonical keys, most specific first (`arxiv:…`, `doi:…`, `acl:…`). */
  keys: readonly string[];
}

/**
 * Text for a BibTeX field in braces: it can never end the field or the entry
 * (braces and backslashes are dropped, so braces balance; `@` is braced),
 * and nothing in it is a LaTeX command or comment (`& % $ # _ ^ ~` escaped,
 * control characters and line breaks a space).
 */
export function bibText(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/[{}\\]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[&%$#_]/g, '\\$&')
    .replace(/\^/g, '\\^{}')
    .replace(/~/g, '\\~{}')
    .replace(/@/g, '{@}');
}

/**
 * An identifier or URL for a verbatim-like field (`doi`, `eprint`, `url`):
 * every character outside a URL's own set is percent-encoded, so braces,
 * backslashes, quotes, spaces and `@` cannot appear.
 */
export const bibVerbatim = (text: string): string =>
  text.replace(/[^A-Za-z0-9\-._~:/?#[\]!$&'()*+,;=%]/gu, (c) =>
    c === '@' ? '%40' : encodeURIComponent(c),
  );

/** Whether braces balance and never close more than they opened (BibTeX counts every brace). */
export function bracesBalance(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** A year as written only when it is one (an older library may hold anything). */
export function validYear(year: unknown): number | undefined {
  return typeof year === 'number' && Number.isInteger(year) && year >= 1000 && year <= 2100
    ? year
    : undefined;
}

/** Only keys that fit the key grammar give ids (keys stored by an older version were not checked). */
const idOf = (keys: readonly string[], kind: string) =>
  keys.find((k) => k.startsWith(`${kind}:`) && isCanonicalKey(k))?.slice(kind.length + 1);

/** `chen2020lottery`: first author's surname, year, first long word of the title. */
export function citeKeyOf(paper: Pick<CitedPaper, 'title' | 'authors' | 'year'>): string {
  const surname =
    (paper.authors[0] ?? 'anon')
      .split(' ')
      .at(-1)!
      .toLowerCase()
      .replace(/[^a-z]/g, '') || 'anon';
  const word =
    paper.title
      .toLowerCase()
      .replace(/[^a-z0-9 ]/g, '')
      .split(' ')
      .find((w) => w.length > 3) ?? 'paper';
  return `${surname}${validYear(paper.year) ?? ''}${word}`;
}

/**
 * One BibTeX entry: text fields through bibText, ids and links through
 * bibVerbatim, ids only from keys that fit the key grammar. Null when the
 * entry would still fail the brace check: never written unsafely.
 */
export function bibtexEntry(
  paper: CitedPaper,
  options: { citeKey?: string; note?: string } = {},
): string | null {
  const arxiv = idOf(paper.keys, 'arxiv');
  const doi = idOf(paper.keys, 'doi') ?? (arxiv ? `10.48550/arXiv.${arxiv}` : undefined);
  const url = referenceUrl(paper) ?? undefined;
  const fields: Array<[string, string | number | undefined]> = [
    ['title', `{${bibText(paper.title)}}`],
    // Blank names left out: each would read as one more author (a trailing `and` one).
    ['author', paper.authors.map(bibText).filter(Boolean).join(' and ') || undefined],
    ['year', validYear(paper.year)],
    ['booktitle', paper.venue ? bibText(paper.venue) : undefined],
    ['eprint', arxiv && bibVerbatim(arxiv)],
    ['archivePrefix', arxiv ? 'arXiv' : undefined],
    ['doi', doi && bibVerbatim(doi)],
    ['url', url && bibVerbatim(url)],
    ['note', options.note ? bibText(options.note) : undefined],
  ];
  const body = fields
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `  ${k} = {${v}}`)
    .join(',\n');
  const key = (options.citeKey ?? citeKeyOf(paper)).replace(/[^\w:.-]/g, '') || 'paper';
  const entry = `@${paper.venue ? 'inproceedings' : 'misc'}{${key},\n${body}\n}`;
  return bracesBalance(entry) && !/[\n\r]@/.test(body) ? entry : null;
}

/** `[Title](https://…)`: Markdown's structure characters in the title escaped, the URL one token. */
export function markdownLink(paper: Pick<CitedPaper, 'title' | 'keys' | 'url'>): string {
  const text = paper.title
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>#|~]/g, '\\$&');
  const url = paperPageUrl(paper);
  return url
    ? `[${text}](${url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`
    : text;
}

/** What the views know of a tab's paper, as a citation: the page's own words, then its summaries'. */
export function citedPaper(
  paper: Pick<PaperRef, 'keys' | 'title' | 'authors' | 'url'>,
  summaries: readonly Pick<Summary, 'paper'>[],
): CitedPaper | null {
  const key = paper.keys.find((k) => !k.startsWith('title:'));
  // Index entries whose title was never known carry their id instead.
  const known = (meta?: PaperMeta) =>
    meta?.title && (!key || !meta.title.toLowerCase().includes(key.slice(key.indexOf(':') + 1)))
      ? meta
      : undefined;
  const meta = summaries.map((s) => known(s.paper)).find(Boolean);
  const title = paper.title ?? meta?.title;
  if (!title) return null;
  const url = meta?.url ?? paper.url;
  const year = validYear(meta?.year);
  return {
    title,
    authors: paper.authors?.length ? paper.authors : (meta?.authors ?? []),
    ...(year !== undefined ? { year } : {}),
    ...(meta?.venue ? { venue: meta.venue } : {}),
    ...(url ? { url } : {}),
    keys: paper.keys.filter((k) => !k.startsWith('title:')),
  };
}
