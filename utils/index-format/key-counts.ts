import { isObject } from '@/utils/core/guards';
import { sameTextKey } from '@/utils/search/text';

/**
 * How many summaries an index holds per paper key, human-written and
 * machine-generated: what listing pages show as badges, answered without
 * reading a shard per key. Derived from an index's shards (it is not part of
 * the index format): at build time for the bundled index (wxt.config.ts), in
 * the worker from a remote index's cached shards.
 */
export type KeyCounts = Record<string, [human: number, machine: number]>;

/** The file the extension build writes for the bundled index. */
export const BUNDLED_KEY_COUNTS_FILE = 'index-counts.json';

interface RawSummary {
  id?: unknown;
  body?: unknown;
  source?: { kind?: unknown };
}

const summariesOf = (entry: unknown): RawSummary[] =>
  isObject(entry) && Array.isArray(entry.summaries)
    ? (entry.summaries as unknown[]).filter((s): s is RawSummary => isObject(s))
    : [];

/**
 * Per id key (titles are not listing keys), its summaries as a look-up by
 * that key finds them: the key's own paper and the papers it refers to, each
 * summary once by id and by its words (as the sidebar's merge shows them).
 * Index data comes from elsewhere: anything malformed counts for nothing.
 */
export function keyCountsOf(shards: Iterable<{ entries: Record<string, unknown> }>): KeyCounts {
  const nodes = new Map<string, Record<string, unknown>>();
  for (const shard of shards) {
    if (!isObject(shard?.entries)) continue;
    for (const [key, node] of Object.entries(shard.entries))
      if (isObject(node)) nodes.set(key, node);
  }
  const counts: KeyCounts = {};
  for (const [key, node] of nodes) {
    if (key.startsWith('title:')) continue;
    const refs = Array.isArray(node.see) ? node.see.filter((r) => typeof r === 'string') : [];
    const entries = [node.entry, ...refs.map((r) => nodes.get(r)?.entry)];
    const seen = new Set<string>();
    let human = 0;
    let machine = 0;
    for (const summary of entries.flatMap(summariesOf)) {
      const kind = summary.source?.kind;
      if ((kind !== 'human' && kind !== 'machine') || typeof summary.body !== 'string') continue;
      const id = `id\n${String(summary.id)}`;
      const text = `text\n${sameTextKey(summary.body)}`;
      if (seen.has(id) || seen.has(text)) continue;
      seen.add(id).add(text);
      if (kind === 'human') human++;
      else machine++;
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
