import { errorMessage } from '@/utils/core/guards';
import { droppedNote } from '@/utils/core/schema';
import { library } from '@/utils/db/open';
import { idbRemoteCache } from '@/utils/db/remote-cache';
import { FEED_CACHE_KEY, syncShortScienceFeed } from './shortscience-feed';
import { feedStatus, saveFeedStatus, type FeedStatus } from './status-store';

/**
 * Syncs ShortScience's feed into the library database and records how it
 * went, for the worker (daily) and the options page (Check now) alike. A
 * failure is recorded with the last good sync kept, never thrown.
 */
export async function syncFeedAndRecord(force: boolean): Promise<FeedStatus> {
  const previous = await feedStatus();
  let status: FeedStatus;
  try {
    const result = await syncShortScienceFeed(idbRemoteCache(await library(), 2, FEED_CACHE_KEY), {
      force,
    });
    status = {
      lastSync: result.checkedAt,
      lastAttempt: Date.now(),
      summaries: result.summaries,
      message: null,
      // A sync that found the feed unchanged keeps what the last one said.
      note: result.changed
        ? droppedNote(result.dropped, "ShortScience's feed")
        : (previous.note ?? null),
    };
  } catch (error) {
    status = { ...previous, lastAttempt: Date.now(), message: errorMessage(error) };
  }
  await saveFeedStatus(status);
  return status;
}
