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
