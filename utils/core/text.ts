/**
 * Text folded for comparing words: accents folded, lower case, LaTeX
 * commands dropped. The search engine (its index and its queries) and the
 * rule for "the same summary" (./summary.ts) both read words through it, so
 * they agree on what two spellings of one word are.
 */
export function foldText(text: string): string {
  return text
    .replace(/\\[a-zA-Z]+/g, ' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss');
}
