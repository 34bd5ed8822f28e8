import { fail, ok } from '@/utils/core/result';
import type { PaperStates } from '@/utils/lookup/paper-states';
import { sendToTab } from '@/utils/messaging/client';
import type { Handlers } from '@/utils/messaging/router';
import type { ViewToWorker } from '@/utils/messaging/view-to-worker';

type ViewMessages = 'view:retry-source' | 'view:collapse-sidebar';

/** What the extension's views may ask besides the library. */
export function viewHandlers(papers: PaperStates): Handlers<Pick<ViewToWorker, ViewMessages>> {
  return {
    async 'view:retry-source'(payload) {
      const { tabId, sourceId } = (payload ?? {}) as Record<string, unknown>;
      if (typeof tabId !== 'number' || typeof sourceId !== 'string' || sourceId.length > 2100)
        return fail('bad-request', 'Malformed retry.');
      return (await papers.retry(tabId, sourceId))
        ? ok(null)
        : fail('not-found', 'That source is no longer asked about this tab’s paper.');
    },

    async 'view:collapse-sidebar'(_payload, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return fail('bad-request', 'Not from the in-page sidebar.');
      await sendToTab(tabId, 'tab:collapse-sidebar', {});
      return ok(null);
    },
  };
}
