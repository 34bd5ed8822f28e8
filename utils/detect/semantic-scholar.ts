import type { UrlMatch } from '@/utils/core/paper-ref';

/*
 * Semantic Scholar paper pages. A paper's id is 40 hex digits:
 * `/paper/<title-author-slug>/<id>`, `/paper/<id>`, the reader
 * `/reader/<id>`, and cached PDFs on pdfs.semanticscholar.org, which split
 * the id as `/<first 4>/<other 36>.pdf`. Key: `s2:<id>`, lower case. The
 * slug may be percent-encoded; it is not part of the identity. Author,
 * search and venue pages are not papers.
 *
 * Tested on:
 *   https://www.semanticscholar.org/paper/Attention-is-All-you-Need-Vaswani-Shazeer/204e3073870fae3d05bcbc2f6a8e263d9b72e776 → s2:204e3073870fae3d05bcbc2f6a8e263d9b72e776
 *   https://www.semanticscholar.org/paper/204e3073870fae3d05bcbc2f6a8e263d9b72e776 → s2:204e3073870fae3d05bcbc2f6a8e263d9b72e776
 *   https://www.semanticscholar.org/paper/TectoMT%3A-Modular-NLP-Framework-Popel-Zabokrtsk%C3%BD/e1ea10a288632a4003a4221759bc7f7a2df36208 → s2:e1ea10a288632a4003a4221759bc7f7a2df36208
 *   https://www.semanticscholar.org/reader/204e3073870fae3d05bcbc2f6a8e263d9b72e776 → s2:204e3073870fae3d05bcbc2f6a8e263d9b72e776
 *   https://pdfs.semanticscholar.org/4170/0dc1e60f5c8eaef409ef014f37c8b9e1b8cd.pdf → s2:41700dc1e60f5c8eaef409ef014f37c8b9e1b8cd
 *   https://www.semanticscholar.org/paper/Attention-is-All-you-Need-Vaswani-Shazeer → none
 *   https://www.semanticscholar.org/author/Ashish-Vaswani/40348417 → none
 *   https://www.semanticscholar.org/search?q=attention%20is%20all%20you%20need → none
 */

/** Host and path: a paper or reader page, or a cached PDF (the id split 4 + 36). */
const PAPER =
  /^(?:www\.semanticscholar\.org\/(?:paper\/(?:[^/]+\/)?|reader\/)([0-9a-f]{40})\/?|pdfs\.semanticscholar\.org\/([0-9a-f]{4})\/([0-9a-f]{36})\.pdf)$/i;

export const semanticScholarKey = (id: string): string => `s2:${id.toLowerCase()}`;

/** Detects a Semantic Scholar paper from its page, reader or cached-PDF URL. */
export function matchSemanticScholarUrl(url: URL): UrlMatch | null {
  const m = PAPER.exec(url.hostname + url.pathname);
  const id = m?.[1] ?? (m?.[2] && m[3] ? m[2] + m[3] : undefined);
  return id ? { keys: [semanticScholarKey(id)] } : null;
}
