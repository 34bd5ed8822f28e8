import type { PaperRef } from '@/utils/core/paper-ref';
import type { PaperMeta, Summary } from '@/utils/core/summary';

/**
 * Citations of a paper from what Sidenotes knows of it: a BibTeX entry (the
 * library's export and the views' *Copy BibTeX* share this one function)
 * and a Markdown link. Pure: data in, text out.
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
 * Text for a BibTeX field: braces and backslashes dropped (a value can never
 * close its `{…}` or start a command), LaTeX's special characters escaped,
 * control characters and line breaks made spaces.
 */
export const bibText = (text: string): string =>
  text
    .replace(/[{}\\]/g, '')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([&%$#_^~])/g, (c) => (c === '^' || c === '~' ? `\\${c}{}` : `\\${c}`));

/** One character as a URL escape (`(` → `%28`; a line break → `%0A`). */
const percent = (c: string) =>
  encodeURIComponent(c).replace(/^[()]$/, (p) => `%${p.charCodeAt(0).toString(16).toUpperCase()}`);

/** A URL, DOI or id for a verbatim BibTeX field: nothing that could close the braces, no spaces. */
export const bibVerbatim = (text: string): string => text.replace(/[{}\\\s\p{Cc}]/gu, percent);

const idOf = (keys: readonly string[], kind: string) =>
  keys.find((k) => k.startsWith(`${kind}:`))?.slice(kind.length + 1);

/** The paper's own page from its key: arXiv abstract, OpenReview forum, Anthology page, DOI. */
export function paperUrl(paper: Pick<CitedPaper, 'keys' | 'url'>): string | undefined {
  const arxiv = idOf(paper.keys, 'arxiv');
  if (arxiv) return `https://arxiv.org/abs/${arxiv}`;
  const forum = idOf(paper.keys, 'openreview');
  if (forum) return `https://openreview.net/forum?id=${forum}`;
  const acl = idOf(paper.keys, 'acl');
  if (acl) return `https://aclanthology.org/${acl}/`;
  if (paper.url && /^https?:\/\//.test(paper.url)) return paper.url;
  const doi = idOf(paper.keys, 'doi');
  return doi ? `https://doi.org/${doi}` : undefined;
}

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
  return `${surname}${paper.year ?? ''}${word}`;
}

/** One BibTeX entry; every field escaped (text fields with bibText, links and ids with bibVerbatim). */
export function bibtexEntry(
  paper: CitedPaper,
  options: { citeKey?: string; note?: string } = {},
): string {
  const arxiv = idOf(paper.keys, 'arxiv');
  const doi = idOf(paper.keys, 'doi') ?? (arxiv ? `10.48550/arXiv.${arxiv}` : undefined);
  const fields: Array<[string, string | undefined]> = [
    ['title', `{${bibText(paper.title)}}`],
    ['author', paper.authors.length ? bibText(paper.authors.join(' and ')) : undefined],
    [
      'year',
      paper.year !== undefined && Number.isInteger(paper.year) ? String(paper.year) : undefined,
    ],
    ['booktitle', paper.venue ? bibText(paper.venue) : undefined],
    ['eprint', arxiv && bibVerbatim(arxiv)],
    ['archivePrefix', arxiv ? 'arXiv' : undefined],
    ['doi', doi && bibVerbatim(doi)],
    ['url', bibVerbatim(paper.url ?? (arxiv ? `https://arxiv.org/abs/${arxiv}` : '')) || undefined],
    ['note', options.note ? bibText(options.note) : undefined],
  ];
  const body = fields
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `  ${k} = {${v}}`)
    .join(',\n');
  const key = (options.citeKey ?? citeKeyOf(paper)).replace(/[^\w:.-]/g, '') || 'paper';
  return `@${paper.venue ? 'inproceedings' : 'misc'}{${key},\n${body}\n}`;
}

/** `[Title](https://…)`: brackets and backslashes in the title escaped, the URL kept one token. */
export function markdownLink(paper: Pick<CitedPaper, 'title' | 'keys' | 'url'>): string {
  const text = paper.title
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([\\[\]*_`<>])/g, '\\$1');
  const url = paperUrl(paper);
  return url ? `[${text}](${url.replace(/[()\s<>]/g, percent)})` : text;
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
  return {
    title,
    authors: paper.authors?.length ? paper.authors : (meta?.authors ?? []),
    ...(meta?.year !== undefined ? { year: meta.year } : {}),
    ...(meta?.venue ? { venue: meta.venue } : {}),
    ...(meta?.url || paper.url ? { url: meta?.url ?? paper.url } : {}),
    keys: paper.keys.filter((k) => !k.startsWith('title:')),
  };
}
