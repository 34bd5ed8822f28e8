import type { UrlMatch } from '@/utils/core/paper-ref';

/*
 * arXiv identifiers (https://info.arxiv.org/help/arxiv_identifier.html):
 * - new style `YYMM.NNNN` (2007–2014) or `YYMM.NNNNN` (2015 on), optional `vN`;
 * - old style `archive(.SC)/YYMMNNN`, e.g. `hep-th/9901001`, `math.GT/0309136`.
 *   The subject class is not part of the identity, so the key drops it.
 * Pages: `/abs/`, `/pdf/` (with or without `.pdf`), `/html/` (and its
 * sub-paths), `/format/`, `/ps/` on arxiv.org, www.arxiv.org,
 * export.arxiv.org and browse.arxiv.org; the PDFs some papers are served
 * as, `/ftp/<archive>/papers/<yymm>/<number>.pdf` (archive `arxiv` for
 * new-style ids); mirrors ar5iv, alphaXiv (abstract, overview, PDF, audio
 * and replicate pages) and Hugging Face Papers.
 *
 * Tested on:
 *   https://arxiv.org/abs/2007.12223 → arxiv:2007.12223
 *   https://arxiv.org/abs/2007.12223v2/ → arxiv:2007.12223
 *   https://arxiv.org/pdf/2007.12223v2 → arxiv:2007.12223
 *   https://arxiv.org/pdf/2007.12223v1.pdf → arxiv:2007.12223
 *   https://arxiv.org/html/2007.12223v2 → arxiv:2007.12223
 *   https://arxiv.org/html/2007.12223v2/ → arxiv:2007.12223
 *   https://arxiv.org/format/2007.12223 → arxiv:2007.12223
 *   https://arxiv.org/ps/2007.12223v1 → arxiv:2007.12223
 *   https://www.arxiv.org/abs/2007.12223?context=cs → arxiv:2007.12223
 *   https://export.arxiv.org/abs/2007.12223 → arxiv:2007.12223
 *   https://browse.arxiv.org/abs/2003.13678 → arxiv:2003.13678
 *   https://browse.arxiv.org/pdf/2003.13678v1 → arxiv:2003.13678
 *   https://arxiv.org/ftp/arxiv/papers/1110/1110.2832.pdf → arxiv:1110.2832
 *   https://arxiv.org/ftp/cond-mat/papers/0408/0408502.pdf → arxiv:cond-mat/0408502
 *   https://arxiv.org/abs/hep-th/9901001 → arxiv:hep-th/9901001
 *   https://arxiv.org/abs/math.GT/0309136v2 → arxiv:math/0309136
 *   https://ar5iv.labs.arxiv.org/html/1706.03762 → arxiv:1706.03762
 *   https://ar5iv.org/abs/1706.03762 → arxiv:1706.03762
 *   https://alphaxiv.org/abs/2007.12223 → arxiv:2007.12223
 *   https://www.alphaxiv.org/abs/2007.12223 → arxiv:2007.12223
 *   https://www.alphaxiv.org/audio/1706.03762 → arxiv:1706.03762
 *   https://www.alphaxiv.org/replicate/1706.03762 → arxiv:1706.03762
 *   https://huggingface.co/papers/2007.12223 → arxiv:2007.12223
 *   https://arxiv.org/list/cs.LG/recent → none
 *   https://arxiv.org/ftp/arxiv/papers/1110/ → none
 *   https://huggingface.co/papers/trending → none
 */

const NEW_ID = /^(\d{2})(\d{2})\.(\d{4,5})(v\d+)?$/;
// The subject class is upper case on arXiv; lower case where a DOI was
// lower-cased (`10.48550/arxiv.math.gt/0309136`).
const OLD_ID = /^([a-z]+(?:-[a-z]+)?)(?:\.[A-Za-z]{2})?\/(\d{2})(\d{2})(\d{3})(v\d+)?$/;

export interface ArxivId {
  /** Canonical id without version: `2007.12223`, `hep-th/9901001`. */
  id: string;
  version?: string;
}

function validMonth(mm: string): boolean {
  const m = Number(mm);
  return m >= 1 && m <= 12;
}

