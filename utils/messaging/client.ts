import { browser } from '@/utils/platform/browser';
import { unwrap, type ToBackground, type ToTab } from './protocol';

export { MessageError } from './protocol';

/** Sends a message to the background and returns its value, or throws MessageError. */
export async function sendToBackground<K extends keyof ToBackground>(
  type: K,
  payload: ToBackground[K]['request'],
): Promise<ToBackground[K]['response']> {
  return unwrap(await browser.runtime.sendMessage({ type, payload }));
}

/** Sends a message to a tab's top frame (the detection content script). */
export async function sendToTab<K extends keyof ToTab>(
  tabId: number,
  type: K,
  payload: ToTab[K]['request'],
): Promise<ToTab[K]['response']> {
  return unwrap(await browser.tabs.sendMessage(tabId, { type, payload }, { frameId: 0 }));
}
