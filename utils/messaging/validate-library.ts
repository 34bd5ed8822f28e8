import { readSummary } from '@/utils/core/schema';
import type { Summary } from '@/utils/core/summary';

const isStrings = (v: unknown, max: number): v is string[] =>
  Array.isArray(v) && v.length <= max && v.every((s) => typeof s === 'string' && s.length <= 600);

/**
 * A summary arriving from the sidebar to be saved, rebuilt by the one schema
 * (utils/core/schema.ts); null when it does not fit. The rebuilt copy is what
 * is stored, never the message's object.
 */
export function summaryFromMessage(value: unknown): Summary | null {
  const read = readSummary(value);
  return read.ok ? read.summary : null;
}

export { isStrings };
