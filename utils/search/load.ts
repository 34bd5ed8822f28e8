import { browser } from '../browser';
import { SearchEngine } from './engine';
import { decodeSearchData } from './format';

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
