import { decodeSearchData, type SearchData, type SearchDoc } from './search-file';
import { parseQuery, type ParsedQuery } from './query';
import { words } from './text';

export interface SearchOptions {
  limit?: number;
  /** Only papers with a summary from one of these sources. */
  sourceIds?: readonly string[];
  /** Only papers with a human-written summary. */
  humanOnly?: boolean;
}

export interface SearchHit {
  doc: SearchDoc;
  score: number;
}

export interface SearchResults {
  hits: SearchHit[];
  /** Index terms the query matched (exact, prefix or typo), for highlighting. */
  terms: Set<string>;
  /** The word being typed, for highlighting words that start with it. */
  prefixes: string[];
}

const FIELD_WEIGHT = [0, 5, 3, 5, 1, 5, 3, 5]; // best field of the mask: title 5, authors 3, body 1
/** How many terms a prefix expands to: few for 1–2 letters, whose ranges are huge. */
const maxPrefixTerms = (length: number) => (length === 1 ? 12 : length === 2 ? 32 : 64);
const MAX_FUZZY_TERMS = 16;
const RERANK = 200;
const MAX_TITLE_PREFIX_CHECKS = 5000;

/** Edit distance (with transpositions) if ≤ max, else max + 1; stops early. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prevPrev[j - 2]! + 1);
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Searches a decoded search index as the user types: the word being typed
 * matches as a prefix, longer words tolerate typos, title hits outrank body
 * hits, papers with every word outrank those with some, and a title that
 * reads like the query comes first. Work per keystroke is bounded: prefixes
 * expand to the most frequent terms only, typos are looked for only among
 * terms of about the same length.
 */
export class SearchEngine {
  /** Term ids by length, built on the first typo look-up (not at load). */
  private byLengthCache: Map<number, number[]> | undefined;
  private readonly docGen: Uint32Array;
  private readonly tokenGen: Uint32Array;
  private readonly total: Float32Array;
  private readonly tokenBest: Float32Array;
  private readonly count: Uint8Array;
  private generation = 0;
  private foldedTitles: Array<string | undefined>;

  constructor(readonly data: SearchData) {
    const n = data.header.nDocs;
    this.docGen = new Uint32Array(n);
    this.tokenGen = new Uint32Array(n);
    this.total = new Float32Array(n);
    this.tokenBest = new Float32Array(n);
    this.count = new Uint8Array(n);
    this.foldedTitles = new Array<string | undefined>(n);
  }

  private get byLength(): Map<number, number[]> {
    if (!this.byLengthCache) {
      this.byLengthCache = new Map();
      this.data.terms.forEach((t, i) => {
        const list = this.byLengthCache!.get(t.length);
        if (list) list.push(i);
        else this.byLengthCache!.set(t.length, [i]);
      });
    }
    return this.byLengthCache;
  }

  get sources() {
    return this.data.header.sources;
  }

  private lowerBound(text: string): number {
    const { terms } = this.data;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[mid]! < text) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index terms a token stands for, with how well each matches (1 exact … 0.4 two typos). */
  private candidates(token: {
    text: string;
    prefix: boolean;
  }): Array<[term: number, quality: number]> {
    const { terms, df } = this.data;
    const at = this.lowerBound(token.text);
    const exact = terms[at] === token.text;
    const found: Array<[number, number]> = exact ? [[at, 1]] : [];
    if (token.prefix) {
      const end = this.lowerBound(`${token.text}\uffff`);
      const range: number[] = [];
      for (let t = exact ? at + 1 : at; t < end; t++) range.push(t);
      const max = maxPrefixTerms(token.text.length);
      if (range.length > max) range.sort((a, b) => df[b]! - df[a]!).length = max;
      for (const t of range) found.push([t, 0.8]);
    }
    if (found.length || token.text.length < 4) return found;
    const maxEdits = token.text.length >= 8 ? 2 : 1;
    const fuzzy: Array<[number, number]> = [];
    for (let len = token.text.length - maxEdits; len <= token.text.length + maxEdits; len++) {
      for (const t of this.byLength.get(len) ?? []) {
        const d = boundedDistance(token.text, terms[t]!, maxEdits);
        if (d <= maxEdits) fuzzy.push([t, d === 1 ? 0.6 : 0.4]);
      }
    }
    fuzzy.sort((a, b) => b[1] - a[1] || df[b[0]]! - df[a[0]]!);
    return fuzzy.slice(0, MAX_FUZZY_TERMS);
  }

  private foldedTitle(doc: number): string {
    return (this.foldedTitles[doc] ??= words(this.data.doc(doc).title).join(' '));
  }

