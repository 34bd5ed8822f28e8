import type { UrlMatch } from '@/utils/core/paper-ref';

/*
 * PMLR (Proceedings of Machine Learning Research: ICML, AISTATS, COLT, CoRL,
 * UAI …) on proceedings.mlr.press. A paper is `<id>` in volume `v<vol>`:
 * the page `/v<vol>/<id>.html` (also without `.html`), the PDF
 * `/v<vol>/<id>/<id>.pdf` (older volumes: `/v<vol>/<id>.pdf`) and its
 * supplement `/v<vol>/<id>/<id>-supp.pdf`, which resolves to the paper as
 * NeurIPS supplements do. Until 2017 the same volumes lived on jmlr.org as
 * "JMLR W&CP" (`/proceedings/papers/v<vol>/<id>.pdf`); old citations still
 * link there. Key: `pmlr:v<vol>/<id>`, lower case. Volume pages, BibTeX
 * files and other PDFs in a paper's folder are not the paper.
 *
 * Tested on:
 *   https://proceedings.mlr.press/v139/radford21a.html → pmlr:v139/radford21a
 *   https://proceedings.mlr.press/v139/radford21a/radford21a.pdf → pmlr:v139/radford21a
 *   https://proceedings.mlr.press/v97/locatello19a/locatello19a.pdf → pmlr:v97/locatello19a
 *   https://proceedings.mlr.press/v37/ioffe15.html → pmlr:v37/ioffe15
 *   https://proceedings.mlr.press/v37/ioffe15.pdf → pmlr:v37/ioffe15
 *   https://proceedings.mlr.press/v9/glorot10a/glorot10a.pdf → pmlr:v9/glorot10a
 *   https://jmlr.org/proceedings/papers/v37/ioffe15.pdf → pmlr:v37/ioffe15
 *   https://proceedings.mlr.press/v139/sun21c → pmlr:v139/sun21c
 *   https://proceedings.mlr.press/v139/sun21c/sun21c-supp.pdf → pmlr:v139/sun21c
 *   https://proceedings.mlr.press/v139/ → none
 *   https://proceedings.mlr.press/v139/radford21a/other.pdf → none
 *   https://proceedings.mlr.press/faq.html → none
 */

/**
 * Host and path: `<host>/v<vol>/<id>[.html|.pdf]` or `<host>/v<vol>/<id>/<id>[-supp].pdf`
 * (a PDF named otherwise is not the paper).
 */
const PAPER =
  /^(?:proceedings\.mlr\.press|(?:www\.)?jmlr\.org\/proceedings\/papers)\/v(\d+)\/(?!index(?:\.|$))([a-z0-9][\w-]*)(?:\.(?:html|pdf)|\/\2(?:-supp)?\.pdf)?$/i;

/** Detects a PMLR paper from its page or PDF URL. */
export function matchPmlrUrl(url: URL): UrlMatch | null {
  const m = PAPER.exec(url.hostname + url.pathname);
  return m?.[2] ? { keys: [`pmlr:v${m[1]}/${m[2].toLowerCase()}`] } : null;
}
