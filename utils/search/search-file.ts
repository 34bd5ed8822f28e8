import { MAX_KEY_CHARS } from '@/utils/core/paper-ref';
import { safeHttpUrl } from '@/utils/core/url';

/**
 * The serialized search index (`search.bin`), one file fetched and decoded
 * into typed arrays; nothing is parsed per paper until a result is shown:
 *
 *   "SNS2" · u32 header length · header JSON · terms (UTF-8, "\n"-joined)
 *   · pad to 4 · u32 df[nTerms] · u32 offsets[nTerms + 1]
 *   · u32 sourceMask[nDocs] · u32 docOffsets[nDocs + 1] · u8 kindMask[nDocs]
 *   · postings · docs (one JSON tuple per paper, at docOffsets)
 *
 * Postings of term t are bytes offsets[t]..offsets[t+1]: varints of
 * (docId delta << 3 | field mask), fields TITLE, AUTHORS (and source), BODY.
 */
export const FIELD_TITLE = 1;
export const FIELD_AUTHORS = 2;
export const FIELD_BODY = 4;
export const SEARCH_FORMAT_VERSION = 2;
const MAGIC = 'SNS2';

/** What a result shows; `key` is the paper's canonical key. */
export interface SearchDoc {
  key: string;
  title: string;
  authors: string;
  year: number | null;
  url: string | null;
  /** Bit i set: the paper has a summary from sources[i]. */
  sourceMask: number;
  /** Bit 0: has a human-written summary; bit 1: a machine-generated one. */
  kindMask: number;
  excerpt: string;
  summaries: number;
}

export interface SearchHeader {
  format: number;
  nDocs: number;
  nTerms: number;
  termBytes: number;
  postingBytes: number;
  docBytes: number;
  sources: Array<{ id: string; name: string }>;
}

export interface SearchData {
  header: SearchHeader;
  terms: string[];
  df: Uint32Array;
  offsets: Uint32Array;
  postings: Uint8Array;
  /** Per paper, for filtering without decoding it. */
  sourceMasks: Uint32Array;
  kindMasks: Uint8Array;
  /** Decodes one paper's record (cached). */
  doc(id: number): SearchDoc;
}

