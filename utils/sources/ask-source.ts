import { errorMessage } from '@/utils/core/guards';
import type { RemoteCache } from '@/utils/db/remote-cache';
import { fetchBounded, NetError } from '@/utils/net/fetch-bounded';
import { sortSummaries, type Summary } from '@/utils/core/summary';
import { droppedNote, parseStoredSummaries } from '@/utils/core/schema';
import type { SourceAnswer } from '@/utils/core/tab-state';
import type { LiveSource, SourceRef } from './types';

export type { SourceAnswer } from '@/utils/core/tab-state';

/** When a source asked to be left alone until (epoch ms); kept across browser restarts. */
export interface BackoffStore {
  get(sourceId: string): Promise<number | undefined>;
  set(sourceId: string, until: number): Promise<void>;
}

export interface AskOptions {
  /** The cache of answers (IndexedDB in the extension; keys start with `live|`). */
  cache: RemoteCache;
  backoff: BackoffStore;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
  /** A fresh answer is not asked again within this time. */
  ttlMs?: number;
  /** Ask even if the cached answer is fresh (the user's Retry). Never ignores a back-off. */
  force?: boolean;
}

export const ANSWER_TTL_MS = 3 * 24 * 3600_000;
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

const time = (ms: number) =>
  new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
const day = (ms: number) => new Date(ms).toLocaleString();

/**
 * Asks a live source about a paper, politely: a fresh cached answer is used
 * as is (so revisits cost nothing), a source that asked to wait is not asked
 * before then, and when a source fails the last answer it gave is shown with
 * a note. Never throws: a failure is an answer that says so.
 */
export async function askLiveSource(
  source: LiveSource,
  ref: SourceRef,
  options: AskOptions,
): Promise<SourceAnswer> {
  const { id, name } = source.info;
  const now = (options.now ?? Date.now)();
  const answer = (
    summaries: Summary[],
    note: string | null = null,
    failed = false,
    dropped = 0,
  ): SourceAnswer => ({
    id,
    name,
    summaries: sortSummaries(summaries),
    note,
    failed,
    ...(dropped ? { dropped } : {}),
  });
  const urls = source.requestUrls(ref);
  if (!urls.length) return answer([]);
  const vary = source.cacheKey?.(ref);
  const key = `live|${id}|${urls[0]}${vary ? `|${vary}` : ''}`;
  const cached = await options.cache.get(key);
  const previous = cached && parseStoredSummaries(cached.text);
  if (previous && !options.force && now - cached.fetchedAt < (options.ttlMs ?? ANSWER_TTL_MS))
    return answer(previous);

  const failedWith = (message: string) =>
    previous
      ? answer(previous, `${message} Showing its answer from ${day(cached.fetchedAt)}.`)
      : answer([], message, true);

  const until = await options.backoff.get(id);
  if (until !== undefined && until > now)
    return failedWith(`${name} asked Sidenotes to wait until ${time(until)}.`);

  try {
    let summaries: Summary[] = [];
    let dropped: string[] = [];
    // Some sources answer older papers at a second address (OpenReview API v1).
    for (const url of urls) {
      try {
        const { text } = await fetchBounded(url, {
          maxBytes: MAX_ANSWER_BYTES,
          timeoutMs: options.timeoutMs ?? 8000,
          now: () => now,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        });
        ({ summaries, dropped } = source.parse(text, ref));
      } catch (error) {
        if (!(error instanceof NetError && error.code === 'not-found')) throw error;
      }
      if (summaries.length || dropped.length) break;
    }
    // "Nothing here" is an answer too, cached like any other. A full disk
    // loses the cached copy, not the answer.
    await options.cache
      .put({ key, text: JSON.stringify(summaries), etag: null, fetchedAt: now })
      .catch(() => undefined);
    return answer(summaries, droppedNote(dropped, name), false, dropped.length);
  } catch (error) {
    if (error instanceof NetError) {
      if (error.code === 'rate-limited') {
        const at = error.retryAt ?? now + 60_000;
        await options.backoff.set(id, at);
        return failedWith(`${name} asked Sidenotes to wait until ${time(at)}.`);
      }
      // Not paused: automatic asks happen once per paper opened, and Retry is the user's call.
      if (['timeout', 'offline', 'server'].includes(error.code))
        return failedWith(`${name} did not answer.`);
    }
    return failedWith(`${name}: ${errorMessage(error)}`);
  }
}
