import type { LibraryItem } from '@/utils/core/library-item';
import { isCanonicalKey } from '@/utils/core/paper-ref';
import { safeHttpUrl } from '@/utils/core/url';

/** The JSON export format; `version` changes only with an importer for the old one. */
export const EXPORT_FORMAT = 'sidenotes-library';
export const EXPORT_VERSION = 1;

export interface LibraryExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  items: LibraryItem[];
}

/** Lossless: every field of every item, as stored. */
export function exportJson(
  items: readonly LibraryItem[],
  exportedAt = new Date().toISOString(),
): string {
  const data: LibraryExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt,
    items: [...items].sort(
      (a, b) => a.savedAt.localeCompare(b.savedAt) || a.id.localeCompare(b.id),
    ),
  };
  return JSON.stringify(data, null, 1);
}

const byPaper = (items: readonly LibraryItem[]) => {
  const groups = new Map<string, LibraryItem[]>();
  for (const item of items) {
    const key = item.summary.paperKeys[0] ?? item.summary.paper.title;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
};

/** Metadata on one line of Markdown: no control characters, nothing Markdown reads as structure. */
function mdInline(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>#|~]/g, '\\$&');
}

/** A link line's URL as an autolink, when it is one Sidenotes would open; else nothing. */
const mdLink = (value: unknown): string | null => {
  const url = safeHttpUrl(value);
  return url ? `<${url}>` : null;
};

/** Lines that would open an HTML block only a matching tag ends (CommonMark types 1–5). */
const RAW_BLOCK = /^( {0,3})<(?=(?:script|pre|style|textarea)(?:\s|>|$)|[!?])/i;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * A summary's Markdown (or a note) placed under the paper's `###` heading:
 * its own headings are moved below that level, and nothing it holds can
 * swallow what follows (an unclosed code fence is closed, a raw HTML block
 * that only its closing tag would end is shown as text).
 */
function mdBlock(markdown: string, indent = ''): string {
  const out: string[] = [];
  let fence: string | null = null;
  let previousText = false;
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    let line = raw;
    const opener = FENCE.exec(line)?.[1];
    if (fence) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length) fence = null;
    } else if (opener) {
      fence = opener;
    } else {
      line = line
        .replace(
          /^( {0,3})(#{1,6})(?=\s|$)/,
          (_, space: string, hashes: string) =>
            `${space}${'#'.repeat(Math.min(6, hashes.length + 3))}`,
        )
        .replace(RAW_BLOCK, '$1&lt;');
      // A line of = or - under text would make that text a heading (setext).
      if (previousText && /^ {0,3}(=+|-+)\s*$/.test(line)) line = `\\${line.trimStart()}`;
    }
    previousText = !fence && line.trim() !== '';
    out.push(`${indent}${line}`);
  }
  if (fence) out.push(`${indent}${fence}`);
  return out.join('\n');
}