  search(query: string | ParsedQuery, options: SearchOptions = {}): SearchResults {
    const parsed = typeof query === 'string' ? parseQuery(query) : query;
    const limit = options.limit ?? 20;
    const matchedTerms = new Set<string>();
    const prefixes = parsed.tokens.filter((t) => t.prefix).map((t) => t.text);
    if (!parsed.tokens.length) return { hits: [], terms: matchedTerms, prefixes };

    const { terms, df, offsets, postings, sourceMasks, kindMasks } = this.data;
    const n = this.data.header.nDocs;
    const touched: number[] = [];
    const gen = ++this.generation;
    parsed.tokens.forEach((token, ti) => {
      const tokenGen = gen * 16 + ti + 1; // unique per (search, token) while < 2^32
      for (const [t, quality] of this.candidates(token)) {
        matchedTerms.add(terms[t]!);
        const idf = Math.log(1 + n / df[t]!);
        let at = offsets[t]!;
        const end = offsets[t + 1]!;
        let doc = 0;
        while (at < end) {
          let value = 0;
          let shift = 1;
          let byte: number;
          do {
            byte = postings[at++]!;
            value += (byte & 0x7f) * shift;
            shift *= 128;
          } while (byte & 0x80);
          doc += Math.floor(value / 8);
          const score = FIELD_WEIGHT[value & 7]! * idf * quality;
          if (this.docGen[doc] !== gen) {
            this.docGen[doc] = gen;
            this.total[doc] = 0;
            this.count[doc] = 0;
            touched.push(doc);
          }
          if (this.tokenGen[doc] !== tokenGen) {
            this.tokenGen[doc] = tokenGen;
            this.tokenBest[doc] = score;
            this.total[doc]! += score;
            this.count[doc]!++;
          } else if (score > this.tokenBest[doc]!) {
            this.total[doc]! += score - this.tokenBest[doc]!;
            this.tokenBest[doc] = score;
          }
        }
      }
      // A short prefix expands to the most frequent terms only ("b" may
      // miss "bert"); papers the earlier words found are few, so check
      // their titles for a word with this prefix directly.
      if (token.prefix && ti > 0) {
        const score = FIELD_WEIGHT[1]! * Math.log(1 + n / 16) * 0.8;
        for (let i = 0; i < touched.length && i < MAX_TITLE_PREFIX_CHECKS; i++) {
          const doc = touched[i]!;
          if (this.tokenGen[doc] === tokenGen) continue;
          if (!` ${this.foldedTitle(doc)}`.includes(` ${token.text}`)) continue;
          this.tokenGen[doc] = tokenGen;
          this.tokenBest[doc] = score;
          this.total[doc]! += score;
          this.count[doc]!++;
        }
      }
    });

    const sourceMask = options.sourceIds?.length
      ? this.sources.reduce((m, s, i) => (options.sourceIds!.includes(s.id) ? m | (1 << i) : m), 0)
      : -1;
    const nTokens = parsed.tokens.length;
    // Keep the best RERANK by base score (a min-heap would do; a sorted
    // insert into a short array is as fast at this size and simpler).
    const best: Array<[doc: number, score: number]> = [];
    for (const doc of touched) {
      if ((sourceMasks[doc]! & sourceMask) === 0 || (options.humanOnly && !(kindMasks[doc]! & 1)))
        continue;
      const coverage = this.count[doc]! / nTokens;
      const score = this.total[doc]! * coverage * coverage;
      if (best.length === RERANK && score <= best[RERANK - 1]![1]) continue;
      let i = best.length;
      while (i > 0 && best[i - 1]![1] < score) i--;
      best.splice(i, 0, [doc, score]);
      if (best.length > RERANK) best.pop();
    }
    // A title that is, or begins like, the query: the paper the user means.
    const phrase = parsed.folded;
    const hits = best.map(([doc, score]) => {
      const title = this.foldedTitle(doc);
      const bonus =
        title === phrase
          ? 4
          : phrase.length > 2 && title.startsWith(phrase)
            ? 2
            : title.includes(phrase)
              ? 1.3
              : 1;
      // Between equals, the query covering more of a shorter title wins.
      const titleWords = title ? title.split(' ').length : 1;
      const concise = 1 + 0.1 * Math.min(1, nTokens / titleWords);
      return { doc: this.data.doc(doc), score: score * bonus * concise };
    });
    // A record the search file could not give (readSearchDoc) is no result.
    const found = hits.filter((h) => h.doc.key);
    found.sort((a, b) => b.score - a.score);
    return { hits: found.slice(0, limit), terms: matchedTerms, prefixes };
  }
}

/** An engine over a `search.bin` file's bytes. */
export function searchEngineOf(bytes: Uint8Array): SearchEngine {
  return new SearchEngine(
    decodeSearchData(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    ),
  );
}
