import { isCanonicalKey, type PaperRef } from '@/utils/core/paper-ref';
import { SCHEMA_LIMITS, SCRIPT_ENTRY } from '@/utils/core/schema';

/** Every limit below is the one table's (utils/core/schema.ts), never a number of its own. */
const L = SCHEMA_LIMITS;

export const isStringArray = (v: unknown, max: number, maxLength: number): v is string[] =>
  Array.isArray(v) &&
  v.length <= max &&
  v.every((s) => typeof s === 'string' && s.length <= maxLength);

/** Checks a paper's canonical keys that arrived in a message: the one key grammar. */
export const isPaperKeys = (value: unknown): value is string[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.length <= L.pageKeys &&
  value.every(isCanonicalKey);

/**
 * Checks a page's scholarly `<meta>` tags as its content script sends them
 * (utils/detect/meta.ts), with at most `metaScripts` script texts among
 * them, each under its pseudo-name and up to `metaScriptChars` long.
 */
export const isMetaEntries = (v: unknown): v is Array<[string, string]> => {
  if (!Array.isArray(v) || v.length > L.metaEntries) return false;
  let scripts = 0;
  return v.every((e) => {
    if (!Array.isArray(e) || e.length !== 2) return false;
    const [name, content] = e as unknown[];
    if (typeof name !== 'string' || typeof content !== 'string') return false;
    const script = name === SCRIPT_ENTRY;
    if (script && ++scripts > L.metaScripts) return false;
    return (
      name.length <= L.metaNameChars &&
      content.length <= (script ? L.metaScriptChars : L.metaValueChars)
    );
  });
};

/** Checks a listing page's batch of entry links (as many as the page reads at most). */
export const isListingLinks = (value: unknown): value is string[] =>
  isStringArray(value, L.listingEntries, L.listingLinkChars);

const VERSION = new RegExp(`^v\\d{1,${L.versionDigits}}$`);

/** Checks a PaperRef that arrived in a message; pages can send anything. */
export function isPaperRef(value: unknown): value is PaperRef {
  if (typeof value !== 'object' || value === null) return false;
  const ref = value as Record<string, unknown>;
  return (
    isPaperKeys(ref.keys) &&
    typeof ref.url === 'string' &&
    ref.url.length <= L.pageUrlChars &&
    // The schema's limits, which detection keeps to (utils/detect/meta.ts): one set everywhere.
    (ref.title === undefined ||
      (typeof ref.title === 'string' && ref.title.length <= L.titleChars)) &&
    (ref.authors === undefined || isStringArray(ref.authors, L.authors, L.authorChars)) &&
    (ref.version === undefined || (typeof ref.version === 'string' && VERSION.test(ref.version)))
  );
}
