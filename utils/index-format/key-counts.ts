import { isObject } from '@/utils/core/guards';
import { isCanonicalKey } from '@/utils/core/paper-ref';
import { distinctSummaries } from '@/utils/core/summary';
import { MAX_REFERENCES_PER_KEY } from './reader';
import { readPaperEntry } from './validate';

/**
 * How many summaries an index holds per paper key, human-written and
 * machine-generated: what listing pages show as badges, answered without
 * reading a shard per key. Derived from an index's shards (it is not part of
 * the index format) at build time for the bundled index (wxt.config.ts):
 * only the bundled index, which every install has, may mark a listing page.
 */
export type KeyCounts = Record<string, [human: number, machine: number]>;

/** The file the extension build writes for the bundled index. */
export const BUNDLED_KEY_COUNTS_FILE = 'index-counts.json';

/**
 * Per id key (titles are not listing keys), its summaries as a look-up by
 * that key finds them: the key's own paper and the papers it refers to, each
 * summary once by the core's rule (`distinctSummaries`, as the sidebar's merge
 * shows them).
 * Index data comes from elsewhere: entries are read through the same schema
 * as the index reader's (utils/index-format/validate.ts), so what it drops
 * counts for nothing here either.
 */
export function keyCountsOf(shards: Iterable<{ entries: Record<string, unknown> }>): KeyCounts {
  const nodes = new Map<string, Record<string, unknown>>();
  for (const shard of shards) {
    if (!isObject(shard?.entries)) continue;
    for (const [key, node] of Object.entries(shard.entries))
      if (isObject(node)) nodes.set(key, node);
  }
  // Each paper entry read once, through the schema the index reader applies.
  const read = new Map<string, ReturnType<typeof readPaperEntry>['entry']>();
  const entryOf = (key: string) => {
    if (!read.has(key)) {
      const raw = nodes.get(key)?.entry;
      read.set(key, raw === undefined ? undefined : readPaperEntry(raw).entry);
    }
    return read.get(key);
  };
  const counts: KeyCounts = {};
  for (const [key, node] of nodes) {
    if (key.startsWith('title:') || !isCanonicalKey(key)) continue;
    const refs = Array.isArray(node.see)
      ? node.see.filter(isCanonicalKey).slice(0, MAX_REFERENCES_PER_KEY)
      : [];
    let human = 0;
    let machine = 0;
    const found = [key, ...refs].flatMap((k) => entryOf(k)?.summaries ?? []);
    for (const summary of distinctSummaries(found)) {
      if (summary.source.kind === 'machine') machine++;
      else human++;
    }
    if (human + machine) counts[key] = [human, machine];
  }
  return counts;
}

/** A key-counts file as read back: only well-formed rows. */
export function parseKeyCounts(text: string): KeyCounts {
  const raw: unknown = JSON.parse(text);
  const counts: KeyCounts = {};
  if (!isObject(raw)) return counts;
  for (const [key, value] of Object.entries(raw)) {
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((n) => Number.isInteger(n) && n >= 0 && n < 1e6)
    )
      counts[key] = [value[0] as number, value[1] as number];
  }
  return counts;
}
