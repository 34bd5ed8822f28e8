import type { Summary } from './summary';

/**
 * One item of the user's library: a saved summary (a snapshot, so it reads
 * fine offline and after the source index changes) or the user's own.
 */
export interface LibraryItem {
  /** The summary's id: saving the same summary twice is one item. */
  id: string;
  kind: 'saved' | 'own';
  summary: Summary;
  /** ISO dates. */
  savedAt: string;
  updatedAt: string;
  tags: string[];
  note: string;
  /** Bumped on every change; an edit based on an older revision is refused. */
  revision: number;
  /**
   * Own summaries: texts written on another device while apart from this
   * one, kept beside the current text until the user dismisses them
   * (utils/sync/records.ts). Absent when there are none.
   */
  otherVersions?: EarlierVersion[];
}

/** A text of an own summary that a later edit on another device did not see. */
export interface EarlierVersion {
  /** Its sync stamp: which version this is. */
  id: string;
  body: string;
  /** ISO date of the edit. */
  editedAt: string;
}

export interface Draft {
  paperKey: string;
  body: string;
  updatedAt: string;
}

export type LibraryErrorCode = 'quota' | 'conflict' | 'not-found' | 'bad-data' | 'bug';

/** What went wrong, in words for the user; the library is unchanged when one is thrown. */
export class LibraryError extends Error {
  constructor(
    readonly code: LibraryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LibraryError';
  }
}

/** The source of the user's own summaries. */
export const OWN_SOURCE = {
  id: 'you',
  name: 'Your summary',
  url: '',
  licence: 'yours',
  kind: 'human',
} as const;
