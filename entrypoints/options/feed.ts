import { errorMessage } from '@/utils/guards';
import { library } from '@/utils/library/client';
import { idbRemoteCache } from '@/utils/lookup/remote-index';
import { FEED_CACHE_KEY, syncShortScienceFeed } from '@/utils/sources/shortscience-feed';
import { feedStatus, saveFeedStatus, type FeedStatus } from '@/utils/sources/status-store';

/** Checks ShortScience's feed now (the user asked), and records how it went. */
export async function syncFeedNow(show: (status: FeedStatus) => void): Promise<void> {
  const previous = await feedStatus();
  let status: FeedStatus;
  try {
    const result = await syncShortScienceFeed(idbRemoteCache(await library(), 2, FEED_CACHE_KEY), {
      force: true,
    });
    status = {
      lastSync: result.checkedAt,
      lastAttempt: Date.now(),
      summaries: result.summaries,
      message: null,
    };
  } catch (error) {
    status = { ...previous, lastAttempt: Date.now(), message: errorMessage(error) };
  }
  await saveFeedStatus(status);
  show(status);
}
