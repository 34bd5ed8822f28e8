import type { LibraryItem } from '@/utils/core/library-item';
import type { ListedMatch, ListedMatches } from '@/utils/core/tab-state';
import type { Summary } from '@/utils/core/summary';

/** Keys remembered per listing page at most (a list sends at most 10,000 links). */
export const MAX_LISTED_KEYS = 10_000;

interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

interface Listed {
  /** The page they were listed on (its document), so a new page starts afresh. */
  page: string;
  keys: string[];
}

const keyOf = (tabId: number) => `listed:${tabId}`;

/**
 * The paper keys a tab's listing page sent for its badges, kept so the
 * extension's own views can say which of them are in the user's library.
 * Nothing is matched against private data here, when the page asks: only
 * when a view asks (listedMatches), so neither the page's badges nor their
 * timing depend on the library. In storage.session: the worker may stop.
 */
export function listedPapers(area: SessionArea) {
  return {
    async add(tabId: number, page: string, keys: readonly string[]): Promise<void> {
      const stored = (await area.get(keyOf(tabId)))[keyOf(tabId)] as Listed | undefined;
      const before = stored?.page === page ? stored.keys : [];
      const all = [...new Set([...before, ...keys])].slice(0, MAX_LISTED_KEYS);
      await area.set({ [keyOf(tabId)]: { page, keys: all } satisfies Listed });
    },
    async keys(tabId: number): Promise<string[]> {
      const stored = (await area.get(keyOf(tabId)))[keyOf(tabId)] as Listed | undefined;
      return Array.isArray(stored?.keys) ? stored.keys : [];
    },
    forget: (tabId: number) => area.remove(keyOf(tabId)),
  };
}

/** Which listed papers are in the library and the kept feed: for extension views only. */
export function listedMatches(
  keys: readonly string[],
  items: readonly LibraryItem[],
  feed: readonly Summary[],
): ListedMatches {
  const listed = new Set(keys);
  const byKey = new Map<string, ListedMatch>();
  for (const item of items) {
    const key = item.summary.paperKeys.find((k) => listed.has(k));
    if (!key) continue;
    const own = item.kind === 'own' || byKey.get(key)?.own === true;
    byKey.set(key, { key, title: item.summary.paper.title, own });
  }
  const inFeed = new Set(feed.flatMap((s) => s.paperKeys.filter((k) => listed.has(k)))).size;
  const inLibrary = [...byKey.values()].sort(
    (a, b) => Number(b.own) - Number(a.own) || a.title.localeCompare(b.title),
  );
  return { inLibrary, inFeed };
}
