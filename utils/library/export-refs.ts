import type { LibraryItem } from '@/utils/core/library-item';
import { safeHttpUrl } from '@/utils/core/url';
import { citeKeyOf, type CitedPaper } from '@/utils/render/citation';
import { cslItem, type CslItem } from '@/utils/render/csl';
import { oneLine } from '@/utils/render/reference';
import { risRecord } from '@/utils/render/ris';
import { byPaper } from './export';

/**
 * The library for reference managers (Zotero, Mendeley, EndNote): one
 * reference per paper, as the BibTeX export, each with its summaries (and
 * the reader's notes on them) as notes and the items' tags as keywords.
 * Summaries are strangers' Markdown: they go out as text, never rendered.
 */

/** One summary as a note: who wrote it and where, its text, the reader's note. */
export function itemNote(item: LibraryItem): string {
  const s = item.summary;
  const by = s.author ? `, by ${oneLine(s.author)}` : '';
  const heading =
    item.kind === 'own'
      ? 'Your summary (Sidenotes)'
      : `Summary from ${oneLine(s.source.name)}${s.label ? ` — ${oneLine(s.label)}` : ''}${by}`;
  const link = safeHttpUrl(s.link);
  return [
    link ? `${heading}: ${link}` : heading,
    '',
    s.body.trim(),
    ...(item.note.trim() ? ['', `Your note: ${item.note.trim()}`] : []),
  ].join('\n');
}

interface PaperGroup {
  paper: CitedPaper;
  citeKey: string;
  notes: string[];
  keywords: string[];
}

function papers(items: readonly LibraryItem[]): PaperGroup[] {
  const used = new Set<string>();
  return [...byPaper(items).values()].map((group) => {
    const { paper, paperKeys } = group[0]!.summary;
    const cited: CitedPaper = { ...paper, keys: paperKeys };
    let citeKey = citeKeyOf(cited);
    for (let n = 2; used.has(citeKey); n++) citeKey = `${citeKeyOf(cited)}${n}`;
    used.add(citeKey);
    return {
      paper: cited,
      citeKey,
      notes: group.map(itemNote),
      keywords: [...new Set(group.flatMap((i) => i.tags))],
    };
  });
}

/** A `.ris` file: one record per paper, records separated by a blank line. */
export function exportRis(items: readonly LibraryItem[]): string {
  return papers(items)
    .map((p) => risRecord(p.paper, { id: p.citeKey, notes: p.notes, keywords: p.keywords }))
    .join('\r\n');
}

/** A CSL-JSON file: an array of CSL items, one per paper. */
export function exportCslJson(items: readonly LibraryItem[]): string {
  const data: CslItem[] = papers(items).map((p) =>
    cslItem(p.paper, { id: p.citeKey, notes: p.notes, keywords: p.keywords }),
  );
  return JSON.stringify(data, null, 1) + '\n';
}
