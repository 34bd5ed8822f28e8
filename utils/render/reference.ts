import { isCanonicalKey, referenceUrl } from '@/utils/core/paper-ref';
import { validYear, type CitedPaper } from '@/utils/render/citation';

/**
 * What the reference-manager formats (RIS, CSL-JSON, a formatted reference)
 * share: a paper's ids as the BibTeX entry writes them (citation.ts: the
 * arXiv id, its DataCite DOI when the paper has no other, the arXiv page
 * when it has no URL), names split into family and given, and text on one
 * line. Pure: data in, text out.
 */
export interface PaperIds {
  arxiv?: string;
  doi?: string;
  url?: string;
}

/** Only keys that fit the key grammar give ids (keys stored by an older version were not checked). */
const idOf = (keys: readonly string[], kind: string) =>
  keys.find((k) => k.startsWith(`${kind}:`) && isCanonicalKey(k))?.slice(kind.length + 1);

export function paperIds(paper: Pick<CitedPaper, 'keys' | 'url'>): PaperIds {
  const arxiv = idOf(paper.keys, 'arxiv');
  const doi = idOf(paper.keys, 'doi') ?? (arxiv ? `10.48550/arXiv.${arxiv}` : undefined);
  const url = referenceUrl(paper) ?? undefined;
  return { ...(arxiv ? { arxiv } : {}), ...(doi ? { doi } : {}), ...(url ? { url } : {}) };
}

/** Text for a one-line field: control characters and line breaks a space, spaces collapsed. */
export const oneLine = (text: string): string =>
  text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export type PersonName = { family: string; given?: string } | { literal: string };

/**
 * "Ada Lovelace" → family Lovelace, given Ada; "Lovelace, Ada" as written;
 * lower-case particles go with the family name ("Ludwig van Beethoven" →
 * "van Beethoven"); a single word ("Plato", "OpenAI") stays whole.
 */
export function splitName(raw: string): PersonName | null {
  const name = oneLine(raw);
  if (!name) return null;
  const comma = name.indexOf(',');
  if (comma > 0) {
    const family = name.slice(0, comma).trim();
    const given = name
      .slice(comma + 1)
      .replace(/,/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    return given ? { family, given } : { literal: family };
  }
  const words = name.split(' ');
  if (words.length === 1) return { literal: name };
  let start = words.length - 1;
  while (start > 1 && /^\p{Ll}/u.test(words[start - 1]!)) start--;
  return { family: words.slice(start).join(' '), given: words.slice(0, start).join(' ') };
}

/** "Lovelace, A." / "van Beethoven, L. W." / "Plato": a name as APA lists it. */
function apaName(raw: string): string | null {
  const name = splitName(raw);
  if (!name) return null;
  if ('literal' in name) return name.literal;
  const initials = (name.given ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((g) =>
      g
        .split('-')
        .map((part) => (part ? `${[...part][0]!.toUpperCase()}.` : ''))
        .join('-'),
    )
    .join(' ');
  return initials ? `${name.family}, ${initials}` : name.family;
}

/** APA's author list: "A", "A, & B", "A, B, & C"; past 20, the first 19, "…", the last. */
function apaAuthors(authors: readonly string[]): string {
  const names = authors.map(apaName).filter((n): n is string => Boolean(n));
  if (names.length <= 1) return names[0] ?? '';
  if (names.length > 20) return `${names.slice(0, 19).join(', ')}, … ${names.at(-1)!}`;
  return `${names.slice(0, -1).join(', ')}, & ${names.at(-1)!}`;
}

/** Ends a reference element with a full stop unless it already ends in one (or ? !). */
const period = (text: string) => (/[.?!]$/.test(text) ? text : `${text}.`);

/**
 * A plain-text reference in APA 7th-edition style, from what Sidenotes
 * knows: "Lovelace, A., & Turing, A. (2020). Title. Venue. https://doi.org/…".
 * An arXiv paper without a venue is cited as APA cites a preprint
 * ("Title (arXiv:2007.12223). arXiv."); no year is "(n.d.)"; with no
 * authors the title takes their place. Titles are kept as the paper
 * writes them (APA's sentence case would need to know proper nouns).
 */
export function formattedReference(paper: CitedPaper): string {
  const { arxiv, doi, url } = paperIds(paper);
  const authors = apaAuthors(paper.authors);
  const year = validYear(paper.year);
  const date = `(${year ?? 'n.d.'}).`;
  const title = oneLine(paper.title);
  const venue = paper.venue ? oneLine(paper.venue) : '';
  const titlePart = !venue && arxiv ? `${title} (arXiv:${arxiv})` : title;
  const source = venue || (arxiv ? 'arXiv' : '');
  const link = doi ? `https://doi.org/${doi}` : url;
  const parts = authors ? [period(authors), date, period(titlePart)] : [period(titlePart), date];
  if (source) parts.push(period(source));
  if (link) parts.push(link);
  return parts.join(' ');
}
