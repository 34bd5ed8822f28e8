import type { LibraryItem } from '@/utils/core/library-item';
import type { PaperRef } from '@/utils/core/paper-ref';
import type { Summary } from '@/utils/core/summary';
import type {
  ConnectRequest,
  FolderPreview,
  FolderProbe,
  SyncAccount,
  SyncStatus,
} from '@/utils/core/sync';
import type { ListedMatches } from '@/utils/core/tab-state';
import { isObject, isText } from '@/utils/core/guards';
import { SCHEMA_LIMITS as L } from '@/utils/core/schema';
import type { Payloads } from './router';
import { isPaperKeys, isPaperRef } from './validate';
import { isSummaryIds, summaryFromMessage } from './validate-library';

/**
 * Messages the extension's own pages (sidebar frame, side panel, popup,
 * library and options pages) send the worker. Only senders whose URL is
 * the extension's origin may use them (see `isViewSender`). A tab's paper
 * state is not asked for here: views subscribe to it (worker-to-view.ts).
 */
export interface ViewToWorker {
  /** Ask one remote source again for a tab's paper (the user's Retry). */
  'view:retry-source': { request: { tabId: number; sourceId: string }; response: null };
  /**
   * The user's "Ask once" on a source the tab's paper offers: asked for
   * this page view only, past its switch (not its host permission, which the
   * view requested from the click), and nothing remembered.
   */
  'view:ask-source-once': { request: { tabId: number; sourceId: string }; response: null };
  /**
   * The user's "Always ask" on an offered source: turned on as the options
   * page does (the view requested its host permission from the click), then
   * asked for the tab's paper like any source that is on.
   */
  'view:always-ask': { request: { tabId: number; sourceId: string }; response: null };
  /** The in-page sidebar asks its tab to fold it (Esc inside the frame). */
  'view:collapse-sidebar': { request: Record<string, never>; response: null };
  /**
   * The popup opened on a tab that no script of Sidenotes watches (the
   * toolbar icon's click lends the extension that tab: `activeTab`): look
   * once for a paper there. The worker runs the probe in the tab, which
   * reports scholarly metadata if the page has any (`page:scholarly`).
   * Answers whether the probe could run.
   */
  'view:recognise-tab': { request: { tabId: number }; response: boolean };
  /** Which papers on a tab's listing page are in your library (never told to the page). */
  'view:listed-matches': { request: { tabId: number }; response: ListedMatches };
  /**
   * The library, for the in-page sidebar: an extension frame inside a web
   * page counts as third-party storage and may not open IndexedDB, so the
   * worker does it. What is saved, the own summary and the draft of a paper:
   */
  'library:paper': {
    request: { keys: string[]; summaryIds: string[] };
    response: PaperLibraryState;
  };
  'library:toggle-save': { request: { summary: Summary }; response: { saved: boolean } };
  'library:save-own': {
    /** `draftBase`: the draft as the editor last saw it (see saveOwnSummary). */
    request: {
      paper: Pick<PaperRef, 'keys' | 'title' | 'authors' | 'url'>;
      body: string;
      draftBase?: string;
    };
    response: LibraryItem;
  };
  /** Removes an item, kept aside so that `library:undo-remove` can put it back. */
  'library:remove': { request: { id: string }; response: null };
  /** Puts back the item last removed. */
  'library:undo-remove': { request: { id: string }; response: LibraryItem };
  /** Keeps a draft; `base` is the draft as the editor last saw it. Answers the draft now stored. */
  'library:draft': {
    request: { paperKey: string; body: string; base?: string };
    response: { body: string };
  };
  /** The library or the remote index list changed in a page: sync soon (wakes the worker). */
  'sync:changed': { request: Record<string, never>; response: null };
  /** Options → Sync: look at a folder (made if missing) before the passphrase is used. */
  'sync:probe': { request: { account: SyncAccount }; response: FolderProbe };
  /** Check the key derived from the passphrase and count what would be merged. */
  'sync:preview': { request: ConnectRequest; response: FolderPreview };
  /** Connect (the user confirmed the preview) and sync at once. */
  'sync:connect': { request: ConnectRequest; response: SyncStatus };
  /** Sync now; `restore`: read every file of the folder again and rewrite the library from it. */
  'sync:now': { request: { restore?: boolean }; response: SyncStatus };
  'sync:disconnect': { request: Record<string, never>; response: SyncStatus };
}

export interface PaperLibraryState {
  saved: string[];
  own: LibraryItem | null;
  draft: string | null;
}

