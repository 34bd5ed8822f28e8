import type { LibraryItem } from '@/utils/core/library-item';

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

const bibEscape = (text: string) => text.replace(/[{}\\]/g, '').replace(/([&%$#_])/g, '\\$1');

/** A BibTeX entry per paper in the library. */
export function exportBibtex(items: readonly LibraryItem[]): string {
  const entries: string[] = [];
  const usedKeys = new Set<string>();
  for (const [key, group] of byPaper(items)) {
    const { paper } = group[0]!.summary;
    const keys = group[0]!.summary.paperKeys;
    const arxiv = keys.find((k) => k.startsWith('arxiv:'))?.slice(6);
    const doi =
      keys.find((k) => k.startsWith('doi:'))?.slice(4) ??
      (arxiv ? `10.48550/arXiv.${arxiv}` : undefined);
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
    let citeKey = `${surname}${paper.year ?? ''}${word}`;
    for (let n = 2; usedKeys.has(citeKey); n++)
      citeKey = `${surname}${paper.year ?? ''}${word}${n}`;
    usedKeys.add(citeKey);
    const fields: Array<[string, string | number | undefined]> = [
      ['title', `{${bibEscape(paper.title)}}`],
      ['author', paper.authors.length ? bibEscape(paper.authors.join(' and ')) : undefined],
      ['year', paper.year],
      ['booktitle', paper.venue ? bibEscape(paper.venue) : undefined],
      ['eprint', arxiv],
      ['archivePrefix', arxiv ? 'arXiv' : undefined],
      ['doi', doi],
      ['url', paper.url ?? (arxiv ? `https://arxiv.org/abs/${arxiv}` : undefined)],
      ['note', `Sidenotes: ${key}`],
    ];
    const body = fields
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `  ${k} = {${v}}`)
      .join(',\n');
    entries.push(`@${paper.venue ? 'inproceedings' : 'misc'}{${citeKey},\n${body}\n}`);
  }
  return entries.join('\n\n') + '\n';
}
