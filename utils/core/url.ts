/**
 * The one check for a URL that came from outside (a summary, an index, a
 * feed, an import) before it becomes an href, an image source or a new tab.
 * Used where data comes in and again where it is rendered or opened; it
 * imports nothing so that every layer, the service worker included, can use it.
 */

/** Longer than any link a person writes; a longer one is data, not a link. */
export const MAX_URL_CHARS = 2048;

/**
 * Characters no link a person writes contains, and which browsers strip or
 * treat specially: controls (C0, DEL, C1), every kind of space, soft hyphen,
 * zero-width and bidi marks, the BOM, and `\` (read as `/` by URL parsers).
 */
function isTrickChar(code: number): boolean {
  return (
    code <= 0x20 ||
    code === 0x5c ||
    (code >= 0x7f && code <= 0xa0) ||
    code === 0xad ||
    code === 0x1680 ||
    code === 0x180e ||
    (code >= 0x2000 && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202f) ||
    (code >= 0x205f && code <= 0x206f) ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const isAsciiSpace = (code: number) =>
  code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;

/**
 * `value` as an absolute `https:` URL (or `http:` with `allowHttp`) in the
 * browser's normalized form, or null. Rejected: any other scheme (data:,
 * javascript:, file:, chrome:, blob:, …), relative and protocol-relative
 * URLs, `https:host` and `https:///host` spellings, credentials
 * (`https://arxiv.org@evil.example`), and controls, spaces or invisible
 * characters anywhere inside. Spaces around the URL are trimmed, as HTML does.
 */
export function safeHttpUrl(value: unknown, options: { allowHttp?: boolean } = {}): string | null {
  if (typeof value !== 'string' || value.length > MAX_URL_CHARS) return null;
  let start = 0;
  let end = value.length;
  while (start < end && isAsciiSpace(value.charCodeAt(start))) start++;
  while (end > start && isAsciiSpace(value.charCodeAt(end - 1))) end--;
  const text = value.slice(start, end);
  for (let i = 0; i < text.length; i++) if (isTrickChar(text.charCodeAt(i))) return null;
  // The scheme and both slashes spelled out, the host right after them.
  if (!/^https?:\/\/[^/]/i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null; // not a URL at all: nothing to open
  }
  if (url.protocol !== 'https:' && !(options.allowHttp && url.protocol === 'http:')) return null;
  if (!url.hostname || url.username || url.password) return null;
  return url.href;
}

/**
 * The host permission a server needs (a remote index, a sync folder): its
 * scheme and host, any port and path. Firefox's match patterns cannot name a
 * port (asking for `http://127.0.0.1:8787/*` fails there: "not declared in
 * the manifest"), and Chrome's without one match every port: one rule, both
 * browsers, and the same pattern for two servers on one host.
 */
export const originPattern = (url: string): string => {
  const { protocol, hostname } = new URL(url);
  return `${protocol}//${hostname}/*`;
};

/** The host of a match pattern (`https://api.example.org/*` → `api.example.org`). */
export const hostOfPattern = (pattern: string): string =>
  pattern.replace(/^[^:]+:\/\/([^/]+)\/.*$/, '$1');
