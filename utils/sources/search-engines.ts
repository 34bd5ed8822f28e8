import { SearchEngine, searchEngineOf } from '@/utils/search/engine';
import { library } from '@/utils/db/open';
import { cachedRemoteIndex } from './remote-index';
import { loadSettings } from './settings-store';
import { FEED_SEARCH_KEY } from './shortscience-feed';
import { fromBase64 } from '@/utils/core/base64';

/** The synced ShortScience feed's engine, when the feed is on and has been downloaded. */
export async function loadFeedSearch(): Promise<SearchEngine | null> {
  if (!(await loadSettings()).enabled.shortscience) return null;
  const cached = await (await library()).get('remote', FEED_SEARCH_KEY);
  return cached?.text ? searchEngineOf(fromBase64(cached.text)) : null;
}

/** The search files of the remote indexes that were downloaded for offline use. */
export async function loadRemoteIndexSearches(): Promise<SearchEngine[]> {
  const { remoteIndexes } = await loadSettings();
  const db = await library();
  const engines: SearchEngine[] = [];
  for (const url of remoteIndexes) {
    const bytes = await cachedRemoteIndex(db, url)
      .cachedSearch()
      .catch(() => null);
    if (bytes) engines.push(searchEngineOf(bytes));
  }
  return engines;
}
