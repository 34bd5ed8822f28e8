import { defineBackground } from 'wxt/utils/define-background';
import { errorMessage } from '@/utils/core/guards';
import { LibraryError } from '@/utils/core/library-item';
import { fail } from '@/utils/core/result';
import { announceLibraryChange, library, onLibraryChange } from '@/utils/db/open';
import { allItems, itemsForPaper } from '@/utils/library/library';
import { lookupSummaries } from '@/utils/index-format/lookup';
import { listedMatches, listedPapers } from '@/utils/lookup/listed-papers';
import { listingCounts, listingTables } from '@/utils/lookup/listing-counts';
import { localLookup } from '@/utils/lookup/local';
import { PaperStates } from '@/utils/lookup/paper-states';
import { tabTitles } from '@/utils/lookup/tab-title';
import { fromAddress, stateWithTabUrl } from '@/utils/lookup/tab-url';
import { sessionTabStore } from '@/utils/lookup/session-store';
import { sendToTab } from '@/utils/messaging/client';
import {
  checked,
  createRouter,
  isPageSender,
  isViewSender,
  type Self,
} from '@/utils/messaging/router';
import { PAGE_PAYLOADS } from '@/utils/messaging/page-to-worker';
import { VIEW_PAYLOADS } from '@/utils/messaging/view-to-worker';
import { browser } from '@/utils/platform/browser';
import { bundledIndex, bundledKeyCounts } from '@/utils/sources/bundled';
import { askArxivTitle, asksArxiv } from '@/utils/sources/arxiv-titles';
import {
  forgetRevoked,
  isWatched,
  recogniseTab,
  RECOGNISE_KEY,
  runDetection,
  syncProbes,
  watchedPatterns,
} from '@/utils/sources/recognise';
import { liveSourceCache, remoteSources } from '@/utils/sources/worker-sources';
import { SYNC_ALARM, syncService } from '@/utils/sync/service';
import { commandsAndMenus } from './commands';
import { welcomeOnInstall } from './first-run';
import { libraryHandlers } from './library-handlers';
import { pageHandlers } from './page-handlers';
import { syncHandlers } from './sync-handlers';
import { viewHandlers } from './view-handlers';
import { viewPorts } from './view-ports';

/**
 * The worker: one router for every message direction, one tab state per
 * tab, the views' subscriptions, commands and menus. Wiring only; what each
 * part does lives in utils/.
 */
