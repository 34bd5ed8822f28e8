import type { PaperRef } from '../detect/paper-ref';
import type { PaperEntry } from '../index-format/format';
import { toSummaries } from '../index-format/format';
import { sortSummaries, type Summary } from '../summary';
import type { IndexReader } from './index-reader';
import { errorMessage } from '../guards';

const kindOf = (key: string): string => key.slice(0, key.indexOf(':'));

/**
 * A paper found by title belongs to the page unless it carries an id of the
 * same kind as one of the page's ids with another value: two arXiv papers
 * may share a title, and they are not the same paper.
 */
function titleMatchFits(entry: PaperEntry, pageKeys: readonly string[]): boolean {
  const idKeys = pageKeys.filter((k) => !k.startsWith('title:'));
  return entry.keys.every(
    (k) =>
      k.startsWith('title:') || idKeys.includes(k) || !idKeys.some((p) => kindOf(p) === kindOf(k)),
  );
}

export interface LookupResult {
  summaries: Summary[];
  /** Index sources that failed, by name, with a message for people. */
  errors: Array<{ source: string; message: string }>;
}

/**
 * Every summary the indexes hold for a page's paper: by each of its keys,
 * then by normalized title; deduplicated, best first. A failing index is
 * reported and skipped, never hides the others.
 */
export async function lookupSummaries(
  ref: Pick<PaperRef, 'keys'>,
  indexes: ReadonlyArray<{ name: string; reader: IndexReader }>,
): Promise<LookupResult> {
  const byId = new Map<string, Summary>();
  const errors: LookupResult['errors'] = [];
  await Promise.all(
    indexes.map(async ({ name, reader }) => {
      try {
        for (const key of ref.keys) {
          for (const entry of await reader.papers(key)) {
            if (key.startsWith('title:') && !titleMatchFits(entry, ref.keys)) continue;
            for (const summary of toSummaries(entry)) byId.set(summary.id, summary);
          }
        }
      } catch (error) {
        errors.push({
          source: name,
          message: errorMessage(error),
        });
      }
    }),
  );
  return { summaries: sortSummaries([...byId.values()]), errors };
}
