import { browser } from '../browser';
import { SearchEngine } from './engine';
import { decodeSearchData } from './format';
import { library } from '../library/client';
import { loadSettings } from '../settings/storage';
import { FEED_SEARCH_KEY } from '../sources/shortscience-feed';
import { engineOf, fromBase64 } from './feed-search';

/**
 * The bundled index's search engine, loaded by the page that searches (popup,
 * side panel): one fetch of the packaged `search.bin` (preloaded by the
 * page's <head>), decoded into typed arrays. Nothing goes through the
 * worker, so a sleeping worker costs nothing.
 */
export async function loadBundledSearch(): Promise<SearchEngine> {
  const response = await fetch(browser.runtime.getURL('/index/search.bin'));
  if (!response.ok) throw new Error(`the bundled search index is missing (${response.status})`);
  return new SearchEngine(decodeSearchData(await response.arrayBuffer()));
}

/** The synced ShortScience feed's engine, when the feed is on and has been downloaded. */
export async function loadFeedSearch(): Promise<SearchEngine | null> {
  if (!(await loadSettings()).enabled.shortscience) return null;
  const cached = await (await library()).get('remote', FEED_SEARCH_KEY);
  return cached?.text ? engineOf(fromBase64(cached.text)) : null;
}
