import { errorMessage } from '@/utils/core/guards';
import { defineBackground } from 'wxt/utils/define-background';
import { browser, type Runtime } from '@/utils/platform/browser';
import type { PaperRef } from '@/utils/core/paper-ref';
import { IndexReader } from '@/utils/index-format/reader';
import { lookupSummaries, type LookupResult } from '@/utils/index-format/lookup';
import { mergeSummaries } from '@/utils/lookup/merge';
import type { Summary } from '@/utils/core/summary';
import { remoteSources } from '@/utils/sources/worker-sources';
import { sendToTab } from '@/utils/messaging/client';
import {
  fail,
  ok,
  type Result,
  type SidebarState,
  type ToBackground,
} from '@/utils/messaging/protocol';
import { isPaperKeys, isPaperRef } from '@/utils/messaging/validate';
import { LibraryError } from '@/utils/core/library-item';
import { libraryHandlers } from './library-handlers';
import { searchPagePath } from '@/utils/search/search-page';
import { openSidePanel } from '@/utils/platform/side-panel';

const SEARCH_SELECTION_MENU = 'search-selection';

/** A handler per message: validates its payload and sender, answers a Result. */
export type Handlers<K extends keyof ToBackground = keyof ToBackground> = {
  [M in K]: (payload: unknown, sender: Sender) => Promise<Result<ToBackground[M]['response']>>;
};

export type Sender = Runtime.MessageSender;

/** What the worker knows of a tab; in storage.session because MV3 stops idle workers. */
interface TabState {
  ref: PaperRef;
  count: number;
}
const tabKey = (tabId: number) => `tab:${tabId}`;

async function readBundledFile(path: string): Promise<string> {
  const response = await fetch(browser.runtime.getURL(`/index/${path}`));
  if (!response.ok)
    throw new Error(`The bundled index file ${path} is missing (${response.status}).`);
  return response.text();
}

