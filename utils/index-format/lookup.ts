import { keysAgree, type PaperRef } from '@/utils/core/paper-ref';
import { droppedNote } from '@/utils/core/schema';
import { toSummaries } from './format';
import { sortSummaries, type Summary } from '@/utils/core/summary';
import { ReadSession, type IndexReader } from './reader';
import { errorMessage } from '@/utils/core/guards';

export interface IndexNote {
  source: string;
  /** For people: what was dropped or not read, and why. */
  message: string;
  /** Summaries that could not be shown. */
  dropped: number;
}

export interface LookupResult {
  summaries: Summary[];
  /** Index sources that failed, by name, with a message for people. */
  errors: Array<{ source: string; message: string }>;
  /** Indexes that answered but dropped records or stopped at the bound on shard reads. */
  notes: IndexNote[];
}

/**
 * Every summary the indexes hold for a page's paper: by each of its keys,
 * then by normalized title; deduplicated, best first. A failing index is
 * reported and skipped, never hides the others. Each index is read within
 * one ReadSession, so one look-up reads a bounded number of its shards.
 */
export async function lookupSummaries(
  ref: Pick<PaperRef, 'keys'>,
  indexes: ReadonlyArray<{ name: string; reader: IndexReader }>,
): Promise<LookupResult> {
  const byId = new Map<string, Summary>();
  const errors: LookupResult['errors'] = [];
  const notes: IndexNote[] = [];
  await Promise.all(
    indexes.map(async ({ name, reader }) => {
      const session = new ReadSession();
      const dropped: string[] = [];
      const counted = new Set<string>();
      try {
        for (const key of ref.keys) {
          for (const entry of await reader.papers(key, session)) {
            // Two papers may share a title; one with another id of a known kind is another paper.
            if (key.startsWith('title:') && !keysAgree(ref.keys, entry.keys)) continue;
            // By id only, not the core's "same summary" rule (distinctSummaries):
            // one look-up reaches the same record through several keys (an id,
            // the title, a reference), and that is all this collects. Copies
            // with other ids and the same words are dropped where every
            // source's answers meet (utils/lookup/merge.ts), which alone sees
            // every copy and so decides which one is kept.
            for (const summary of toSummaries(entry)) byId.set(summary.id, summary);
            const id = entry.keys.join('\n');
            if (!counted.has(id)) {
              counted.add(id);
              dropped.push(...(entry.dropped ?? []));
            }
          }
        }
      } catch (error) {
        errors.push({
          source: name,
          message: errorMessage(error),
        });
      }
      dropped.push(...session.dropped);
      const parts = [
        droppedNote(dropped, name),
        session.exhausted
          ? `${name} refers this paper to more of its parts than Sidenotes reads for one paper (${session.maxShards}); the rest were not read.`
          : null,
      ].filter((p): p is string => p !== null);
      if (parts.length)
        notes.push({ source: name, message: parts.join(' '), dropped: dropped.length });
    }),
  );
  return { summaries: sortSummaries([...byId.values()]), errors, notes };
}
