import type { Summary } from '@/utils/core/summary';
import { isObject } from '@/utils/core/guards';

const isStrings = (v: unknown, max: number): v is string[] =>
  Array.isArray(v) && v.length <= max && v.every((s) => typeof s === 'string' && s.length <= 600);

/** A summary arriving from the sidebar to be saved: the fields the library relies on. */
export function isSummary(value: unknown): value is Summary {
  if (!isObject(value) || !isObject(value.paper) || !isObject(value.source)) return false;
  return (
    typeof value.id === 'string' &&
    value.id.length <= 600 &&
    isStrings(value.paperKeys, 30) &&
    typeof value.body === 'string' &&
    value.body.length <= 200_000 &&
    typeof value.paper.title === 'string' &&
    typeof value.source.name === 'string' &&
    (value.source.kind === 'human' || value.source.kind === 'machine')
  );
}

export { isStrings };
