import { distinctSummaries, sortSummaries, type Summary } from '@/utils/core/summary';

/**
 * One list from local summaries and what remote sources answered: a summary
 * seen twice (`distinctSummaries`: same id, or the same words from two
 * sources) is shown once, the first-listed copy kept; then best first, so
 * machine-generated ones land below human ones.
 */
export function mergeSummaries(...lists: ReadonlyArray<readonly Summary[]>): Summary[] {
  return sortSummaries(distinctSummaries(lists.flat()));
}
