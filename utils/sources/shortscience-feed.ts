import type { PaperRef } from '@/utils/core/paper-ref';
import { keysAgree } from '@/utils/core/paper-ref';
import type { RemoteCache } from '@/utils/db/remote-cache';
import { fetchBounded, type BoundedFetchOptions } from '@/utils/net/fetch-bounded';
import type { Summary } from '@/utils/core/summary';
import { parseStoredSummaries, readSummaries } from '@/utils/core/schema';
import { toBase64 } from '@/utils/core/base64';
import { buildFeedSearch } from '@/utils/search/feed-search';
import { SHORTSCIENCE_FEED_URL } from '@/utils/core/shortscience';
import { parseShortScienceRss } from './shortscience-rss';

export const FEED_CACHE_KEY = 'feed|shortscience';
/** The feed's search index (base64 of `search.bin`), rebuilt whenever the feed changes. */
export const FEED_SEARCH_KEY = 'feed|shortscience|search';
export const FEED_INTERVAL_MS = 24 * 3600_000;
const MAX_FEED_BYTES = 20 * 1024 * 1024;
/** The kept copy's bound (newest first); ShortScience holds a few thousand in all. */
const MAX_FEED_SUMMARIES = 20_000;

export interface FeedSyncResult {
  /** False when the feed was checked recently, or answered 304 Not Modified. */
  changed: boolean;
  summaries: number;
  checkedAt: number;
  /** Items of the feed the schema refused (utils/core/schema.ts), with why; none when unchanged. */
  dropped: string[];
}

/**
 * Brings the local copy of ShortScience's feed, and its search index, up to
 * date: at most once a day (unless `force`), with If-None-Match so an
 * unchanged feed costs a 304.
 * Summaries already held are kept when the feed drops them (it lists the
 * newest only), so the local copy grows into an archive. A broken feed
 * throws and leaves the copy as it was.
 */
export async function syncShortScienceFeed(
  /** Holds the feed and its search index (two files under `feed|shortscience`). */
  cache: RemoteCache,
  options: Pick<BoundedFetchOptions, 'fetch' | 'timeoutMs'> & {
    now?: () => number;
    force?: boolean;
    url?: string;
  } = {},
): Promise<FeedSyncResult> {
  const now = (options.now ?? Date.now)();
  const cached = await cache.get(FEED_CACHE_KEY);
  const held = cached ? readFeedCopy(cached.text) : [];
  if (cached && !options.force && now - cached.fetchedAt < FEED_INTERVAL_MS)
    return { changed: false, summaries: held.length, checkedAt: cached.fetchedAt, dropped: [] };
  const answer = await fetchBounded(options.url ?? SHORTSCIENCE_FEED_URL, {
    maxBytes: MAX_FEED_BYTES,
    timeoutMs: options.timeoutMs ?? 30_000,
    headers: cached?.etag ? { 'If-None-Match': cached.etag } : {},
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let summaries = held;
  let dropped: string[] = [];
  if (answer.status !== 304) {
    // The feed's items, rebuilt by the one schema like every record from outside.
    const read = readSummaries(parseShortScienceRss(answer.text));
    const fresh = read.summaries;
    dropped = read.dropped;
    const ids = new Set(fresh.map((s) => s.id));
    summaries = [...fresh, ...held.filter((s) => !ids.has(s.id))].slice(0, MAX_FEED_SUMMARIES);
    const search = buildFeedSearch(summaries);
    await cache.put({
      key: FEED_SEARCH_KEY,
      text: search ? toBase64(search) : '',
      etag: null,
      fetchedAt: now,
    });
  }
  await cache.put({
    key: FEED_CACHE_KEY,
    text: JSON.stringify(summaries),
    etag: answer.etag ?? cached?.etag ?? null,
    fetchedAt: now,
  });
  return {
    changed: answer.status !== 304,
    summaries: summaries.length,
    checkedAt: now,
    dropped,
  };
}

/** The kept copy's summaries; a damaged copy reads as empty (the next sync rewrites it). */
export const readFeedCopy = (text: string): Summary[] => parseStoredSummaries(text) ?? [];

/** The feed's summaries of a paper: by any shared key; by title only when no id disagrees. */
export function feedSummariesFor(feed: readonly Summary[], ref: Pick<PaperRef, 'keys'>): Summary[] {
  const keys = new Set(ref.keys);
  return feed.filter((s) =>
    s.paperKeys.some(
      (k) => keys.has(k) && (!k.startsWith('title:') || keysAgree(ref.keys, s.paperKeys)),
    ),
  );
}
