import { foldText } from '@/utils/core/text';

/**
 * Text → search terms: folded (utils/core/text.ts), split on anything not a
 * letter or digit. Shared by the index builder and the query parser, so both
 * see the same words.
 */
const SPLIT = /[^\p{L}\p{N}]+/u;

/** Every word of a text, folded, single letters included. */
export const allWords = (text: string): string[] => foldText(text).split(SPLIT).filter(Boolean);

/** Words of a text, folded; single letters are noise in an index of papers. */
export const words = (text: string): string[] =>
  allWords(text).filter((w) => w.length > 1 || /\d/.test(w));

/** Common English words that carry no meaning for finding a paper. */
export const STOP_WORDS = new Set(
  (
    'a an and are as at be been being but by can do does for from had has have how i if in into is it its ' +
    'of on or our so such than that the their them then there these they this to was we were what when ' +
    'where which while who why will with without you your via using use used based toward towards'
  ).split(' '),
);

export const isStopWord = (w: string): boolean => STOP_WORDS.has(w);

/** Markdown/LaTeX summary body → plain text for excerpts (images and markup dropped). */
export function plainExcerpt(body: string, maxChars: number): string {
  const plain = body
    .replace(/https?:\/\/\S+\.(?:png|jpe?g|gif|webp|svg)\b/gi, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>|~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= maxChars) return plain;
  const cut = plain.slice(0, maxChars);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), maxChars - 20))}…`;
}
