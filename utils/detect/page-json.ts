import { arxivKey, parseArxivId } from './arxiv';
import { keysForDoi, parseDoi } from './doi';
import { plainText } from '@/utils/core/page-text';

/*
 * Paper metadata that pages put in scripts rather than `<meta>` tags, read
 * in the worker from the raw text the content script sends (meta.ts,
 * `metaEntries`): JSON-LD (schema.org `ScholarlyArticle`, also `Article`
 * with a DOI), and IEEE Xplore's `xplGlobal.document.metadata={…};`, where
 * that site keeps its DOI (Zotero's IEEE Xplore translator reads it the
 * same way). A script is the page's own statement about itself, no less
 * trustworthy than a meta tag, and no more: everything is bounded (the
 * text's length by the sender, nodes and values here), malformed JSON is
 * nothing, only own properties are read, and every id is held to the key
 * grammar by parseDoi/parseArxivId. Nothing here throws.
 */

/** What one script says of the paper. */
export interface ScriptMeta {
  keys: string[];
  title?: string;
  authors: string[];
  /** The script declares a scholarly article (JSON-LD ScholarlyArticle). */
  isArticle: boolean;
}

/** Nodes looked at in one JSON-LD script: a page's paper is near the top. */
const MAX_NODES = 50;
/** Identifiers, authors read from one node (more are dropped). */
const MAX_IDS = 20;
const MAX_AUTHORS = 200;

type Json = Record<string, unknown>;

const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An own property: `__proto__`, `constructor` and the like are never inherited. */
const own = (node: Json, key: string): unknown =>
  Object.hasOwn(node, key) ? node[key] : undefined;

/** A value or the items of an array of them, at most `max`. */
const many = (v: unknown, max: number): unknown[] =>
  Array.isArray(v) ? v.slice(0, max) : v === undefined ? [] : [v];

const text = (v: unknown): string | undefined => {
  const t = typeof v === 'string' ? plainText(v) : '';
  return t || undefined;
};

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined; // a page's malformed JSON says nothing
  }
}

/** The keys one identifier stands for: a DOI (bare, `doi:`, a resolver URL) or an arXiv id. */
function keysOfId(raw: string, kind = ''): string[] {
  if (/arxiv/i.test(kind) || /^arxiv:/i.test(raw.trim())) {
    const arxiv = parseArxivId(raw);
    return arxiv ? [arxivKey(arxiv.id)] : [];
  }
  const doi = parseDoi(raw);
  return doi ? keysForDoi(doi) : [];
}

const stripTags = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/<[^<>]*>/g, '') : v);

/** `schema:ScholarlyArticle` and `http://schema.org/ScholarlyArticle` alike. */
const typeName = (t: unknown): string => (typeof t === 'string' ? t.replace(/^.*[/:#]/, '') : '');

function authorName(v: unknown): string | undefined {
  if (!isJson(v)) return text(v);
  const given = text(own(v, 'givenName'));
  const family = text(own(v, 'familyName'));
  return text(own(v, 'name')) ?? (given && family ? `${given} ${family}` : family);
}

/** The nodes of a JSON-LD document a page's paper may be: top level, `@graph`, `mainEntity`. */
function nodesOf(doc: unknown): Json[] {
  const nodes: Json[] = [];
  const add = (v: unknown) => {
    for (const item of many(v, MAX_NODES)) {
      if (nodes.length >= MAX_NODES || !isJson(item)) continue;
      nodes.push(item);
    }
  };
  add(doc);
  for (let i = 0; i < nodes.length && i < MAX_NODES; i++) {
    add(own(nodes[i]!, '@graph'));
    add(own(nodes[i]!, 'mainEntity'));
  }
  return nodes;
}

/**
 * The first article of a JSON-LD script: a ScholarlyArticle (or a
 * MedicalScholarlyArticle) gives its ids, name and authors and makes the
 * page a paper; a plain `Article` counts only for the DOI it names (news
 * sites are Articles too).
 */
export function readJsonLd(raw: string): ScriptMeta | null {
  for (const node of nodesOf(parseJson(raw))) {
    const types = many(own(node, '@type'), 10).map(typeName);
    const scholarly = types.some((t) => /^(?:Medical)?ScholarlyArticle$/.test(t));
    if (!scholarly && !types.includes('Article')) continue;
    const keys: string[] = [];
    for (const field of ['identifier', 'doi', 'sameAs', '@id']) {
      for (const id of many(own(node, field), MAX_IDS)) {
        if (typeof id === 'string') keys.push(...keysOfId(id));
        else if (isJson(id)) {
          // schema.org PropertyValue: {"propertyID": "DOI", "value": "10.…"}
          const value = own(id, 'value');
          const kind = own(id, 'propertyID');
          if (typeof value === 'string')
            keys.push(...keysOfId(value, typeof kind === 'string' ? kind : ''));
        }
      }
    }
    if (!scholarly && !keys.length) continue;
    const title = text(own(node, 'name')) ?? text(own(node, 'headline'));
    // `author`, or `creator` as Zenodo and DataCite write it.
    const authors = many(own(node, 'author') ?? own(node, 'creator'), MAX_AUTHORS)
      .map(authorName)
      .filter((a): a is string => Boolean(a));
    return { keys: [...new Set(keys)], ...(title ? { title } : {}), authors, isArticle: scholarly };
  }
  return null;
}

/**
 * The JSON value at the start of `raw` (IEEE Xplore's object, followed by
 * the rest of its script: `};\n xplGlobal.document.userLoggedIn=…`). One
 * pass that tracks strings and nesting: a `};` inside the abstract does not
 * end it. Undefined when it does not end within `raw` (cut by the sender).
 */
export function leadingJson(raw: string): unknown {
  const start = raw.search(/\S/);
  if (start < 0 || (raw[start] !== '{' && raw[start] !== '[')) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return parseJson(raw.slice(start, i + 1));
  }
  return undefined;
}

/**
 * IEEE Xplore's document metadata (`xplGlobal.document.metadata`, from its
 * object on): its `doi`, `articleNumber`, `title` and `authors[].name`.
 */
export function readXploreMetadata(raw: string): ScriptMeta | null {
  const data = leadingJson(raw);
  if (!isJson(data)) return null;
  const keys: string[] = [];
  const doi = own(data, 'doi');
  if (typeof doi === 'string') keys.push(...keysOfId(doi));
  const number = own(data, 'articleNumber');
  if (typeof number === 'string' && /^\d{1,10}$/.test(number)) keys.push(`ieee:${number}`);
  // Its titles may hold markup (`<i>`, `<inline-formula>`): the text only.
  const title =
    text(stripTags(own(data, 'title'))) ?? text(stripTags(own(data, 'displayDocTitle')));
  const authors = many(own(data, 'authors'), MAX_AUTHORS)
    .map(authorName)
    .filter((a): a is string => Boolean(a));
  if (!keys.length && !title) return null;
  return { keys, ...(title ? { title } : {}), authors, isArticle: false };
}
