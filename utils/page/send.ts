import { browser } from 'wxt/browser';
import type { Result } from '@/utils/core/result';
import type { PageToWorker } from '@/utils/messaging/page-to-worker';

/**
 * The page's message client, on the native API (the polyfill is too big for
 * this script). A failure is a plain Error with the worker's message: page
 * scripts only log it, so the views' MessageError and its codes stay out of
 * the page scripts' size budget.
 */
export async function sendFromPage<K extends keyof PageToWorker>(
  type: K,
  payload: PageToWorker[K]['request'],
): Promise<PageToWorker[K]['response']> {
  const r = (await browser.runtime.sendMessage({ type, payload })) as
    Result<PageToWorker[K]['response']> | undefined;
  if (r?.ok) return r.value;
  throw new Error(r?.error?.message ?? 'The extension did not answer.');
}
