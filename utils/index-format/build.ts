import { normalizeTitle, titleKey } from '@/utils/detect/title';
import {
  INDEX_FORMAT_VERSION,
  shardFileName,
  sha256Hex,
  shardIdFor,
  type Manifest,
  type PaperEntry,
  type Shard,
  type ShardEntry,
} from './format';
import { buildSearchIndex, type SearchBuildOptions } from '@/utils/search/build';
import { renderIndexPage } from './index-page';
import type { InputRecord } from './input';
import { MAX_LICENCE_CHARS, MAX_PUBLISHER_CHARS } from './validate';

export interface BuildOptions {
  name: string;
  /** ISO date written into the manifest. */
  built: string;
  /** Average shard size to aim for; decides how many hex digits name a shard. */
  targetShardBytes?: number;
  /** Force a shard prefix length (tests, tiny indexes). */
  shardPrefixLength?: number;
  /** How to build `search.bin`; false for none (a look-up-only index, or a scale test). */
  search?: SearchBuildOptions | false;
  /** Who publishes the index, written into the manifest and `index.html`. */
  publisher?: string;
  /** The summaries' licence, e.g. "CC BY 4.0", written into the manifest and `index.html`. */
  licence?: string;
  /**
   * Write `index.html`, the page that tells a visitor what the index is and
   * how to add it (default true). The bundled index, which nobody visits, has none.
   */
  page?: boolean;
}

function checkWords(options: BuildOptions) {
  for (const [field, value, max] of [
    ['publisher', options.publisher, MAX_PUBLISHER_CHARS],
    ['licence', options.licence, MAX_LICENCE_CHARS],
  ] as const) {
    if (value !== undefined && (!value.trim() || value.length > max)) {
      throw new Error(`The index's ${field} must be 1 to ${max} characters.`);
    }
  }
}

export interface BuiltIndex {
  manifest: Manifest;
  /** Relative path → file content (manifest.json included). */
  files: Map<string, string | Uint8Array>;
}

/**
 * Groups input records into papers. Records sharing any id key are one paper
 * (a ShortScience summary and a SciTLDR one of the same arXiv paper), keyed by
 * the most specific key. Titles are not merged here: the same title can name
 * different papers, so a title key refers to every paper that has it and the
 * reader decides.
 */
function groupPapers(records: readonly InputRecord[]): Map<string, PaperEntry> {
  const primaryOf = new Map<string, string>();
  const papers = new Map<string, PaperEntry>();
  for (const record of records) {
    const keys = record.keys.length
      ? record.keys
      : [titleKey(record.paper.title) ?? `title:${normalizeTitle(record.paper.title)}`];
    const existing = keys.map((k) => primaryOf.get(k)).find((k) => k !== undefined);
    const primary = existing ?? keys[0]!;
    let entry = papers.get(primary);
    if (!entry) {
      entry = { keys: [], paper: record.paper, summaries: [] };
      papers.set(primary, entry);
    }
    for (const key of keys) {
      if (!entry.keys.includes(key)) entry.keys.push(key);
      primaryOf.set(key, primary);
    }
    const n = entry.summaries.filter((s) => s.source.id === record.summary.source.id).length;
    entry.summaries.push({
      ...record.summary,
      id: record.summary.id ?? `${record.summary.source.id}:${primary}:${n}`,
    });
  }
  return papers;
}

function choosePrefixLength(totalBytes: number, target: number): number {
  let length = 0;
  while (length < 4 && totalBytes / 16 ** length > target) length++;
  return length;
}

/** Builds index files from input records. Deterministic for the same input and options. */
export async function buildIndex(
  records: readonly InputRecord[],
  options: BuildOptions,
): Promise<BuiltIndex> {
  checkWords(options);
  const papers = groupPapers(records);
  const entries = new Map<string, ShardEntry>();
  const addSee = (key: string, primary: string) => {
    const node = entries.get(key) ?? {};
    node.see = [...new Set([...(node.see ?? []), primary])].sort();
    entries.set(key, node);
  };
  let summaryCount = 0;
  for (const [primary, entry] of papers) {
    summaryCount += entry.summaries.length;
    entries.set(primary, { ...entries.get(primary), entry });
    for (const key of entry.keys) if (key !== primary) addSee(key, primary);
    const byTitle = titleKey(entry.paper.title);
    if (byTitle && byTitle !== primary) addSee(byTitle, primary);
  }

  const totalBytes = [...papers.values()].reduce((n, e) => n + JSON.stringify(e).length, 0);
  const prefixLength =
    options.shardPrefixLength ??
    choosePrefixLength(totalBytes, options.targetShardBytes ?? 64 * 1024);
  const shards = new Map<string, Shard>();
  for (const key of [...entries.keys()].sort()) {
    const id = shardIdFor(key, prefixLength);
    const shard = shards.get(id) ?? { format: INDEX_FORMAT_VERSION, entries: {} };
    // Fixed property order keeps the output byte-identical across builds.
    const { entry, see } = entries.get(key)!;
    shard.entries[key] = { ...(entry ? { entry } : {}), ...(see ? { see } : {}) };
    shards.set(id, shard);
  }

  const files = new Map<string, string | Uint8Array>();
  const manifest: Manifest = {
    format: INDEX_FORMAT_VERSION,
    name: options.name,
    ...(options.publisher !== undefined ? { publisher: options.publisher } : {}),
    ...(options.licence !== undefined ? { licence: options.licence } : {}),
    built: options.built,
    counts: { papers: papers.size, summaries: summaryCount, keys: entries.size },
    shardPrefixLength: prefixLength,
    shards: {},
  };
  for (const id of [...shards.keys()].sort()) {
    const shard = shards.get(id)!;
    const text = JSON.stringify(shard);
    const file = shardFileName(id);
    files.set(file, text);
    manifest.shards[id] = {
      file,
      sha256: await sha256Hex(text),
      bytes: new TextEncoder().encode(text).length,
      entries: Object.keys(shard.entries).length,
    };
  }
  if (options.search !== false) {
    const search = buildSearchIndex(
      [...papers].map(([key, entry]) => ({ key, paper: entry.paper, summaries: entry.summaries })),
      options.search,
    );
    files.set('search.bin', search);
    manifest.search = { file: 'search.bin', sha256: await sha256Hex(search), bytes: search.length };
  }
  files.set('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  if (options.page !== false) files.set('index.html', renderIndexPage(manifest));
  return { manifest, files };
}
