import type { StoredTab, TabStore } from './paper-states';

interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const keyOf = (tabId: number) => `tab:${tabId}`;

/**
 * Tab states in storage.session: they outlive the worker (Chrome stops it
 * after 30 s idle) but not the browser session, and no page can read them.
 */
export function sessionTabStore(area: SessionArea): TabStore {
  return {
    async read(tabId) {
      const stored = (await area.get(keyOf(tabId)))[keyOf(tabId)];
      return isStoredTab(stored) ? stored : undefined;
    },
    write: (tab) => area.set({ [keyOf(tab.state.tabId)]: tab }),
    remove: (tabId) => area.remove(keyOf(tabId)),
  };
}

/** What the worker itself wrote; a shape check guards against an older version's layout. */
function isStoredTab(value: unknown): value is StoredTab {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<StoredTab>;
  return (
    typeof v.view === 'string' &&
    Array.isArray(v.keys) &&
    Array.isArray(v.local) &&
    typeof v.state === 'object' &&
    v.state !== null &&
    Array.isArray(v.state.sources) &&
    Array.isArray(v.state.offers)
  );
}
