import { foldText } from '@/utils/core/text';

export interface Segment {
  text: string;
  hit: boolean;
}

const WORD = /([\p{L}\p{N}]+)/u;

/** Splits text into plain and matched words; rendered as text and <mark>, never as HTML. */
export function highlight(
  text: string,
  terms: ReadonlySet<string>,
  prefixes: readonly string[],
): Segment[] {
  const segments: Segment[] = [];
  for (const part of text.split(WORD)) {
    if (!part) continue;
    const folded = foldText(part);
    const hit =
      WORD.test(part) &&
      (terms.has(folded) || prefixes.some((p) => p.length > 0 && folded.startsWith(p)));
    const last = segments[segments.length - 1];
    if (last && last.hit === hit) last.text += part;
    else segments.push({ text: part, hit });
  }
  return segments;
}

/** A window of `maxChars` around the first matched word, with ellipses where cut. */
export function snippetAround(
  text: string,
  terms: ReadonlySet<string>,
  prefixes: readonly string[],
  maxChars: number,
): string {
  if (text.length <= maxChars) return text;
  const segments = highlight(text, terms, prefixes);
  let at = 0;
  for (const s of segments) {
    if (s.hit) break;
    at += s.text.length;
  }
  if (at >= text.length) at = 0;
  const start = Math.max(0, Math.min(at - Math.floor(maxChars / 3), text.length - maxChars));
  const from = start === 0 ? 0 : text.indexOf(' ', start) + 1 || start;
  const cut = text.slice(from, from + maxChars);
  const to = from + maxChars >= text.length ? cut : cut.slice(0, Math.max(cut.lastIndexOf(' '), 1));
  return `${from > 0 ? '…' : ''}${to}${from + to.length < text.length ? '…' : ''}`;
}
