import { arxivKey, parseArxivId } from './arxiv';
import { keysForDoi, parseDoi } from './doi';
import { plainText } from '@/utils/core/page-text';
import {
  cutText,
  META_ENTRIES,
  META_NAME_CHARS,
  META_VALUE_CHARS,
  SCHEMA_LIMITS,
} from '@/utils/core/schema';

/**
 * Paper metadata from the page's `<meta>` tags: Highwire Press `citation_*`
 * (Google Scholar's convention, used by arXiv, ACL Anthology, OpenReview and
 * most publishers), Dublin Core and PRISM. Tested on the saved arXiv (2020
 * and 2024 designs) and ACL Anthology pages in `test/fixtures`.
 */
export interface PageMeta {
  keys: string[];
  title?: string;
  authors: string[];
  version?: string;
  /** True when the page declares itself a scholarly article (citation_title). */
  isArticle: boolean;
}

/** A page's `<meta>` tags as name → content pairs, in page order (names lower-cased). */
export type MetaEntries = ReadonlyArray<readonly [name: string, content: string]>;

/** The metadata families detection reads; nothing else of the page is sent. */
export const META_NAME = /^(?:citation_|dc\.|prism\.|bepress_citation_)/i;

/** Reads the scholarly `<meta>` tags of a document, bounded (hostile pages can hold thousands). */
export function metaEntries(doc: ParentNode): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (const el of doc.querySelectorAll('meta[name], meta[property]')) {
    const name = (el.getAttribute('name') ?? el.getAttribute('property') ?? '').toLowerCase();
    const content = el.getAttribute('content');
    if (!META_NAME.test(name) || !content) continue;
    entries.push([name.slice(0, META_NAME_CHARS), content.slice(0, META_VALUE_CHARS)]);
    if (entries.length === META_ENTRIES) break;
  }
  return entries;
}

function metaValues(entries: MetaEntries, names: readonly string[]): string[] {
  const values: string[] = [];
  for (const [name, raw] of entries) {
    if (!names.includes(name.toLowerCase())) continue;
    // No bidi or format characters: page metadata reaches trusted text (utils/core/page-text.ts).
    const content = plainText(raw);
    if (content) values.push(content);
  }
  return values;
}

/** "Last, First" (arXiv's citation_author) → "First Last". */
export function displayAuthor(name: string): string {
  const parts = name.split(',').map((p) => p.trim());
  return parts.length === 2 && parts[0] && parts[1] ? `${parts[1]} ${parts[0]}` : name.trim();
}

export function readPageMeta(source: ParentNode | MetaEntries): PageMeta {
  const doc = Array.isArray(source) ? (source as MetaEntries) : metaEntries(source as ParentNode);
  const keys: string[] = [];
  let version: string | undefined;
  for (const raw of metaValues(doc, ['citation_arxiv_id'])) {
    const parsed = parseArxivId(raw);
    if (parsed) {
      keys.push(arxivKey(parsed.id));
      version ??= parsed.version;
    }
  }
  const doiFields = ['citation_doi', 'dc.identifier', 'prism.doi', 'bepress_citation_doi'];
  // A page may repeat a field hundreds of times; the first few are the paper's.
  for (const raw of metaValues(doc, doiFields).slice(0, SCHEMA_LIMITS.metaDois)) {
    // parseDoi holds the DOI to the key grammar: braces, quotes or `@` make it no DOI.
    const doi = parseDoi(raw);
    if (doi) keys.push(...keysForDoi(doi));
  }
  const citationTitle = metaValues(doc, ['citation_title'])[0];
  const found = citationTitle ?? metaValues(doc, ['dc.title'])[0];
  // Within the schema's limits (utils/core/schema.ts), as everything kept about a paper is.
  const title = found && cutText(found, SCHEMA_LIMITS.titleChars);
  const authors = metaValues(doc, ['citation_author', 'dc.creator']).map((name) =>
    cutText(displayAuthor(name), SCHEMA_LIMITS.authorChars),
  );
  return {
    keys,
    ...(title ? { title } : {}),
    authors: [...new Set(authors)].slice(0, SCHEMA_LIMITS.authors),
    ...(version ? { version } : {}),
    isArticle: Boolean(citationTitle),
  };
}
