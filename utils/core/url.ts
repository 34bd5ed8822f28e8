/**
 * The one check for a URL that came from outside (an index, a live source,
 * the feed, an import, a search file) before it is kept, becomes an `href`
 * or is opened in a tab. It runs where data comes in (utils/core/schema.ts)
 * and again where a URL is rendered or opened, so a value that slipped past
 * one never reaches the other.
 */

/** Longer than any link a person writes; a longer one is data, not a link. */
export const MAX_URL_CHARS = 2048;

export interface SafeUrlOptions {
  /**
   * Hosts that may be reached over plain `http:` (a local `npm run
   * serve:index` on `localhost` or `127.0.0.1`); every other host needs `https:`.
   */
  allowHttpHosts?: readonly string[];
}

/**
 * Characters that no written link holds and that URL parsers strip, fold or
 * read specially: C0 and C1 controls, DEL, every Unicode space, soft hyphen,
 * zero-width and bidi marks, line and paragraph separators, the BOM, and `\`
 * (which the URL parser reads as `/` in http(s) URLs).
 */
function hasTrick(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      c <= 0x20 ||
      c === 0x5c ||
      (c >= 0x7f && c <= 0xa0) ||
      c === 0xad ||
      c === 0x1680 ||
      c === 0x180e ||
      (c >= 0x2000 && c <= 0x200f) ||
      (c >= 0x2028 && c <= 0x202f) ||
      (c >= 0x205f && c <= 0x206f) ||
      c === 0x3000 ||
      c === 0xfeff
    )
      return true;
  }
  return false;
}

/** The scheme, both slashes and a host character, as a person writes an absolute link. */
const ABSOLUTE = /^https?:\/\/[^/?#]/i;

/**
 * `value` as an absolute `https:` URL in its normalized form (`href`), or
 * null. `http:` only for hosts in `allowHttpHosts`. Refused: every other
 * scheme (`data:`, `javascript:`, `file:`, `chrome:`, `chrome-extension:`,
 * `blob:`, `about:` …), relative and protocol-relative URLs, `https:host`
 * and `https:///host` spellings, user names and passwords
 * (`https://arxiv.org@evil.example`), and controls, spaces or invisible
 * characters anywhere. Spaces around the URL are trimmed, as HTML does for `href`.
 */
export function safeHttpUrl(value: unknown, options: SafeUrlOptions = {}): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
  if (!text || text.length > MAX_URL_CHARS || hasTrick(text) || !ABSOLUTE.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null; // not a URL at all: nothing to keep or open
  }
  if (!url.hostname || url.username || url.password) return null;
  if (url.protocol === 'https:') return url.href;
  if (url.protocol === 'http:' && options.allowHttpHosts?.includes(url.hostname)) return url.href;
  return null;
}

/** Hosts on this computer, reachable over `http:` for a local index (`npm run serve:index`). */
export const LOCAL_HTTP_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];