export default defineBackground(() => {
  // Created per worker start; parsed shards live only as long as the worker.
  const bundled = { name: 'Bundled summaries', reader: new IndexReader(readBundledFile) };
  // Tab states in memory while the worker lives; storage.session after a restart.
  const tabs = new Map<number, TabState>();
  async function tabState(tabId: number): Promise<TabState | undefined> {
    if (tabs.has(tabId)) return tabs.get(tabId);
    const stored = (await browser.storage.session.get(tabKey(tabId)))[tabKey(tabId)] as
      TabState | undefined;
    if (stored) tabs.set(tabId, stored);
    return stored;
  }

  const remote = remoteSources();
  /** What is known without asking anyone: the bundled index and the synced ShortScience feed. */
  async function lookup(ref: Pick<PaperRef, 'keys'>): Promise<LookupResult> {
    const [local, feed] = await Promise.all([
      lookupSummaries(ref, [bundled]),
      remote.feedSummaries(ref).catch(() => []),
    ]);
    return { ...local, summaries: mergeSummaries(local.summaries, feed) };
  }
  async function stateFor(tabId: number, ref: PaperRef | undefined): Promise<SidebarState> {
    if (!ref) return { tabId, paper: null, summaries: [], errors: [], sources: [] };
    const [found, sources] = await Promise.all([lookup(ref), remote.plan(ref)]);
    return { tabId, paper: ref, ...found, sources };
  }

  /** Once remote sources have answered, the badge and the page's tab show the full count. */
  async function countRemote(tabId: number, ref: PaperRef, local: Summary[]) {
    const planned = await remote.plan(ref);
    if (!planned.length) return;
    const answers = await Promise.all(planned.map((p) => remote.ask(ref, p.id)));
    const count = mergeSummaries(local, ...answers.map((a) => a.summaries)).length;
    const state = tabs.get(tabId);
    if (count === local.length || !state || state.ref.keys[0] !== ref.keys[0]) return;
    state.count = count;
    await Promise.all([
      browser.storage.session.set({ [tabKey(tabId)]: state }),
      setBadge(tabId, count),
      // The page may have moved on meanwhile; its next detection brings its own count.
      sendToTab(tabId, 'tab:set-count', { paperKey: ref.keys[0]!, count }).catch(() => null),
    ]);
  }

  const fromContentScript = (sender: Sender) =>
    sender.id === browser.runtime.id && sender.tab?.id !== undefined && sender.frameId === 0;
  const fromExtensionPage = (sender: Sender) =>
    sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL('/'));

  async function setBadge(tabId: number, count: number | null) {
    await browser.action.setBadgeText({ tabId, text: count ? String(count) : '' });
    if (count) await browser.action.setBadgeBackgroundColor({ tabId, color: '#4b5d8a' });
  }

  const handlers: Handlers = {
    async 'page:paper-detected'(payload, sender) {
      const tabId = sender.tab?.id;
      if (!fromContentScript(sender) || tabId === undefined)
        return fail('bad-request', 'Not from a page.');
      const ref = (payload as { ref?: unknown } | null)?.ref;
      if (!isPaperRef(ref))
        return fail('bad-request', 'The page sent a malformed paper reference.');
      const { summaries } = await lookup(ref);
      const state: TabState = { ref, count: summaries.length };
      tabs.set(tabId, state);
      // Answer first: the sidebar waits on this; the badge, the session copy
      // and remote sources need not.
      void Promise.all([
        browser.storage.session.set({ [tabKey(tabId)]: state }),
        setBadge(tabId, summaries.length),
      ])
        .then(() => countRemote(tabId, ref, summaries))
        .catch((error: unknown) => console.error('Sidenotes: could not update the tab', error));
      void remote
        .syncFeedIfDue()
        .catch((error: unknown) => console.warn('Sidenotes: ShortScience feed', error));
      return ok({ count: summaries.length });
    },

    async 'page:no-paper'(_payload, sender) {
      const tabId = sender.tab?.id;
      if (!fromContentScript(sender) || tabId === undefined)
        return fail('bad-request', 'Not from a page.');
      tabs.delete(tabId);
      await browser.storage.session.remove(tabKey(tabId));
      await setBadge(tabId, null);
      return ok(null);
    },

    async 'sidebar:get-state'(_payload, sender) {
      const tabId = sender.tab?.id;
      if (!fromExtensionPage(sender) || tabId === undefined)
        return fail('bad-request', 'Not from the sidebar.');
      return ok(await stateFor(tabId, (await tabState(tabId))?.ref));
    },

    async 'view:get-active-state'(payload, sender) {
      if (!fromExtensionPage(sender)) return fail('bad-request', 'Not from an extension page.');
      const windowId = (payload as { windowId?: unknown } | null)?.windowId;
      const [tab] = await browser.tabs.query(
        typeof windowId === 'number'
          ? { active: true, windowId }
          : { active: true, lastFocusedWindow: true },
      );
      const tabId = tab?.id ?? -1;
      const stored = tabId === -1 ? undefined : await tabState(tabId);
      return ok(await stateFor(tabId, stored?.ref));
    },

    async 'view:ask-source'(payload, sender) {
      if (!fromExtensionPage(sender)) return fail('bad-request', 'Not from an extension page.');
      const { keys, sourceId, force } = (payload ?? {}) as Record<string, unknown>;
      if (
        !isPaperKeys(keys) ||
        typeof sourceId !== 'string' ||
        sourceId.length > 2100 ||
        (force !== undefined && typeof force !== 'boolean')
      )
        return fail('bad-request', 'Malformed source request.');
      return ok(await remote.ask({ keys }, sourceId, force ?? false));
    },

    ...libraryHandlers(fromExtensionPage),

    async 'sidebar:collapse'(_payload, sender) {
      const tabId = sender.tab?.id;
      if (!fromExtensionPage(sender) || tabId === undefined)
        return fail('bad-request', 'Not from the sidebar.');
      await sendToTab(tabId, 'tab:collapse-sidebar', {});
      return ok(null);
    },
  };

  browser.runtime.onMessage.addListener((message: unknown, sender: Sender) => {
    const { type, payload } = (message ?? {}) as { type?: unknown; payload?: unknown };
    if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) return undefined;
    const handler = handlers[type as keyof Handlers];
    return handler(payload, sender).catch((error: unknown) => {
      // Library errors carry their code and a message for people (quota, conflict…).
      if (error instanceof LibraryError)
        return fail(
          error.code === 'quota' ? 'quota' : error.code === 'bad-data' ? 'bad-data' : 'bug',
          error.message,
        );
      console.error(`Sidenotes: ${type} failed`, error);
      return fail('bug', errorMessage(error));
    });
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    tabs.delete(tabId);
    void browser.storage.session.remove(tabKey(tabId));
  });

  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'open-side-panel') {
      openSidePanel(tab?.windowId).catch((error: unknown) =>
        console.warn('Sidenotes: side panel', error),
      );
    } else if (command === 'toggle-sidebar' && tab?.id !== undefined) {
      // A tab without a detected paper has no content script to answer: nothing to toggle.
      sendToTab(tab.id, 'tab:toggle-sidebar', {}).catch(() => undefined);
    }
  });

  // Select text anywhere → "Search summaries for …" opens the search with it.
  // Menus persist across updates, and onInstalled fires again on each: start clean.
  browser.runtime.onInstalled.addListener(async () => {
    await browser.contextMenus.removeAll();
    browser.contextMenus.create({
      id: SEARCH_SELECTION_MENU,
      title: 'Search summaries for “%s”',
      contexts: ['selection'],
    });
  });
  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId !== SEARCH_SELECTION_MENU || !info.selectionText) return;
    void browser.tabs.create({ url: browser.runtime.getURL(searchPagePath(info.selectionText)) });
  });
});
