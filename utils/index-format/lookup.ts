import { keysAgree, type PaperRef } from '@/utils/core/paper-ref';
import { toSummaries } from './format';
import { sortSummaries, type Summary } from '@/utils/core/summary';
import type { IndexReader } from './reader';
import { errorMessage } from '@/utils/core/guards';

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
            // Two papers may share a title; one with another id of a known kind is another paper.
            if (key.startsWith('title:') && !keysAgree(ref.keys, entry.keys)) continue;
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
