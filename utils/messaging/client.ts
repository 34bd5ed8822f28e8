import { unwrap } from '@/utils/core/result';
import { browser } from '@/utils/platform/browser';
import type { ViewToWorker } from './view-to-worker';
import type { WorkerToPage } from './worker-to-page';

export { MessageError } from '@/utils/core/result';

/** An extension page asks the worker; returns the value, or throws MessageError. */
export async function sendToWorker<K extends keyof ViewToWorker>(
  type: K,
  payload: ViewToWorker[K]['request'],
): Promise<ViewToWorker[K]['response']> {
  return unwrap(await browser.runtime.sendMessage({ type, payload }));
}

/** The worker tells a tab's top frame (the detection content script). */
export async function sendToTab<K extends keyof WorkerToPage>(
  tabId: number,
  type: K,
  payload: WorkerToPage[K]['request'],
): Promise<WorkerToPage[K]['response']> {
  return unwrap(await browser.tabs.sendMessage(tabId, { type, payload }, { frameId: 0 }));
}
