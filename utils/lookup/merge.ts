import { sameTextKey as sameText } from '@/utils/search/text';
import { sortSummaries, type Summary } from '@/utils/core/summary';

/**
 * One list from local summaries and what remote sources answered: a summary
 * seen twice (same id, or the same words from two sources, as SciTLDR's and
 * OpenReview's copies of an author TL;DR) is shown once, the first-listed
 * copy kept; then best first, so machine-generated ones land below human ones.
 */
export function mergeSummaries(...lists: ReadonlyArray<readonly Summary[]>): Summary[] {
  const ids = new Set<string>();
  const texts = new Set<string>();
  const merged: Summary[] = [];
  for (const list of lists) {
    for (const summary of list) {
      const text = sameText(summary.body);
      if (ids.has(summary.id) || texts.has(text)) continue;
      ids.add(summary.id);
      texts.add(text);
      merged.push(summary);
    }
  }
  return sortSummaries(merged);
}
