import { browser } from 'wxt/browser';
import { unwrap } from '@/utils/core/result';
import type { PageToWorker } from '@/utils/messaging/page-to-worker';

/** The page's message client, on the native API (the polyfill is too big for this script). */
export async function sendToWorker<K extends keyof PageToWorker>(
  type: K,
  payload: PageToWorker[K]['request'],
): Promise<PageToWorker[K]['response']> {
  return unwrap(await browser.runtime.sendMessage({ type, payload }));
}
