import { browser } from '@/utils/platform/browser';
import { SearchEngine, searchEngineOf } from '@/utils/search/engine';
import { decodeSearchData } from '@/utils/search/search-file';
import { library } from '@/utils/db/open';
import { cachedRemoteIndex } from './remote-index';
import { loadSettings } from './settings-store';
import { FEED_SEARCH_KEY } from './shortscience-feed';
import { fromBase64 } from '@/utils/core/base64';

/**
 * Set by `public/search-preload.js`, which the popup and side panel load
 * first; null once taken (a preload that runs late then reads nothing).
 */
declare global {
  var sidenotesSearchBytes: Promise<ArrayBuffer> | null | undefined;
}

/**
 * The bundled index's search engine, loaded by the page that searches (popup,
 * side panel): one read of the packaged `search.bin`, started by the page's
 * <head> (or here, on a page without it), decoded into typed arrays. Nothing
 * goes through the worker, so a sleeping worker costs nothing.
 */
export async function loadBundledSearch(): Promise<SearchEngine> {
  const early = globalThis.sidenotesSearchBytes;
  globalThis.sidenotesSearchBytes = null; // taken once: a retry reads the file again
  // An early read that failed is tried once more here, and its error is the one shown.
  const bytes = (await early?.catch(() => null)) ?? (await readBundledSearch());
  return new SearchEngine(decodeSearchData(bytes));
}

async function readBundledSearch(): Promise<ArrayBuffer> {
  const response = await fetch(browser.runtime.getURL('/index/search.bin'));
  if (!response.ok) throw new Error(`the bundled search index is missing (${response.status})`);
  return response.arrayBuffer();
}

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
