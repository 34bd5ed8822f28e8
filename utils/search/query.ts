import { foldText } from '@/utils/core/text';
import { allWords, isStopWord } from './text';

export interface QueryToken {
  text: string;
  /** The word being typed: matched as a prefix. */
  prefix: boolean;
}

export interface ParsedQuery {
  tokens: QueryToken[];
  /** Folded words in order, for the "title reads like the query" bonus. */
  folded: string;
}

export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_TOKENS = 12;

/**
 * A search box string → tokens. The last word is a prefix unless the user
 * typed a space (or closing quote) after it. Stop words are dropped except
 * the word being typed ("a" may become "attention"), or when the query has
 * nothing else. Never throws: empty, huge, emoji or LaTeX input gives
 * tokens or none.
 */
export function parseQuery(raw: string): ParsedQuery {
  const text = raw.slice(0, MAX_QUERY_CHARS);
  const endsWord = /[\p{L}\p{N}]$/u.test(foldText(text));
  // Single letters are dropped, except the one being typed: "b" → "bert".
  const all = allWords(text).filter(
    (w, i, list) => w.length > 1 || /\d/.test(w) || (endsWord && i === list.length - 1),
  );
  if (!all.length) return { tokens: [], folded: '' };
  const tokens = all.map((w, i) => ({ text: w, prefix: endsWord && i === all.length - 1 }));
  const meaningful = tokens.filter((t) => t.prefix || !isStopWord(t.text));
  const kept = (meaningful.length ? meaningful : tokens).slice(0, MAX_QUERY_TOKENS);
  return { tokens: kept, folded: all.join(' ') };
}