type DocTuple = [string, string, string, number, string, number, number, string, number];

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeSearchData(input: {
  terms: string[];
  df: Uint32Array;
  offsets: Uint32Array;
  postings: Uint8Array;
  docs: SearchDoc[];
  sources: SearchHeader['sources'];
}): Uint8Array {
  const termBytes = encoder.encode(input.terms.join('\n'));
  const docChunks = input.docs.map((d) =>
    encoder.encode(
      JSON.stringify([
        d.key,
        d.title,
        d.authors,
        d.year ?? 0,
        d.url ?? '',
        d.sourceMask,
        d.kindMask,
        d.excerpt,
        d.summaries,
      ] satisfies DocTuple),
    ),
  );
  const docOffsets = new Uint32Array(input.docs.length + 1);
  docChunks.forEach((c, i) => (docOffsets[i + 1] = docOffsets[i]! + c.length));
  const docBytes = docOffsets[input.docs.length]!;
  const header: SearchHeader = {
    format: SEARCH_FORMAT_VERSION,
    nDocs: input.docs.length,
    nTerms: input.terms.length,
    termBytes: termBytes.length,
    postingBytes: input.postings.length,
    docBytes,
    sources: input.sources,
  };
  const headerBytes = encoder.encode(JSON.stringify(header));
  const start = 8 + headerBytes.length + termBytes.length;
  const pad = (4 - (start % 4)) % 4;
  const u32Arrays = [
    input.df,
    input.offsets,
    Uint32Array.from(input.docs, (d) => d.sourceMask),
    docOffsets,
  ];
  const u32Bytes = u32Arrays.reduce((n, a) => n + 4 * a.length, 0);
  const out = new Uint8Array(
    start + pad + u32Bytes + input.docs.length + input.postings.length + docBytes,
  );
  const view = new DataView(out.buffer);
  out.set(encoder.encode(MAGIC), 0);
  view.setUint32(4, headerBytes.length, true);
  out.set(headerBytes, 8);
  out.set(termBytes, 8 + headerBytes.length);
  let at = start + pad;
  for (const arr of u32Arrays)
    for (let i = 0; i < arr.length; i++, at += 4) view.setUint32(at, arr[i]!, true);
  out.set(
    Uint8Array.from(input.docs, (d) => d.kindMask),
    at,
  );
  at += input.docs.length;
  out.set(input.postings, at);
  at += input.postings.length;
  for (const chunk of docChunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * A result's record as stored in a search file, which may come from a remote
 * index (data from elsewhere): rebuilt field by field, each of its type and
 * bounded, the URL through `safeHttpUrl` (dropped when unsafe). A record that
 * is not one at all comes out empty (no key), and the engine leaves it out.
 */
export function readSearchDoc(raw: unknown): SearchDoc {
  const t: unknown[] = Array.isArray(raw) ? raw : [];
  const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
  const count = (v: unknown, max: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max ? v : 0;
  const key = typeof t[0] === 'string' && t[0].length <= MAX_KEY_CHARS ? t[0] : '';
  const year = count(t[3], 2100);
  return {
    key,
    title: text(t[1], 1_000),
    authors: text(t[2], 1_000),
    year: year >= 1000 ? year : null,
    url: safeHttpUrl(t[4]),
    sourceMask: count(t[5], 0x7fffffff),
    kindMask: count(t[6], 3),
    excerpt: text(t[7], 2_000),
    summaries: count(t[8], 1_000_000),
  };
}

const isSourceList = (v: unknown): v is SearchHeader['sources'] =>
  Array.isArray(v) &&
  v.length <= 31 &&
  v.every(
    (s) =>
      typeof s === 'object' &&
      s !== null &&
      typeof (s as { id?: unknown }).id === 'string' &&
      typeof (s as { name?: unknown }).name === 'string' &&
      (s as { id: string }).id.length <= 200 &&
      (s as { name: string }).name.length <= 200,
  );

export class SearchFormatError extends Error {
  override name = 'SearchFormatError';
}

export function decodeSearchData(buffer: ArrayBuffer): SearchData {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < 8 || decoder.decode(bytes.subarray(0, 4)) !== MAGIC) {
    throw new SearchFormatError(
      'The search index file is not a Sidenotes search index of this version.',
    );
  }
  const view = new DataView(buffer);
  const headerLength = view.getUint32(4, true);
  let header: SearchHeader;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(8, 8 + headerLength))) as SearchHeader;
  } catch {
    throw new SearchFormatError('The search index header is damaged.');
  }
  const counts = [
    header?.nDocs,
    header?.nTerms,
    header?.termBytes,
    header?.postingBytes,
    header?.docBytes,
  ];
  if (
    typeof header !== 'object' ||
    header === null ||
    typeof header.format !== 'number' ||
    !counts.every(
      (n) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= bytes.length,
    ) ||
    !isSourceList(header.sources)
  ) {
    throw new SearchFormatError('The search index header is damaged.');
  }
  if (header.format > SEARCH_FORMAT_VERSION) {
    throw new SearchFormatError(
      `The search index uses format ${header.format}; update Sidenotes to read it.`,
    );
  }
  const { nTerms, nDocs } = header;
  const termStart = 8 + headerLength;
  const start = termStart + header.termBytes;
  let at = start + ((4 - (start % 4)) % 4);
  const postingsAt = at + 4 * (nTerms + nTerms + 1 + nDocs + nDocs + 1) + nDocs;
  const docsAt = postingsAt + header.postingBytes;
  if (docsAt + header.docBytes !== bytes.length) {
    throw new SearchFormatError('The search index file is truncated or padded.');
  }
  // Sections start 4-aligned in the file; views need them aligned in memory too.
  const u32 = (count: number) => {
    const array =
      at % 4 === 0
        ? new Uint32Array(buffer, at, count)
        : new Uint32Array(buffer.slice(at, at + 4 * count));
    at += 4 * count;
    return array;
  };
  const df = u32(nTerms);
  const offsets = u32(nTerms + 1);
  const sourceMasks = u32(nDocs);
  const docOffsets = u32(nDocs + 1);
  const kindMasks = bytes.subarray(at, at + nDocs);
  const postings = bytes.subarray(postingsAt, docsAt);
  const terms = nTerms ? decoder.decode(bytes.subarray(termStart, start)).split('\n') : [];
  if (terms.length !== nTerms || docOffsets[nDocs] !== header.docBytes) {
    throw new SearchFormatError('The search index counts do not match its contents.');
  }
  const cache = new Map<number, SearchDoc>();
  const doc = (id: number): SearchDoc => {
    let found = cache.get(id);
    if (found) return found;
    const raw = decoder.decode(
      bytes.subarray(docsAt + docOffsets[id]!, docsAt + docOffsets[id + 1]!),
    );
    let tuple: unknown;
    try {
      tuple = JSON.parse(raw);
    } catch {
      tuple = null; // a damaged record reads as none
    }
    found = readSearchDoc(tuple);
    cache.set(id, found);
    return found;
  };
  return { header, terms, df, offsets, postings, sourceMasks, kindMasks, doc };
}
