import { arxivKey, parseArxivId } from './arxiv';
import { keysForDoi, parseDoi } from './doi';
import { doiFromUrl } from './doi-url';
import { readJsonLd, readXploreMetadata, type ScriptMeta } from './page-json';
import { inspireFileKey } from './publisher-ids';
import { plainText } from '@/utils/core/page-text';
import {
  cutText,
  META_ENTRIES,
  META_NAME_CHARS,
  META_SCRIPT_CHARS,
  META_SCRIPTS,
  META_VALUE_CHARS,
  SCHEMA_LIMITS,
  SCRIPT_ENTRY,
} from '@/utils/core/schema';

/**
 * Paper metadata from the page's `<meta>` tags: Highwire Press `citation_*`
 * (Google Scholar's convention, used by arXiv, ACL Anthology, OpenReview and
 * most publishers), Dublin Core, PRISM and Open Graph (`og:type` article
 * with a DOI in `og:url`); and from its scripts (page-json.ts): JSON-LD
 * `ScholarlyArticle` and IEEE Xplore's metadata object. Tested on the saved
 * arXiv (2020 and 2024 designs) and ACL Anthology pages in `test/fixtures`,
 * and on pages written to the structure of IEEE Xplore, INSPIRE, PMC,
 * ScienceDirect and IJCAI (`test/fixtures/pages/meta-*`, SOURCE.txt).
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
export const META_NAME = /^(?:citation_|dc\.|prism\.|bepress_citation_|og:(?:type|url|title)$)/i;

/** Where IEEE Xplore's metadata object is assigned in its script. */
const XPLORE_AT = 'xplGlobal.document.metadata';

/**
 * Reads the scholarly `<meta>` tags and metadata scripts of a document,
 * bounded (hostile pages can hold thousands). Only collects: the worker
 * parses (page-json.ts), so the content script stays small.
 */
export function metaEntries(doc: ParentNode): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  // Scripts first: a page's hundreds of citation_reference tags must not crowd them out.
  for (const el of doc.querySelectorAll('script[type$="ld+json"],script[type="text/javascript"]')) {
    const text = el.textContent!;
    // JSON-LD whole; IEEE Xplore's script from its metadata's name on.
    const at = el.getAttribute('type')!.endsWith('json') ? 0 : text.indexOf(XPLORE_AT);
    if (at >= 0) entries.push([SCRIPT_ENTRY, text.slice(at, at + META_SCRIPT_CHARS)]);
    if (entries.length === META_SCRIPTS) break;
  }
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

/** What the page's scripts say (JSON-LD, IEEE Xplore's object), the first META_SCRIPTS of them. */
function scriptMeta(entries: MetaEntries): ScriptMeta[] {
  const read: ScriptMeta[] = [];
  let scripts = 0;
  for (const [name, raw] of entries) {
    if (name !== SCRIPT_ENTRY) continue;
    if (++scripts > META_SCRIPTS) break;
    const text = raw.slice(0, META_SCRIPT_CHARS);
    const meta = text.startsWith(XPLORE_AT)
      ? readXploreMetadata(text.slice(XPLORE_AT.length).replace(/^\s*=/, ''))
      : readJsonLd(text);
    if (meta) read.push(meta);
  }
  return read;
}

/** `og:type` article and a DOI in `og:url` (a publisher's canonical address for the page). */
function openGraphKeys(entries: MetaEntries): string[] {
  const type = metaValues(entries, ['og:type'])[0];
  const url = metaValues(entries, ['og:url'])[0];
  if (!url || !/^article$/i.test(type ?? '')) return [];
  let doi: string | null = null;
  try {
    doi = doiFromUrl(new URL(url));
  } catch {
    return []; // not a URL: nothing to read
  }
  return doi ? keysForDoi(doi) : [];
}

/** Ids some sites give in fields of their own: Elsevier's PII, INSPIRE's arXiv id and PDF file. */
function siteKeys(entries: MetaEntries): string[] {
  const keys: string[] = [];
  for (const raw of metaValues(entries, ['citation_pii']).slice(0, 1)) {
    if (/^[SB][0-9X]{16}$/i.test(raw)) keys.push(`pii:${raw.toUpperCase()}`);
  }
  // INSPIRE: `arXiv:2203.14206` as a report number.
  for (const raw of metaValues(entries, ['citation_technical_report_number']).slice(0, 3)) {
    const arxiv = /^arxiv:/i.test(raw) ? parseArxivId(raw) : null;
    if (arxiv) keys.push(arxivKey(arxiv.id));
  }
  for (const raw of metaValues(entries, ['citation_pdf_url']).slice(0, 3)) {
    const file = inspireFileKey(raw);
    if (file) keys.push(file);
  }
  return keys;
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
  keys.push(...siteKeys(doc));
  const scripts = scriptMeta(doc);
  for (const script of scripts) keys.push(...script.keys);
  const ogKeys = openGraphKeys(doc);
  keys.push(...ogKeys);
  const citationTitle = metaValues(doc, ['citation_title'])[0];
  const found =
    citationTitle ??
    metaValues(doc, ['dc.title'])[0] ??
    scripts.find((script) => script.title)?.title ??
    // og:title names the page; it is the paper's only where og:url named its DOI.
    (ogKeys.length ? metaValues(doc, ['og:title'])[0] : undefined);
  // Within the schema's limits (utils/core/schema.ts), as everything kept about a paper is.
  const title = found && cutText(found, SCHEMA_LIMITS.titleChars);
  const tagged = metaValues(doc, ['citation_author', 'dc.creator']);
  const names = tagged.length ? tagged : (scripts.find((s) => s.authors.length)?.authors ?? []);
  const authors = names.map((name) => cutText(displayAuthor(name), SCHEMA_LIMITS.authorChars));
  return {
    keys: [...new Set(keys)],
    ...(title ? { title } : {}),
    authors: [...new Set(authors)].slice(0, SCHEMA_LIMITS.authors),
    ...(version ? { version } : {}),
    isArticle: Boolean(citationTitle) || scripts.some((script) => script.isArticle),
  };
}
