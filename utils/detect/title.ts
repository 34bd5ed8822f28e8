/**
 * Normalizes a paper title for matching across sources, as ShortScience
 * merges summaries by title: LaTeX commands and math delimiters dropped,
 * accents folded, lower case, punctuation removed, spaces collapsed.
 * "EMPIR: Ensembles of {M}ixed $\\alpha$-Precision" → "empir ensembles of mixed alpha precision".
 */
export function normalizeTitle(title: string): string {
  return title
    .replace(/\\[a-zA-Z]+\s*/g, (cmd) => {
      // Keep the word of Greek letters and similar (\alpha → alpha); drop
      // formatting commands (\textbf, \emph, \mathrm …).
      const name = cmd.trim().slice(1);
      return /^(text|math|emph|mbox|bf|it|rm|sf|tt|cal|bm|boldsymbol)/.test(name)
        ? ' '
        : ` ${name} `;
    })
    .replace(/\\./g, ' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const titleKey = (title: string): string | null => {
  const normalized = normalizeTitle(title);
  // Very short titles ("Introduction", "Abstract") would match unrelated papers.
  return normalized.length >= 12 && normalized.includes(' ') ? `title:${normalized}` : null;
};
