import type { PaperRef } from '@/utils/core/paper-ref';
import type { Summary } from '@/utils/core/summary';
import type { IndexReader } from '@/utils/index-format/reader';
import { lookupSummaries } from '@/utils/index-format/lookup';
import type { LocalAnswer } from './paper-states';

export interface LocalSources {
  bundled: { name: string; reader: IndexReader };
  /** The user's own summaries of the paper (the library). */
  own(keys: readonly string[]): Promise<Summary[]>;
  /** The kept ShortScience feed's summaries of the paper; none when it is off. */
  feed(ref: Pick<PaperRef, 'keys'>): Promise<Summary[]>;
}

/**
 * Everything the browser already holds about a paper, without a request:
 * the user's own summaries first, then the bundled index, then the feed.
 * A part that fails is reported (the bundled index) or skipped (the others)
 * and never hides the rest.
 */
export function localLookup(sources: LocalSources) {
  return async (ref: PaperRef): Promise<LocalAnswer> => {
    const [own, bundled, feed] = await Promise.all([
      sources.own(ref.keys).catch((error: unknown) => {
        console.warn('Sidenotes: the library could not be read', error);
        return [];
      }),
      lookupSummaries(ref, [sources.bundled]),
      sources.feed(ref).catch(() => []),
    ]);
    // Records the schema dropped (or shards past the bound) are said too, as the index's errors.
    const notes = bundled.notes.map(({ source, message }) => ({ source, message }));
    return { lists: [own, bundled.summaries, feed], errors: [...bundled.errors, ...notes] };
  };
}
