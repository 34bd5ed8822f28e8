import { useLayoutEffect, useState } from 'preact/hooks';
import type { TabState } from '@/utils/core/tab-state';
import { sendToWorker } from '@/utils/messaging/client';
import {
  TAB_STATE_PORT,
  type TabStatePush,
  type TabSubscription,
} from '@/utils/messaging/worker-to-view';
import { browser } from '@/utils/platform/browser';

export type TabStateLoad =
  | { status: 'loading' }
  | { status: 'ready'; state: TabState; retry(sourceId: string): void }
  | { status: 'failed'; message: string };

/**
 * A tab's paper state, as the worker resolved it: one port, the whole state
 * on every change. When Chrome stops the worker the port closes; the view
 * connects again and the worker picks the state up from storage.session.
 */
export function useTabState(subscription: TabSubscription | null): TabStateLoad {
  const [load, setLoad] = useState<TabStateLoad>({ status: 'loading' });
  const key = JSON.stringify(subscription);
  // Connected before the first paint (a plain effect waits for the frame after it).
  useLayoutEffect(() => {
    if (!subscription) return;
    let closed = false;
    let revision = -1;
    let tabId = -2;
    let port: ReturnType<typeof browser.runtime.connect> | undefined;
    const retry = (sourceId: string) =>
      void sendToWorker('view:retry-source', { tabId, sourceId }).catch((e: unknown) =>
        console.warn('Sidenotes: retry', e),
      );
    const connect = () => {
      port = browser.runtime.connect({ name: TAB_STATE_PORT });
      port.onMessage.addListener((message: unknown) => {
        const push = message as TabStatePush;
        if (push?.type !== 'tab-state') return;
        // Another tab (the popup or side panel followed a switch) always shows; the same tab only moves forward.
        if (push.state.tabId === tabId && push.state.revision < revision) return;
        if (revision === -1) performance.mark('sidenotes:state-received');
        tabId = push.state.tabId;
        revision = push.state.revision;
        setLoad({ status: 'ready', state: push.state, retry });
      });
      port.onDisconnect.addListener(() => {
        if (!closed) setTimeout(connect, 50);
      });
      port.postMessage(subscription);
    };
    try {
      connect();
    } catch (error) {
      setLoad({
        status: 'failed',
        message: error instanceof Error ? error.message : String(error),
      });
    }
    return () => {
      closed = true;
      port?.disconnect();
    };
  }, [key]);
  return load;
}
