import { readSummary, SCHEMA_LIMITS } from '@/utils/core/schema';
import type { Summary } from '@/utils/core/summary';
import { isPaperKeys, isStringArray } from './validate';

/**
 * A summary arriving from the sidebar to be saved, rebuilt by the one schema
 * (utils/core/schema.ts); null when it does not fit. The rebuilt copy is what
 * is stored, never the message's object.
 */
export function summaryFromMessage(value: unknown): Summary | null {
  const read = readSummary(value);
  return read.ok ? read.summary : null;
}

/** The ids of a paper's cards, as long as the schema lets a summary id be. */
export const isSummaryIds = (value: unknown): value is string[] =>
  isStringArray(value, SCHEMA_LIMITS.summaryIdsPerRequest, SCHEMA_LIMITS.idChars);

/** A paper's keys from a view: the one key grammar, as many as a page may name. */
export { isPaperKeys };
