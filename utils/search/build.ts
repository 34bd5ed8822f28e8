import { paperPageUrl } from '@/utils/core/paper-ref';
import type { PaperMeta, SummarySource } from '@/utils/core/summary';
import {
  encodeSearchData,
  FIELD_AUTHORS,
  FIELD_BODY,
  FIELD_TITLE,
  type SearchDoc,
} from './search-file';
import { isStopWord, plainExcerpt, words } from './text';

/** One paper to index: its metadata and its summaries' text and sources. */
export interface SearchInput {
  key: string;
  paper: PaperMeta;
  summaries: Array<{ body: string; source: Pick<SummarySource, 'id' | 'name' | 'kind'> }>;
}

export interface SearchBuildOptions {
  /**
   * Keep at most this many body words per paper, those with the highest
   * tf-idf: titles and authors are indexed in full, the body with a bounded
   * vocabulary, so the index stays small at 100k papers. Default: all.
   */
  maxBodyTerms?: number;
  /** Characters of plain summary text kept per paper for result snippets. */
  excerptChars?: number;
}

function writeVarint(out: number[], value: number) {
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** Builds `search.bin` for a set of papers. Deterministic for the same input order. */
export function buildSearchIndex(
  inputs: readonly SearchInput[],
  options: SearchBuildOptions = {},
): Uint8Array {
  const maxBodyTerms = options.maxBodyTerms ?? Infinity;
  const excerptChars = options.excerptChars ?? 200;
  const sources: Array<{ id: string; name: string }> = [];
  const sourceIndex = new Map<string, number>();
  const docs: SearchDoc[] = [];
  const perDoc: Array<{ title: Set<string>; authors: Set<string>; body: Map<string, number> }> = [];
  const bodyDf = new Map<string, number>();

  for (const input of inputs) {
    let sourceMask = 0;
    let kindMask = 0;
    for (const { source } of input.summaries) {
      if (!sourceIndex.has(source.id)) {
        if (sources.length >= 31) throw new Error('A search index holds at most 31 sources.');
        sourceIndex.set(source.id, sources.length);
        sources.push({ id: source.id, name: source.name });
      }
      sourceMask |= 1 << sourceIndex.get(source.id)!;
      kindMask |= source.kind === 'human' ? 1 : 2;
    }
    const meaningful = (text: string) => words(text).filter((w) => !isStopWord(w));
    const title = new Set(meaningful(input.paper.title));
    const authors = new Set(
      meaningful([...input.paper.authors, ...input.summaries.map((s) => s.source.name)].join(' ')),
    );
    const body = new Map<string, number>();
    for (const s of input.summaries)
      for (const w of meaningful(s.body)) body.set(w, (body.get(w) ?? 0) + 1);
    for (const w of body.keys()) bodyDf.set(w, (bodyDf.get(w) ?? 0) + 1);
    perDoc.push({ title, authors, body });
    const shown =
      input.paper.authors.slice(0, 3).join(', ') +
      (input.paper.authors.length > 3 ? ' et al.' : '');
    const best = input.summaries.find((s) => s.source.kind === 'human') ?? input.summaries[0];
    docs.push({
      key: input.key,
      title: input.paper.title,
      authors: shown,
      year: input.paper.year ?? null,
      // Its URL is stored only when it changes the page a result opens
      // (`paperPageUrl`: a page the key names comes first): a tenth of the file.
      url:
        input.paper.url &&
        paperPageUrl({ keys: [input.key], url: input.paper.url }) !==
          paperPageUrl({ keys: [input.key] })
          ? input.paper.url
          : null,
      sourceMask,
      kindMask,
      excerpt: best ? plainExcerpt(best.body, excerptChars) : '',
      summaries: input.summaries.length,
    });
  }

  const postings = new Map<string, number[]>();
  const n = inputs.length;
  perDoc.forEach(({ title, authors, body }, docId) => {
    let bodyTerms = [...body.keys()];
    if (bodyTerms.length > maxBodyTerms) {
      const weight = (w: string) => body.get(w)! * Math.log(1 + n / bodyDf.get(w)!);
      bodyTerms = bodyTerms
        .sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1))
        .slice(0, maxBodyTerms);
    }
    const masks = new Map<string, number>();
    for (const w of title) masks.set(w, (masks.get(w) ?? 0) | FIELD_TITLE);
    for (const w of authors) masks.set(w, (masks.get(w) ?? 0) | FIELD_AUTHORS);
    for (const w of bodyTerms) masks.set(w, (masks.get(w) ?? 0) | FIELD_BODY);
    for (const [w, mask] of masks) {
      let list = postings.get(w);
      if (!list) postings.set(w, (list = []));
      list.push(docId, mask);
    }
  });

  const terms = [...postings.keys()].sort();
  const df = new Uint32Array(terms.length);
  const offsets = new Uint32Array(terms.length + 1);
  const bytes: number[] = [];
  terms.forEach((term, t) => {
    offsets[t] = bytes.length;
    const list = postings.get(term)!;
    df[t] = list.length / 2;
    let previous = 0;
    for (let i = 0; i < list.length; i += 2) {
      writeVarint(bytes, (list[i]! - previous) * 8 + list[i + 1]!);
      previous = list[i]!;
    }
  });
  offsets[terms.length] = bytes.length;
  return encodeSearchData({ terms, df, offsets, postings: Uint8Array.from(bytes), docs, sources });
}
