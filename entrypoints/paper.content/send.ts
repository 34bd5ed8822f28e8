import { browser } from 'wxt/browser';
import { unwrap, type ToBackground } from '@/utils/messaging/protocol';

/** The content script's message client, on the native API (see utils/browser.ts). */
export async function sendToBackground<K extends keyof ToBackground>(
  type: K,
  payload: ToBackground[K]['request'],
): Promise<ToBackground[K]['response']> {
  return unwrap(await browser.runtime.sendMessage({ type, payload }));
}