/** Parses one arXiv identifier (no URL around it); returns null if it is not one. */
export function parseArxivId(raw: string): ArxivId | null {
  const text = raw.trim().replace(/^arxiv:/i, '');
  const modern = NEW_ID.exec(text);
  if (modern) {
    const [, yy, mm, num, version] = modern as unknown as [string, string, string, string, string?];
    if (!validMonth(mm)) return null;
    // Five-digit numbers started in January 2015; before that there were four.
    const fiveDigits = Number(yy) >= 15;
    if ((num.length === 5) !== fiveDigits) return null;
    if (Number(yy) < 7 || (Number(yy) === 7 && Number(mm) < 4)) return null;
    return { id: `${yy}${mm}.${num}`, ...(version ? { version } : {}) };
  }
  const old = OLD_ID.exec(text);
  if (old) {
    const [, archive, yy, mm, num, version] = old as unknown as [
      string,
      string,
      string,
      string,
      string,
      string?,
    ];
    if (!validMonth(mm)) return null;
    // Old-style ids run from 1991 to March 2007.
    const year = Number(yy);
    if (year > 7 && year < 91) return null;
    return { id: `${archive}/${yy}${mm}${num}`, ...(version ? { version } : {}) };
  }
  return null;
}

export const arxivKey = (id: string): string => `arxiv:${id}`;

const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org', 'browse.arxiv.org']);
const ARXIV_PATHS = /^\/(?:abs|pdf|html|format|ps)\/(.+)$/;
/** `/ftp/arxiv/papers/1110/1110.2832.pdf`, `/ftp/cond-mat/papers/0408/0408502.pdf`. */
const FTP_PATH = /^\/ftp\/([a-z-]+)\/papers\/\d{4}\/([^/]+\.pdf)$/;
const ALPHAXIV = /^\/(?:abs|overview|pdf|audio|replicate)\/(.+)$/;
const MIRRORS: Record<string, RegExp> = {
  'ar5iv.labs.arxiv.org': /^\/(?:html|abs)\/(.+)$/,
  'ar5iv.org': /^\/(?:html|abs)\/(.+)$/,
  'alphaxiv.org': ALPHAXIV,
  'www.alphaxiv.org': ALPHAXIV,
  'huggingface.co': /^\/papers\/(.+)$/,
};

/**
 * The path after `/abs/` etc. is the id, possibly followed by `.pdf`, a
 * trailing slash or a sub-path (`/html/<id>v1/#S2`, `/html/<id>v1/x1.png`).
 * Old-style ids contain a slash themselves, so try "archive/number" first.
 */
function idFromPathRest(rest: string): ArxivId | null {
  const cleaned = decodeURIComponent(rest).replace(/\.pdf$/i, '');
  const parts = cleaned.split('/').filter(Boolean);
  if (parts.length >= 2) {
    const old = parseArxivId(`${parts[0]}/${(parts[1] ?? '').replace(/\.pdf$/i, '')}`);
    if (old) return old;
  }
  return parts[0] ? parseArxivId(parts[0].replace(/\.pdf$/i, '')) : null;
}

/** Detects an arXiv paper from a URL on arXiv or one of its mirrors. */
export function matchArxivUrl(url: URL): UrlMatch | null {
  const onArxiv = ARXIV_HOSTS.has(url.hostname);
  // Own keys only: a host named `constructor` is no mirror.
  const pattern = onArxiv
    ? ARXIV_PATHS
    : Object.hasOwn(MIRRORS, url.hostname)
      ? MIRRORS[url.hostname]
      : undefined;
  if (!pattern) return null;
  const ftp = onArxiv ? FTP_PATH.exec(url.pathname) : null;
  // New-style ids are filed under the archive `arxiv`; old-style ones under their own.
  const rest = ftp?.[2]
    ? ftp[1] === 'arxiv'
      ? ftp[2]
      : `${ftp[1]}/${ftp[2]}`
    : pattern.exec(url.pathname)?.[1];
  if (!rest) return null;
  const parsed = idFromPathRest(rest);
  if (!parsed) return null;
  return { keys: [arxivKey(parsed.id)], ...(parsed.version ? { version: parsed.version } : {}) };
}
