import type { LibraryItem } from '@/utils/core/library-item';
import { bibtexEntry, citeKeyOf } from '@/utils/render/citation';

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

/** One readable Markdown file: a section per paper, its summaries, tags and notes. */
export function exportMarkdown(
  items: readonly LibraryItem[],
  exportedAt = new Date().toISOString(),
): string {
  const lines = [
    `# Sidenotes library`,
    '',
    `Exported ${exportedAt.slice(0, 10)} · ${items.length} item${items.length === 1 ? '' : 's'}`,
    '',
  ];
  for (const [key, group] of byPaper(items)) {
    const { paper } = group[0]!.summary;
    lines.push(`## ${paper.title}`, '');
    const meta = [paper.authors.join(', '), paper.year, paper.venue, paper.url ?? key]
      .filter(Boolean)
      .join(' · ');
    if (meta) lines.push(`*${meta}*`, '');
    for (const item of group) {
      const s = item.summary;
      lines.push(
        `### ${item.kind === 'own' ? 'Your summary' : `${s.source.name}${s.label ? ` — ${s.label}` : ''}`}`,
        '',
      );
      lines.push(
        `${s.author ? `by ${s.author}` : 'anonymous'}${s.link ? ` · ${s.link}` : ''} · ${s.source.kind}-written · licence: ${s.source.licence}`,
        '',
      );
      if (item.tags.length) lines.push(`Tags: ${item.tags.map((t) => `\`${t}\``).join(' ')}`, '');
      lines.push(s.body.trim(), '');
      if (item.note.trim())
        lines.push(`> **Note:** ${item.note.trim().replace(/\n/g, '\n> ')}`, '');
    }
  }
  return lines.join('\n');
}

/** A BibTeX entry per paper in the library (utils/render/citation.ts escapes every field). */
export function exportBibtex(items: readonly LibraryItem[]): string {
  const entries: string[] = [];
  const usedKeys = new Set<string>();
  for (const [key, group] of byPaper(items)) {
    const { paper, paperKeys } = group[0]!.summary;
    const cited = { ...paper, keys: paperKeys };
    let citeKey = citeKeyOf(cited);
    for (let n = 2; usedKeys.has(citeKey); n++) citeKey = `${citeKeyOf(cited)}${n}`;
    usedKeys.add(citeKey);
    entries.push(bibtexEntry(cited, { citeKey, note: `Sidenotes: ${key}` }));
  }
  return entries.join('\n\n') + '\n';
}
