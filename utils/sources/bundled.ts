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
