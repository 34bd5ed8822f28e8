import type { UrlMatch } from '@/utils/core/paper-ref';

/*
 * JMLR (Journal of Machine Learning Research) on jmlr.org. A paper is `<id>`
 * in volume `<vol>`, `duchi11a` in older volumes, `20-074` in newer ones:
 * the page `/papers/v<vol>/<id>.html`, the PDF
 * `/papers/volume<vol>/<id>/<id>.pdf` (also `/papers/v<vol>/<id>.pdf`).
 * Key: `jmlr:v<vol>/<id>`, lower case. Volume lists, BibTeX files and
 * supplements are not the paper; `/proceedings/papers/…` is PMLR (pmlr.ts).
 *
 * Tested on:
 *   https://jmlr.org/papers/v12/duchi11a.html → jmlr:v12/duchi11a
 *   https://www.jmlr.org/papers/volume12/duchi11a/duchi11a.pdf → jmlr:v12/duchi11a
 *   https://jmlr.org/papers/v12/duchi11a.pdf → jmlr:v12/duchi11a
 *   https://jmlr.org/papers/v21/20-074.html → jmlr:v21/20-074
 *   https://jmlr.org/papers/volume21/20-074/20-074.pdf → jmlr:v21/20-074
 *   https://www.jmlr.org/papers/v3/bengio03a.html → jmlr:v3/bengio03a
 *   https://jmlr.org/papers/v21/ → none
 *   https://jmlr.org/papers/v21/20-074.bib → none
 *   https://jmlr.org/papers/volume21/20-074/20-074-supp.zip → none
 */

/** Host and path: `<host>/papers/v<vol>/<id>.html|.pdf` or `<host>/papers/volume<vol>/<id>/<id>.pdf`. */
const PAPER =
  /^(?:www\.)?jmlr\.org\/papers\/(?:v(\d+)\/([a-z0-9][\w-]*)\.(?:html|pdf)|volume(\d+)\/([a-z0-9][\w-]*)\/\4\.pdf)$/i;

/** Detects a JMLR paper from its page or PDF URL. */
export function matchJmlrUrl(url: URL): UrlMatch | null {
  const m = PAPER.exec(url.hostname + url.pathname);
  const id = m?.[2] ?? m?.[4];
  return m && id ? { keys: [`jmlr:v${m[1] ?? m[3]}/${id.toLowerCase()}`] } : null;
}