/** One readable Markdown file: a section per paper, its summaries, tags and notes. */
export function exportMarkdown(
  items: readonly LibraryItem[],
  exportedAt = new Date().toISOString(),
): string {
  const lines = [
    `# Sidenotes library`,
    '',
    `Exported ${mdInline(exportedAt.slice(0, 10))} · ${items.length} item${items.length === 1 ? '' : 's'}`,
    '',
  ];
  for (const [key, group] of byPaper(items)) {
    const { paper } = group[0]!.summary;
    lines.push(`## ${mdInline(paper.title)}`, '');
    const meta = [
      mdInline(paper.authors.join(', ')),
      validYear(paper.year),
      paper.venue && mdInline(paper.venue),
      mdLink(paper.url) ?? mdInline(key),
    ]
      .filter(Boolean)
      .join(' · ');
    if (meta) lines.push(`*${meta}*`, '');
    for (const item of group) {
      const s = item.summary;
      const heading =
        item.kind === 'own'
          ? 'Your summary'
          : `${mdInline(s.source.name)}${s.label ? ` — ${mdInline(s.label)}` : ''}`;
      lines.push(`### ${heading}`, '');
      const link = mdLink(s.link);
      lines.push(
        `${s.author ? `by ${mdInline(s.author)}` : 'anonymous'}${link ? ` · ${link}` : ''} · ${s.source.kind === 'machine' ? 'machine' : 'human'}-written · licence: ${mdInline(s.source.licence)}`,
        '',
      );
      if (item.tags.length)
        lines.push(
          `Tags: ${item.tags.map((t) => `\`${t.replace(/[`\p{Cc}]/gu, ' ').trim()}\``).join(' ')}`,
          '',
        );
      lines.push(mdBlock(s.body.trim()), '');
      if (item.note.trim())
        lines.push(`> **Note:** ${mdBlock(item.note.trim(), '> ').slice(2)}`, '');
    }
  }
  return lines.join('\n');
}

/** A year as written only when it is one (an older library may hold anything). */
function validYear(year: unknown): number | undefined {
  return typeof year === 'number' && Number.isInteger(year) && year >= 1000 && year <= 2100
    ? year
    : undefined;
}

/**
 * Text for a BibTeX field in braces: it can never end the field or the entry
 * (braces and backslashes are dropped, so braces balance; `@` is braced),
 * and nothing in it is a LaTeX command or comment (`& % $ # _ ^ ~` escaped,
 * control characters and line breaks a space).
 */
function bibText(text: string): string {
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
const bibVerbatim = (text: string): string =>
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

/**
 * A BibTeX entry per paper in the library. Every field is escaped (bibText,
 * bibVerbatim); ids come only from keys that fit the key grammar. An entry
 * that still fails the brace check is left out with a comment, never written.
 */
export function exportBibtex(items: readonly LibraryItem[]): string {
  const entries: string[] = [];
  const usedKeys = new Set<string>();
  for (const [key, group] of byPaper(items)) {
    const { paper } = group[0]!.summary;
    // Keys stored by an older version were not checked: only grammatical ones give ids.
    const keys = group[0]!.summary.paperKeys.filter(isCanonicalKey);
    const arxiv = keys.find((k) => k.startsWith('arxiv:'))?.slice(6);
    const doi =
      keys.find((k) => k.startsWith('doi:'))?.slice(4) ??
      (arxiv ? `10.48550/arXiv.${arxiv}` : undefined);
    const year = validYear(paper.year);
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
    let citeKey = `${surname}${year ?? ''}${word}`;
    for (let n = 2; usedKeys.has(citeKey); n++) citeKey = `${surname}${year ?? ''}${word}${n}`;
    usedKeys.add(citeKey);
    const url = safeHttpUrl(paper.url) ?? (arxiv ? `https://arxiv.org/abs/${arxiv}` : undefined);
    const fields: Array<[string, string | number | undefined]> = [
      ['title', `{${bibText(paper.title)}}`],
      ['author', paper.authors.length ? bibText(paper.authors.join(' and ')) : undefined],
      ['year', year],
      ['booktitle', paper.venue ? bibText(paper.venue) : undefined],
      ['eprint', arxiv && bibVerbatim(arxiv)],
      ['archivePrefix', arxiv ? 'arXiv' : undefined],
      ['doi', doi && bibVerbatim(doi)],
      ['url', url && bibVerbatim(url)],
      ['note', `Sidenotes: ${bibText(key)}`],
    ];
    const body = fields
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `  ${k} = {${v}}`)
      .join(',\n');
    const entry = `@${paper.venue ? 'inproceedings' : 'misc'}{${citeKey},\n${body}\n}`;
    entries.push(
      bracesBalance(entry) && !/[\n\r]@/.test(body)
        ? entry
        : `% Sidenotes left out one paper here: its fields could not be written safely.`,
    );
  }
  return entries.join('\n\n') + '\n';
}
