import type { PaperRef } from './paper-ref';
import type { Summary, SummaryKind } from './summary';

/** What one remote source said about a paper. */
export interface SourceAnswer {
  /** The source (`semanticscholar`…) or remote index (`index:<url>`) asked. */
  id: string;
  name: string;
  summaries: Summary[];
  /** Why what is shown is not fresh (cached, rate-limited…), in plain words. */
  note: string | null;
  /** No answer: the views say so in its place and offer a retry. */
  failed: boolean;
  /**
   * Summaries in the answer that did not fit the schema (utils/core/schema.ts)
   * and were not shown; `note` says why. Absent when none were.
   */
  dropped?: number;
}

/** A remote source to ask about the paper: a remote index (`index:<url>`) or a live source. */
export interface SourcePlan {
  id: string;
  name: string;
  /**
   * Asked once, for this page view only, at the user's "Ask once": the
   * source stays off and nothing of it is remembered.
   */
  once?: true;
  /** A source asked once: the hosts whose permission its Retry requests again. */
  origins?: string[];
}

/**
 * What asking a source would send, in words, as parts: the page's own text
 * (a title) is kept apart, so the views show it isolated (`<bdi>`) and
 * shortened, and it cannot rewrite the sentence around it.
 */
export type Sends = ReadonlyArray<string | { pageText: string }>;

/** The sentence in full (for tests and tooltips). */
export const sendsText = (sends: Sends): string =>
  sends.map((part) => (typeof part === 'string' ? part : part.pageText)).join('');

/**
 * A live source that could answer for this paper but is not asked (it is
 * off, or its host permission was taken back): the sidebar offers it.
 */
export interface SourceOffer {
  id: string;
  name: string;
  kind: SummaryKind;
  /** What it gives, in a sentence. */
  what: string;
  /** Exactly what asking it would send for this paper, and to whom. */
  sends: Sends;
  /** The host permissions asking it needs (requested from the user's click). */
  origins: string[];
}

/** A listed paper the extension's views can point to. */
export interface ListedMatch {
  key: string;
  title: string;
  /** Your own summary of it is in the library (else a saved one). */
  own: boolean;
}

/** A listing page's papers that are in your library: shown in extension views only, never to the page. */
export interface ListedMatches {
  /** Listed papers with an item in your library, own summaries first. */
  inLibrary: ListedMatch[];
  /** Listed papers the kept ShortScience feed has summaries of. */
  inFeed: number;
}

/** A remote source as the views show it: still asking, or what it answered. */
export type SourceProgress = SourcePlan &
  ({ status: 'asking' } | { status: 'answered'; answer: SourceAnswer });

/**
 * Everything known about the paper in one tab, resolved once by the worker
 * per page view and pushed to every view that shows it (in-page sidebar,
 * side panel, popup). Views render it; they never look up or merge.
 */
export interface TabState {
  /** -1 when there is no tab (a view following a window with none). */
  tabId: number;
  /** Grows with every change, so a view can drop an older push. */
  revision: number;
  /** The page view it belongs to (one per load or single-page navigation). */
  view: string;
  paper: PaperRef | null;
  /** Every summary, each once, best first: local ones and each source's as it answers. */
  summaries: Summary[];
  /** Summary id → the remote index it came through. */
  via: Record<string, string>;
  /** Local indexes that failed, with a message for people. */
  errors: Array<{ source: string; message: string }>;
  /** Remote sources the user turned on (or asked once) that can answer for this paper. */
  sources: SourceProgress[];
  /** Live sources that could answer for this paper but are not asked. */
  offers: SourceOffer[];
}

export const emptyTabState = (tabId: number): TabState => ({
  tabId,
  revision: 0,
  view: '',
  paper: null,
  summaries: [],
  via: {},
  errors: [],
  sources: [],
  offers: [],
});