const isId = (v: unknown): v is string => typeof v === 'string';

/** A tab and a source of its paper (a live source's id, or `index:` and an index's URL). */
const tabSource = (payload: unknown) =>
  isObject(payload) &&
  typeof payload.tabId === 'number' &&
  typeof payload.sourceId === 'string' &&
  payload.sourceId.length <= 'index:'.length + L.urlChars
    ? { tabId: payload.tabId, sourceId: payload.sourceId }
    : undefined;

/**
 * Checked by their handler (entrypoints/background/sync-handlers.ts): a
 * connect request's key derivation is read by utils/sync, which messaging
 * may not import.
 */
const checkedBySyncHandler = <T>() => ({
  parse: (payload: unknown) => (payload ?? {}) as T,
  malformed: 'Malformed request.',
});

/**
 * Each view message's payload check (router.ts `checked`): shape and size,
 * before a handler runs. Extension pages are trusted senders, but a frame
 * inside a web page is a place to be careful, and a summary is data from
 * elsewhere: it is rebuilt by the one schema.
 */
export const VIEW_PAYLOADS: Payloads<ViewToWorker> = {
  'view:retry-source': { parse: tabSource, malformed: 'Malformed retry.' },
  'view:ask-source-once': { parse: tabSource, malformed: 'Malformed request.' },
  'view:always-ask': { parse: tabSource, malformed: 'Malformed request.' },
  'view:collapse-sidebar': { parse: () => ({}), malformed: 'Malformed request.' },
  'view:recognise-tab': {
    parse: (payload) =>
      isObject(payload) && Number.isInteger(payload.tabId)
        ? { tabId: payload.tabId as number }
        : undefined,
    malformed: 'Malformed request.',
  },
  'view:listed-matches': {
    parse: (payload) =>
      isObject(payload) && typeof payload.tabId === 'number' ? { tabId: payload.tabId } : undefined,
    malformed: 'Malformed request.',
  },
  'library:paper': {
    parse: (payload) =>
      isObject(payload) && isPaperKeys(payload.keys) && isSummaryIds(payload.summaryIds)
        ? { keys: payload.keys, summaryIds: payload.summaryIds }
        : undefined,
    malformed: 'Malformed library request.',
  },
  'library:toggle-save': {
    parse: (payload) => {
      const summary = summaryFromMessage(isObject(payload) ? payload.summary : undefined);
      return summary ? { summary } : undefined;
    },
    malformed: 'Malformed summary.',
  },
  'library:save-own': {
    parse: (payload) => {
      if (!isObject(payload)) return undefined;
      const { paper, body, draftBase } = payload;
      if (!isObject(paper) || typeof body !== 'string' || body.length > L.bodyChars)
        return undefined;
      if (draftBase !== undefined && !isText(draftBase, L.draftBaseChars)) return undefined;
      // The view's own object once checked: a paper's URL is the page's, when it has one.
      return isPaperRef({ url: '', ...paper })
        ? {
            paper: paper as ViewToWorker['library:save-own']['request']['paper'],
            body,
            ...(draftBase !== undefined ? { draftBase } : {}),
          }
        : undefined;
    },
    malformed: 'Malformed summary.',
  },
  'library:remove': {
    parse: (payload) => (isObject(payload) && isId(payload.id) ? { id: payload.id } : undefined),
    malformed: 'Malformed request.',
  },
  'library:undo-remove': {
    parse: (payload) => (isObject(payload) && isId(payload.id) ? { id: payload.id } : undefined),
    malformed: 'Malformed request.',
  },
  'library:draft': {
    parse: (payload) => {
      if (!isObject(payload)) return undefined;
      const { paperKey, body, base } = payload;
      if (typeof paperKey !== 'string' || !isText(body, L.bodyChars)) return undefined;
      if (base !== undefined && !isText(base, L.draftBaseChars)) return undefined;
      return { paperKey, body, ...(base !== undefined ? { base } : {}) };
    },
    malformed: 'Malformed request.',
  },
  'sync:changed': checkedBySyncHandler(),
  'sync:probe': checkedBySyncHandler(),
  'sync:preview': checkedBySyncHandler(),
  'sync:connect': checkedBySyncHandler(),
  'sync:now': checkedBySyncHandler(),
  'sync:disconnect': checkedBySyncHandler(),
};

export const VIEW_MESSAGES = Object.keys(VIEW_PAYLOADS) as ReadonlyArray<keyof ViewToWorker>;
