import type { PaperRef } from '@/utils/core/paper-ref';
import type { LibraryItem } from '@/utils/core/library-item';
import type { SourceAnswer } from '@/utils/sources/ask-source';
import type { Summary } from '@/utils/core/summary';

/**
 * Every message between the parts of the extension: name → request and
 * response. The name says who sends it (`page:` from the detection content
 * script, `sidebar:` from extension pages, `tab:` from the background to a tab).
 */
export interface SidebarState {
  /** -1 when there is no active tab. */
  tabId: number;
  paper: PaperRef | null;
  summaries: Summary[];
  /** Index sources that failed, with a message for people. */
  errors: Array<{ source: string; message: string }>;
  /** Remote sources the user turned on that can answer for this paper: ask each (view:ask-source). */
  sources: SourcePlan[];
}

/** A remote source to ask about the paper: a remote index (`index:<url>`) or a live source. */
export interface SourcePlan {
  id: string;
  name: string;
}

export interface ToBackground {
  /** The content script found a paper: look it up, set the badge; answers the count. */
  'page:paper-detected': { request: { ref: PaperRef }; response: { count: number } };
  /** The page is not (or no longer) a paper: clear the tab's state and badge. */
  'page:no-paper': { request: Record<string, never>; response: null };
  /** The sidebar or side panel wants what to show for its tab. */
  'sidebar:get-state': { request: Record<string, never>; response: SidebarState };
  /** The sidebar asks its tab to collapse it (Esc inside the sidebar frame). */
  'sidebar:collapse': { request: Record<string, never>; response: null };
  /** The popup or side panel wants the state of the active tab of a window. */
  'view:get-active-state': { request: { windowId?: number }; response: SidebarState };
  /** One remote source's answer about a paper (streamed into the sidebar one by one). */
  'view:ask-source': {
    request: { keys: string[]; sourceId: string; force?: boolean };
    response: SourceAnswer;
  };
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
    request: { paper: Pick<PaperRef, 'keys' | 'title' | 'authors' | 'url'>; body: string };
    response: LibraryItem;
  };
  'library:remove': { request: { id: string }; response: null };
  'library:draft': { request: { paperKey: string; body: string }; response: null };
}

export interface PaperLibraryState {
  saved: string[];
  own: LibraryItem | null;
  draft: string | null;
}

export interface ToTab {
  /** Show or hide the sidebar (keyboard command). */
  'tab:toggle-sidebar': { request: Record<string, never>; response: null };
  'tab:collapse-sidebar': { request: Record<string, never>; response: null };
  /** Remote sources answered: the paper has this many summaries in all. */
  'tab:set-count': { request: { paperKey: string; count: number }; response: null };
}

export type ErrorCode = 'not-found' | 'offline' | 'quota' | 'bad-data' | 'bad-request' | 'bug';

export type Result<T> =
  { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

export class MessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

/** A response's value, or a MessageError with its code and message. */
export function unwrap<T>(result: unknown): T {
  const r = result as Result<T> | undefined;
  if (!r || typeof r !== 'object' || !('ok' in r)) {
    throw new MessageError('bug', 'The extension did not answer. Reload the page and try again.');
  }
  if (!r.ok) throw new MessageError(r.error.code, r.error.message);
  return r.value;
}
