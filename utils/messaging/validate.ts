import { isCanonicalKey, type PaperRef } from '@/utils/core/paper-ref';
import { SCHEMA_LIMITS } from '@/utils/core/schema';

const isStringArray = (v: unknown, max: number, maxLength: number): v is string[] =>
  Array.isArray(v) &&
  v.length <= max &&
  v.every((s) => typeof s === 'string' && s.length <= maxLength);

/** Checks a paper's canonical keys that arrived in a message: the one key grammar. */
export const isPaperKeys = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length > 0 && value.length <= 20 && value.every(isCanonicalKey);

/** Links a listing page sends in one batch at most (a list shows a few thousand). */
export const MAX_LISTING_LINKS = 10_000;

/** Checks a listing page's batch of entry links. */
export const isListingLinks = (value: unknown): value is string[] =>
  isStringArray(value, MAX_LISTING_LINKS, 2048);

/** Checks a PaperRef that arrived in a message; pages can send anything. */
export function isPaperRef(value: unknown): value is PaperRef {
  if (typeof value !== 'object' || value === null) return false;
  const ref = value as Record<string, unknown>;
  return (
    isPaperKeys(ref.keys) &&
    typeof ref.url === 'string' &&
    ref.url.length <= 4096 &&
    // The schema's limits, which detection keeps to (utils/detect/meta.ts): one set everywhere.
    (ref.title === undefined ||
      (typeof ref.title === 'string' && ref.title.length <= SCHEMA_LIMITS.titleChars)) &&
    (ref.authors === undefined ||
      isStringArray(ref.authors, SCHEMA_LIMITS.authors, SCHEMA_LIMITS.authorChars)) &&
    (ref.version === undefined ||
      (typeof ref.version === 'string' && /^v\d{1,3}$/.test(ref.version)))
  );
}
