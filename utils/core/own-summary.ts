import { LibraryError, OWN_SOURCE } from './library-item';
import type { PaperRef } from './paper-ref';
import { readSummary } from './schema';
import type { Summary } from './summary';

/** The id of the user's own summary of a paper: one per paper, named by its first key. */
export const ownSummaryId = (paperKey: string): string => `you:${paperKey}`;

/**
 * Whether a summary is the user's own: its id is the own-summary id of its
 * paper and its source is the own source. An item that merely says it is
 * own (a file from someone else) is not, and is never published as yours.
 */
export function isOwnSummary(summary: Pick<Summary, 'id' | 'paperKeys' | 'source'>): boolean {
  const first = summary.paperKeys[0];
  return (
    first !== undefined && summary.id === ownSummaryId(first) && summary.source.id === OWN_SOURCE.id
  );
}

export type OwnPaper = Pick<PaperRef, 'keys'> &
  Partial<Pick<PaperRef, 'title' | 'authors' | 'url'>>;

/**
 * The user's own summary of a paper, as stored. The paper's title and
 * authors come from the page's metadata (a publisher may put every author
 * in one 2,000-character tag), so the summary is rebuilt by the one schema
 * (utils/core/schema.ts) with over-long texts cut rather than refused: what
 * is stored then exports, imports and publishes like any other summary.
 * Throws a LibraryError (`bad-data`) saying why when it cannot be one.
 */
export function buildOwnSummary(paper: OwnPaper, body: string, time: string): Summary {
  const paperKey = paper.keys[0];
  if (!paperKey) throw new LibraryError('bad-data', 'No paper to write about on this page.');
  const read = readSummary(
    {
      id: ownSummaryId(paperKey),
      // The key the id names first, then ids, then title keys.
      paperKeys: [
        paperKey,
        ...paper.keys.slice(1).filter((k) => !k.startsWith('title:')),
        ...paper.keys.slice(1).filter((k) => k.startsWith('title:')),
      ],
      paper: {
        title: paper.title?.trim() || paperKey,
        authors: paper.authors ?? [],
        url: paper.url,
      },
      body,
      format: 'markdown',
      author: 'you',
      date: time,
      votes: null,
      link: null,
      source: { ...OWN_SOURCE },
    },
    'cut',
  );
  if (!read.ok) throw new LibraryError('bad-data', `Your summary cannot be saved: ${read.reason}.`);
  if (!isOwnSummary(read.summary))
    throw new LibraryError('bad-data', 'Your summary cannot be saved: the paper has no valid key.');
  return read.summary;
}
