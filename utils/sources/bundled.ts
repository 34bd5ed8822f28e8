import {
  BUNDLED_KEY_COUNTS_FILE,
  parseKeyCounts,
  type KeyCounts,
} from '@/utils/index-format/key-counts';
import { IndexReader } from '@/utils/index-format/reader';
import { browser } from '@/utils/platform/browser';

/** The index packaged with the extension (public/index), read shard by shard on demand. */
export function bundledIndex(): { name: string; reader: IndexReader } {
  return {
    name: 'Bundled summaries',
    reader: new IndexReader(async (path) => {
      const response = await fetch(browser.runtime.getURL(`/index/${path}`));
      if (!response.ok)
        throw new Error(`The bundled index file ${path} is missing (${response.status}).`);
      return response.text();
    }),
  };
}

let keyCounts: Promise<KeyCounts> | undefined;

/**
 * The bundled index's summary counts per key, for listing badges: one
 * packaged file the build derives from the shards (wxt.config.ts), read once
 * per worker life instead of a shard per listed paper.
 */
export function bundledKeyCounts(): Promise<KeyCounts> {
  keyCounts ??= fetch(browser.runtime.getURL(`/${BUNDLED_KEY_COUNTS_FILE}`))
    .then(async (response) => {
      if (!response.ok)
        throw new Error(`${BUNDLED_KEY_COUNTS_FILE} is missing (${response.status}).`);
      return parseKeyCounts(await response.text());
    })
    .catch((error: unknown) => {
      keyCounts = undefined; // let a later page try again
      throw error;
    });
  return keyCounts;
}
