import { buildSearchIndex } from '@/utils/search/build';
import { searchEngineOf, type SearchEngine } from '@/utils/search/engine';
import type { LibraryItem } from '@/utils/core/library-item';

export type LibrarySort = 'saved' | 'paper-date' | 'title';

export interface LibraryFilter {
  query: string;
  tag: string;
  sourceId: string;
  sort: LibrarySort;
}

/** A search engine over the library's items (the popup's engine, keyed by item id). */
export function librarySearch(items: readonly LibraryItem[]): SearchEngine {
  const bytes = buildSearchIndex(
    items.map((item) => ({
      key: item.id,
      paper: item.summary.paper,
      summaries: [
        {
          body: `${item.summary.body} ${item.note} ${item.tags.join(' ')}`,
          source: item.summary.source,
        },
      ],
    })),
  );
  return searchEngineOf(bytes);
}

const paperDate = (item: LibraryItem) =>
  String(item.summary.paper.year ?? '') + (item.summary.date ?? '');

/** The items to show, in order: searched (by relevance) or sorted, then filtered. */
export function viewItems(
  items: readonly LibraryItem[],
  engine: SearchEngine | null,
  filter: LibraryFilter,
): LibraryItem[] {
  let list: LibraryItem[];
  if (filter.query.trim() && engine) {
    const byId = new Map(items.map((i) => [i.id, i]));
    list = engine
      .search(filter.query, { limit: items.length })
      .hits.map((h) => byId.get(h.doc.key))
      .filter((i): i is LibraryItem => i !== undefined);
  } else {
    const compare: Record<LibrarySort, (a: LibraryItem, b: LibraryItem) => number> = {
      saved: (a, b) => b.savedAt.localeCompare(a.savedAt),
      'paper-date': (a, b) => paperDate(b).localeCompare(paperDate(a)),
      title: (a, b) => a.summary.paper.title.localeCompare(b.summary.paper.title),
    };
    list = [...items].sort(compare[filter.sort]);
  }
  return list.filter(
    (i) =>
      (!filter.tag || i.tags.includes(filter.tag)) &&
      (!filter.sourceId || i.summary.source.id === filter.sourceId),
  );
}

export const allTags = (items: readonly LibraryItem[]): string[] =>
  [...new Set(items.flatMap((i) => i.tags))].sort();

export const allSources = (items: readonly LibraryItem[]): Array<{ id: string; name: string }> => [
  ...new Map(
    items.map((i) => [
      i.summary.source.id,
      { id: i.summary.source.id, name: i.summary.source.name },
    ]),
  ).values(),
];
