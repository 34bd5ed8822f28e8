import { emptyTabState, type TabState } from '@/utils/core/tab-state';
import type { Self } from '@/utils/messaging/router';
import { isViewSender } from '@/utils/messaging/router';
import {
  isTabSubscription,
  TAB_STATE_PORT,
  type TabStatePush,
  type TabSubscription,
} from '@/utils/messaging/worker-to-view';
import { browser, type Runtime } from '@/utils/platform/browser';

interface Follower {
  port: Runtime.Port;
  subscription: TabSubscription;
  /** The tab it shows now. */
  tabId: number;
}

/**
 * The views' subscriptions to tab states: one port per view, the whole
 * state pushed on connect and on every change of the tab it follows.
 * `followedStateOf` is the state for views following a window's active tab
 * (popup, side panel), which may also come from the tab's address.
 */
export function viewPorts(
  self: Self,
  stateOf: (tabId: number) => Promise<TabState | undefined>,
  followedStateOf: (tabId: number) => Promise<TabState | undefined> = stateOf,
) {
  const followers = new Set<Follower>();

  const send = (follower: Follower, state: TabState) => {
    const push: TabStatePush = { type: 'tab-state', state };
    try {
      follower.port.postMessage(push);
    } catch {
      followers.delete(follower); // the view closed meanwhile
    }
  };

  async function show(follower: Follower, tabId: number) {
    follower.tabId = tabId;
    const state =
      tabId === -1
        ? undefined
        : 'tab' in follower.subscription
          ? await stateOf(tabId)
          : await followedStateOf(tabId);
    // The in-page sidebar waits for its own page view's state, which is on its way.
    if ('tab' in follower.subscription) {
      if (state?.view === follower.subscription.view) send(follower, state);
    } else send(follower, state ?? emptyTabState(tabId));
  }

  async function activeTab(window: number | 'last-focused'): Promise<number> {
    const [tab] = await browser.tabs.query(
      window === 'last-focused'
        ? { active: true, lastFocusedWindow: true }
        : { active: true, windowId: window },
    );
    return tab?.id ?? -1;
  }

  return {
    connect(port: Runtime.Port) {
      if (port.name !== TAB_STATE_PORT) return;
      if (!port.sender || !isViewSender(self, port.sender)) return port.disconnect();
      const sender = port.sender;
      port.onMessage.addListener(async (message: unknown) => {
        if (!isTabSubscription(message)) return;
        const tabId = 'tab' in message ? sender.tab?.id : await activeTab(message.window);
        if (tabId === undefined) return;
        const follower: Follower = { port, subscription: message, tabId };
        followers.add(follower);
        await show(follower, tabId);
      });
      port.onDisconnect.addListener(() => {
        for (const f of followers) if (f.port === port) followers.delete(f);
      });
    },

    /** A tab state changed: every view showing that tab gets it. */
    push(state: TabState) {
      for (const f of followers) {
        if (f.tabId !== state.tabId) continue;
        if ('tab' in f.subscription && f.subscription.view !== state.view) continue;
        send(f, state);
      }
    },

    /** A followed tab finished loading a new page: views following it look again (a PDF names no paper by itself). */
    async loaded(tabId: number) {
      for (const f of followers)
        if (f.tabId === tabId && 'window' in f.subscription) await show(f, tabId);
    },

    /** Another tab became active: views following its window switch to it. */
    async activated(tabId: number, windowId: number) {
      for (const f of followers) {
        const { subscription } = f;
        if (!('window' in subscription)) continue;
        if (subscription.window === windowId || subscription.window === 'last-focused')
          await show(f, tabId);
      }
    },
  };
}
