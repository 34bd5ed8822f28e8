import { browser } from '@/utils/platform/browser';
import { isObject } from '@/utils/core/guards';
import type { RemoteStatus } from './remote-index';
import type { BackoffStore } from './ask-source';

/**
 * Small records about remote sources, in storage.local so the worker and the
 * options page share them and they survive restarts: each remote index's
 * status, the ShortScience feed's last sync, and back-offs sources asked for.
 */
export const INDEX_STATUS_KEY = 'index-status';
export const FEED_STATUS_KEY = 'feed-status';
const BACKOFF_KEY = 'backoff';

export interface FeedStatus {
  /** When the feed was last fetched or confirmed unchanged. */
  lastSync: number | null;
  lastAttempt: number | null;
  summaries: number;
  message: string | null;
  /** Items of the last sync that could not be kept, and why ("2 summaries from … could not be shown: …"). */
  note?: string | null;
}

async function read(key: string): Promise<Record<string, unknown>> {
  const value = (await browser.storage.local.get(key))[key];
  return isObject(value) ? value : {};
}

export async function indexStatuses(): Promise<Record<string, RemoteStatus>> {
  return (await read(INDEX_STATUS_KEY)) as Record<string, RemoteStatus>;
}

// Writes are chained so two quick updates never lose one another.
let writes: Promise<unknown> = Promise.resolve();
function update(key: string, change: (value: Record<string, unknown>) => void): Promise<void> {
  const next = writes.then(async () => {
    const value = await read(key);
    change(value);
    await browser.storage.local.set({ [key]: value });
  });
  writes = next.catch(() => undefined);
  return next;
}

export const saveIndexStatus = (url: string, status: RemoteStatus | null) =>
  update(INDEX_STATUS_KEY, (all) => {
    if (status) all[url] = status;
    else delete all[url];
  });

export async function feedStatus(): Promise<FeedStatus> {
  const value = (await browser.storage.local.get(FEED_STATUS_KEY))[FEED_STATUS_KEY];
  return isObject(value)
    ? (value as unknown as FeedStatus)
    : { lastSync: null, lastAttempt: null, summaries: 0, message: null };
}

export const saveFeedStatus = (status: FeedStatus) =>
  browser.storage.local.set({ [FEED_STATUS_KEY]: status });

export const storageBackoff: BackoffStore = {
  async get(sourceId) {
    const until = (await read(BACKOFF_KEY))[sourceId];
    return typeof until === 'number' ? until : undefined;
  },
  set: (sourceId, until) =>
    update(BACKOFF_KEY, (all) => {
      all[sourceId] = until;
    }),
};
