import { SearchEngine } from '@/utils/search/engine';
import { decodeSearchData } from '@/utils/search/search-file';

/**
 * The packaged index's search file, from any extension page (they all live
 * at the extension's root). Read without the extension API, so the popup's
 * first results load no more code than the search itself needs.
 */
export const BUNDLED_SEARCH_PATH = '/index/search.bin';

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
  const response = await fetch(BUNDLED_SEARCH_PATH);
  if (!response.ok) throw new Error(`the bundled search index is missing (${response.status})`);
  return response.arrayBuffer();
}
