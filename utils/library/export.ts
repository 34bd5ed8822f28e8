import type { LibraryItem } from '@/utils/core/library-item';
import { safeHttpUrl } from '@/utils/core/url';
import { bibtexEntry, citeKeyOf, validYear } from '@/utils/render/citation';

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

/** Items grouped by paper (its first key), in library order: one reference per paper. */
export const byPaper = (items: readonly LibraryItem[]) => {
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

/**
 * A BibTeX entry per paper in the library, written by the one entry function
 * the views' *Copy BibTeX* uses (utils/render/citation.ts: every field
 * escaped, ids only from keys that fit the key grammar). An entry that would
 * still fail the brace check is left out with a comment, never written.
 */
export function exportBibtex(items: readonly LibraryItem[]): string {
  const entries: string[] = [];
  const usedKeys = new Set<string>();
  for (const [key, group] of byPaper(items)) {
    const { paper, paperKeys } = group[0]!.summary;
    const cited = { ...paper, keys: paperKeys };
    let citeKey = citeKeyOf(cited);
    for (let n = 2; usedKeys.has(citeKey); n++) citeKey = `${citeKeyOf(cited)}${n}`;
    usedKeys.add(citeKey);
    entries.push(
      bibtexEntry(cited, { citeKey, note: `Sidenotes: ${key}` }) ??
        `% Sidenotes left out one paper here: its fields could not be written safely.`,
    );
  }
  return entries.join('\n\n') + '\n';
}
