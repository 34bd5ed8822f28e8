/**
 * Text from pages and from strangers (a page's metadata, a remote index's
 * name) shown in trusted places: the "Sends …" line, tab titles, source
 * names. Unicode's format characters (Cf: bidi overrides and isolates,
 * zero-width spaces and joiners, soft hyphens) are invisible there: a
 * U+202E could close a quote and reverse the words or host name after it,
 * and zero-width padding could push what matters out of sight. Names and
 * titles have no need of them.
 */
const FORMAT_CHARS = /\p{Cf}/gu;

/** `text` without format characters, its whitespace collapsed. */
export const plainText = (text: string): string =>
  text.replace(FORMAT_CHARS, '').replace(/\s+/g, ' ').trim();

/** `text` as plainText, or undefined when absent or nothing is left (a manifest's optional name). */
export const plainOptional = (text: string | undefined): string | undefined =>
  (text && plainText(text)) || undefined;