export default defineBackground(() => {
  const self: Self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  // Seen only where the host is granted (the paper sites): no `tabs` permission.
  const tabUrl = async (tabId: number) => (await browser.tabs.get(tabId).catch(() => null))?.url;
  const remote = remoteSources();
  const ports = viewPorts(
    self,
    (tabId) => papers.get(tabId),
    // Firefox's PDF viewer runs no content script: the popup and sidebar take the paper from the address.
    (tabId) => stateWithTabUrl(papers, tabUrl)(tabId),
  );
  const bundled = bundledIndex();
  // Sync: what other devices changed is written into the library, then announced like any change.
  const sync = syncService({ db: library, onReceived: announceLibraryChange });
  const papers = new PaperStates({
    lookupLocal: localLookup({
      bundled,
      own: async (keys) =>
        (await itemsForPaper(await library(), keys))
          .filter((item) => item.kind === 'own')
          .map((item) => item.summary),
      feed: (ref) => remote.feedSummaries(ref),
    }),
    plan: (ref) => remote.plan(ref),
    offers: (ref) => remote.offers(ref),
    ask: (ref, id, force, once) => remote.ask(ref, id, force, once),
    store: sessionTabStore(browser.storage.session),
    onChange(state, previous) {
      ports.push(state);
      const count = state.summaries.length;
      const paperKey = state.paper?.keys[0];
      if (
        !paperKey ||
        (previous?.paper?.keys[0] === paperKey && previous.summaries.length === count)
      )
        return;
      void setBadge(state.tabId, count);
      // The page may have moved on meanwhile; its next detection brings its own count.
      if (previous?.paper?.keys[0] === paperKey)
        void sendToTab(state.tabId, 'tab:set-count', { paperKey, count }).catch(() => null);
    },
  });
  // Listing pages' badges: the bundled index only, since the page can see them (listing-counts.ts).
  const countListing = listingCounts(bundledKeyCounts);
  // What a list holds of your library is told only to the extension's views, when they ask.
  const listed = listedPapers(browser.storage.session);
  const listedIn = async (tabId: number) =>
    listedMatches(
      await listed.keys(tabId),
      await allItems(await library()),
      await remote.feedCopy().catch(() => []),
    );
  // PDF tabs named after their paper (arXiv's API only when the reader turned it on).
  const titles = tabTitles({
    bundled: async (ref) => (await lookupSummaries(ref, [bundled])).summaries,
    library: async (keys) =>
      (await itemsForPaper(await library(), keys)).map((item) => item.summary),
    asksArxiv,
    askArxiv: async (id) => askArxivTitle(id, { cache: await liveSourceCache() }),
    state: (tabId) => papers.get(tabId),
    kept: async (key) =>
      (await Promise.all((await remote.keptIndexes()).map((index) => index.summaries(key)))).flat(),
  });
  // Tests read these counts from the worker (look-ups and source asks per page view;
  // listing pages' batches and the links in them).
  const listingStats = { batches: 0, links: 0 };
  Object.assign(globalThis, { sidenotesStats: papers.stats, sidenotesListingStats: listingStats });

  async function setBadge(tabId: number, count: number | null) {
    await browser.action.setBadgeText({ tabId, text: count ? String(count) : '' });
    if (count) await browser.action.setBadgeBackgroundColor({ tabId, color: '#4b5d8a' });
  }

  /**
   * Tabs whose paper the reader asked for with the toolbar icon: the sidebar
   * opens for the first paper found there within a few seconds, not for a
   * later page of the tab.
   */
  const askedTabs = new Map<number, number>();
  const ASKED_FOR_MS = 10_000;

  const route = createRouter(
    [
      {
        name: 'page',
        accepts: (sender) => isPageSender(self, sender),
        handlers: checked(
          PAGE_PAYLOADS,
          pageHandlers(
            papers,
            remote,
            setBadge,
            (keys, links, listedOn) => {
              listingStats.batches++;
              listingStats.links += links;
              void listed
                .add(listedOn.tabId, listedOn.page, keys)
                .catch((error: unknown) => console.warn('Sidenotes: listed papers', error));
              return countListing(keys);
            },
            titles,
            listingTables(bundledKeyCounts),
            // Beyond the paper sites only: there the manifest's detection script runs already.
            async (tabId, url, documentId) => {
              if (/^https?:/.test(url) && !isWatched(url, watchedPatterns()))
                await runDetection(tabId, documentId);
            },
            (tabId) => {
              const at = askedTabs.get(tabId);
              askedTabs.delete(tabId);
              return at !== undefined && Date.now() - at < ASKED_FOR_MS;
            },
          ),
        ),
      },
      {
        name: 'view',
        accepts: (sender) => isViewSender(self, sender),
        handlers: checked(VIEW_PAYLOADS, {
          ...viewHandlers(papers, remote, listedIn, async (tabId) => {
            const probed = await recogniseTab(
              tabId,
              // A paper read from the address alone (tab-url.ts) is no page's report: probe anyway.
              async (id) => {
                const state = await papers.get(id);
                return fromAddress(state) ? undefined : state?.paper?.url;
              },
              async (id) => {
                await papers.clear(id);
                await setBadge(id, null);
              },
            );
            // Noted once the probe has run: its report still has the detection script to
            // run before any visit, and a watched page's own visits are never taken for it.
            if (probed) askedTabs.set(tabId, Date.now());
            return probed;
          }),
          ...libraryHandlers(sync.changed),
          ...syncHandlers(sync),
        }),
      },
    ],
    (type, error) => {
      // Library errors carry their code and a message for people (quota, conflict…).
      if (error instanceof LibraryError)
        return fail(
          error.code === 'quota' ? 'quota' : error.code === 'bad-data' ? 'bad-data' : 'bug',
          error.message,
        );
      console.error(`Sidenotes: ${type} failed`, error);
      return fail('bug', errorMessage(error));
    },
  );
  browser.runtime.onMessage.addListener(route);
  browser.runtime.onConnect.addListener(ports.connect);
  browser.tabs.onActivated.addListener(
    ({ tabId, windowId }) => void ports.activated(tabId, windowId),
  );
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'complete') void ports.loaded(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void papers.forget(tabId);
    void listed.forget(tabId).catch(() => undefined);
  });
  welcomeOnInstall();
  // Sync while the browser runs: on its start and on an alarm, both only while connected.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void sync.wake();
  });
  browser.runtime.onStartup.addListener(() => void sync.wake());
  // The user's own summaries are part of a paper's local answer.
  onLibraryChange(() => void papers.refreshLocal());
  commandsAndMenus();
  // The probe's registrations follow the user's choice and the browser's grants (recognise.ts).
  const resyncProbes = () =>
    void syncProbes().catch((error: unknown) => console.warn('Sidenotes: probe scripts', error));
  resyncProbes();
  browser.permissions.onAdded.addListener(resyncProbes);
  browser.permissions.onRemoved.addListener(
    () =>
      void forgetRevoked()
        .then(syncProbes)
        .catch((error: unknown) => console.warn('Sidenotes: probe scripts', error)),
  );
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[RECOGNISE_KEY]) resyncProbes();
  });
});
