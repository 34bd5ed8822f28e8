import { fail, ok } from '@/utils/core/result';
import type { ListedMatches } from '@/utils/core/tab-state';
import type { PaperStates } from '@/utils/lookup/paper-states';
import { sendToTab } from '@/utils/messaging/client';
import type { Handlers } from '@/utils/messaging/router';
import type { ViewToWorker } from '@/utils/messaging/view-to-worker';
import { LIVE_SOURCE_IDS, type LiveSourceId } from '@/utils/sources/settings';
import type { remoteSources } from '@/utils/sources/worker-sources';

type ViewMessages =
  | 'view:retry-source'
  | 'view:ask-source-once'
  | 'view:always-ask'
  | 'view:collapse-sidebar'
  | 'view:listed-matches'
  | 'view:recognise-tab';

const isLiveSourceId = (id: string): id is LiveSourceId =>
  (LIVE_SOURCE_IDS as readonly string[]).includes(id);

/** What the extension's views may ask besides the library. */
export function viewHandlers(
  papers: PaperStates,
  remote: Pick<ReturnType<typeof remoteSources>, 'enable'>,
  listedIn: (tabId: number) => Promise<ListedMatches>,
  recogniseTab: (tabId: number) => Promise<boolean>,
): Handlers<Pick<ViewToWorker, ViewMessages>> {
  return {
    async 'view:retry-source'(payload) {
      return (await papers.retry(payload.tabId, payload.sourceId))
        ? ok(null)
        : fail('not-found', 'That source is no longer asked about this tab’s paper.');
    },

    async 'view:ask-source-once'(payload) {
      return (await papers.askOnce(payload.tabId, payload.sourceId))
        ? ok(null)
        : fail('not-found', 'That source is not offered for this tab’s paper.');
    },

    async 'view:always-ask'(payload) {
      if (!isLiveSourceId(payload.sourceId)) return fail('bad-request', 'Malformed request.');
      if (!(await remote.enable(payload.sourceId)))
        return fail('bad-request', 'The browser did not give Sidenotes permission to contact it.');
      await papers.replan(payload.tabId);
      return ok(null);
    },

    async 'view:listed-matches'({ tabId }) {
      return ok(await listedIn(tabId));
    },

    // A tab the popup opened on: the probe, once (it fails where the click lent nothing).
    async 'view:recognise-tab'({ tabId }) {
      return ok(
        await recogniseTab(tabId).catch((error: unknown) => {
          console.info('Sidenotes: cannot look for a paper in this tab', error);
          return false;
        }),
      );
    },

    async 'view:collapse-sidebar'(_payload, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return fail('bad-request', 'Not from the in-page sidebar.');
      await sendToTab(tabId, 'tab:collapse-sidebar', {});
      return ok(null);
    },
  };
}
