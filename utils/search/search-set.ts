import type { SearchEngine, SearchOptions } from './engine';
import type { SearchDoc } from './search-file';

export interface SetHit {
  doc: SearchDoc;
  score: number;
  /** The sources with a summary of this paper, across every index. */
  sources: Array<{ id: string; name: string }>;
}

export interface SetResults {
  hits: SetHit[];
  terms: Set<string>;
  prefixes: string[];
}

/**
 * Several search indexes searched as one (the bundled index and the synced
 * ShortScience feed): each answers, hits are merged by score, and a paper
 * found in two is one result listing the sources of both.
 */
export class SearchSet {
  constructor(readonly engines: readonly SearchEngine[]) {}

  /** Papers across the indexes (a paper in two counts twice: an estimate for the placeholder). */
  get papers(): number {
    return this.engines.reduce((n, e) => n + e.data.header.nDocs, 0);
  }

  get sources(): Array<{ id: string; name: string }> {
    const byId = new Map<string, { id: string; name: string }>();
    for (const e of this.engines) for (const s of e.sources) if (!byId.has(s.id)) byId.set(s.id, s);
    return [...byId.values()];
  }

  search(query: string, options: SearchOptions = {}): SetResults {
    const byKey = new Map<string, SetHit>();
    const terms = new Set<string>();
    let prefixes: string[] = [];
    for (const engine of this.engines) {
      const results = engine.search(query, options);
      results.terms.forEach((t) => terms.add(t));
      prefixes = results.prefixes;
      for (const { doc, score } of results.hits) {
        const sources = engine.sources.filter((_, b) => doc.sourceMask & (1 << b));
        const seen = byKey.get(doc.key);
        if (!seen) {
          byKey.set(doc.key, { doc, score, sources });
          continue;
        }
        for (const s of sources) if (!seen.sources.some((x) => x.id === s.id)) seen.sources.push(s);
        const kindMask = seen.doc.kindMask | doc.kindMask;
        if (score > seen.score) Object.assign(seen, { doc: { ...doc, kindMask }, score });
        else seen.doc = { ...seen.doc, kindMask };
      }
    }
    const hits = [...byKey.values()].sort((a, b) => b.score - a.score);
    return { hits: hits.slice(0, options.limit ?? 20), terms, prefixes };
  }
}
