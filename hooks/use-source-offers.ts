import { useState } from 'preact/hooks';
import { errorMessage } from '@/utils/core/guards';
import type { TabState } from '@/utils/core/tab-state';
import { sendToWorker } from '@/utils/messaging/client';
import { guardWrite } from './use-write-confirm';
import { browser } from '@/utils/platform/browser';
import { hostsOf } from '@/utils/sources/settings';

export interface SourceOffers {
  /** "Ask once": this paper only, the source stays off. Call from the user's click. */
  askOnce(sourceId: string): void;
  /** "Always ask": the source turned on, then asked. Call from the user's click. */
  alwaysAsk(sourceId: string): void;
  /** Retry of a source asked once: its permission may have been given back, so asked again. */
  retryOnce(sourceId: string): void;
  /** The source whose click waits for the browser or the worker. */
  pending: string | null;
  /** Why the last click asked nothing, in plain words. */
  notice: string | null;
}

type OfferMessage = 'view:ask-source-once' | 'view:always-ask' | 'view:retry-source';

/** What the page's sidebar says where it cannot ask for a permission itself (Firefox). */
export const PERMISSIONS_ELSEWHERE = (name: string): string =>
  `${name} was not asked: in Firefox, the sidebar inside the page cannot ask for a permission. Open Sidenotes in Firefox's sidebar (Alt+Shift+P) to ask it, or turn it on in Sources.`;

/**
 * The offers of the tab's paper, acted on from the sidebar or the side
 * panel. Each action first asks the browser for the source's hosts, in the
 * click's own task: Chrome shows its permission prompt from the in-page
 * sidebar frame as from the options page, as long as the click's user
 * gesture is still alive (scripts/permission-from-frame.ts checks it), so
 * nothing may be awaited before the request. Then the worker asks.
 */
export function useSourceOffers(state: TabState): SourceOffers {
  const [pending, setPending] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const askSource = (message: OfferMessage, sourceId: string) => {
    const offer = state.offers.find((o) => o.id === sourceId);
    const asked = state.sources.find((s) => s.id === sourceId);
    const origins = offer?.origins ?? asked?.origins;
    const name = offer?.name ?? asked?.name ?? sourceId;
    if (!origins) return;
    // Firefox gives an extension frame inside a web page no `permissions` API:
    // the request can only come from the add-on's own sidebar or pages.
    if (typeof (browser as Partial<typeof browser>).permissions?.request !== 'function') {
      setNotice(PERMISSIONS_ELSEWHERE(name));
      return;
    }
    const labels: Record<OfferMessage, string> = {
      'view:ask-source-once': `Ask ${name} about this paper?`,
      'view:always-ask': `Always ask ${name}?`,
      'view:retry-source': `Ask ${name} again?`,
    };
    // A covered or just-uncovered frame must not grant a permission or change a setting.
    guardWrite(
      labels[message],
      () => {
        const tabId = state.tabId;
        setNotice(null);
        setPending(sourceId);
        browser.permissions
          .request({ origins })
          .then(async (granted) => {
            if (!granted) {
              setNotice(
                `${name} was not asked: the browser did not give Sidenotes permission to contact ${hostsOf(origins)}.`,
              );
              return;
            }
            await sendToWorker(message, { tabId, sourceId });
          })
          .catch((error: unknown) => setNotice(`${name} was not asked: ${errorMessage(error)}`))
          .finally(() => setPending(null));
      },
      (why) => setNotice(why),
    );
  };

  return {
    askOnce: (id) => askSource('view:ask-source-once', id),
    alwaysAsk: (id) => askSource('view:always-ask', id),
    retryOnce: (id) => askSource('view:retry-source', id),
    pending,
    notice,
  };
}
