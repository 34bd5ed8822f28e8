import type { Summary } from '@/utils/core/summary';
import type { KeyCounts } from '@/utils/index-format/key-counts';
import { lookupSummaries } from '@/utils/index-format/lookup';
import type { IndexReader } from '@/utils/index-format/reader';
import { mergeSummaries } from './merge';

/** A paper's summaries on a listing page's badge: human-written, machine-generated. */
export interface Tally {
  human: number;
  machine: number;
}

/**
 * One place summaries are kept in the browser (the bundled index, the
 * user's own summaries, the kept ShortScience feed, a remote index's files
 * kept for offline use), as listing badges read it: never a request.
 */
export interface CountSource {
  name: string;
  /** Of these keys, the ones it holds summaries for, with how many of each kind. */
  tally(keys: readonly string[]): Promise<Map<string, Tally>>;
  /** Its summaries under one key: read only when two sources hold the same paper. */
  summaries(key: string): Promise<Summary[]>;
}

/** Papers held by two sources at once, merged summary by summary; past this many, the larger count stands. */
const MAX_MERGED = 200;

export const tallyOf = (summaries: readonly Summary[]): Tally => ({
  human: summaries.filter((s) => s.source.kind === 'human').length,
  machine: summaries.filter((s) => s.source.kind === 'machine').length,
});

/**
 * How many summaries each listed paper has, from local data only, keyed by
 * the listed keys that have any. A paper in one source counts as that
 * source's table says; a paper in several is merged as the sidebar merges
 * it (the same summary in the bundled index and the kept feed is one), so a
 * badge says what opening it shows.
 */
export async function countListed(
  keys: readonly string[],
  sources: readonly CountSource[],
): Promise<Record<string, Tally>> {
  const tallies = await Promise.all(
    sources.map((source) =>
      source.tally(keys).catch((error: unknown) => {
        console.warn(`Sidenotes: ${source.name} could not be counted`, error);
        return new Map<string, Tally>();
      }),
    ),
  );
  const counts: Record<string, Tally> = {};
  const shared: string[] = [];
  for (const key of keys) {
    const found = tallies.flatMap((t) => t.get(key) ?? []);
    if (found.length === 1) counts[key] = found[0]!;
    else if (found.length > 1) {
      if (shared.length < MAX_MERGED) shared.push(key);
      else
        counts[key] = found.reduce((a, b) => (a.human + a.machine >= b.human + b.machine ? a : b));
    }
  }
  await Promise.all(
    shared.map(async (key) => {
      const lists = await Promise.all(
        sources.map((source, i) =>
          tallies[i]!.has(key) ? source.summaries(key).catch(() => []) : [],
        ),
      );
      counts[key] = tallyOf(mergeSummaries(...lists));
    }),
  );
  for (const key of Object.keys(counts)) {
    if (!counts[key]!.human && !counts[key]!.machine) delete counts[key];
  }
  return counts;
}

/** A source's tally from its summaries: each summary counted for every listed key it names. */
export function tallyByKey(
  keys: readonly string[],
  summaries: Iterable<Summary>,
): Map<string, Tally> {
  const wanted = new Set(keys);
  const found = new Map<string, Summary[]>();
  for (const summary of summaries) {
    for (const key of new Set(summary.paperKeys)) {
      if (wanted.has(key)) found.set(key, [...(found.get(key) ?? []), summary]);
    }
  }
  return new Map([...found].map(([key, list]) => [key, tallyOf(mergeSummaries(list))]));
}

/** A source that keeps a table of counts per key (an index). */
export function tableSource(
  name: string,
  table: () => Promise<KeyCounts>,
  summaries: (key: string) => Promise<Summary[]>,
): CountSource {
  return {
    name,
    async tally(keys) {
      const counts = await table();
      const found = new Map<string, Tally>();
      for (const key of keys) {
        const row = Object.hasOwn(counts, key) ? counts[key] : undefined;
        if (row) found.set(key, { human: row[0], machine: row[1] });
      }
      return found;
    },
    summaries,
  };
}

/** A source that is a list of summaries in memory (the user's own, the kept feed). */
export function listSource(name: string, all: () => Promise<Summary[]>): CountSource {
  return {
    name,
    tally: async (keys) => tallyByKey(keys, await all()),
    summaries: async (key) => (await all()).filter((s) => s.paperKeys.includes(key)),
  };
}

export interface ListingCountSources {
  /** The user's own summaries. */
  own(): Promise<Summary[]>;
  bundled: { name: string; reader: IndexReader; counts(): Promise<KeyCounts> };
  /** The kept ShortScience feed (none when it is off). */
  feed(): Promise<Summary[]>;
  /** The remote indexes the sidebar would ask, as kept in this browser. */
  kept(): Promise<
    Array<{
      name: string;
      counts(): Promise<KeyCounts>;
      summaries(key: string): Promise<Summary[]>;
    }>
  >;
}

/**
 * Counts for a listing page's keys from everything the browser holds, in
 * the order a tab state merges it (own, bundled, feed, remote indexes).
 */
export function listingCounts(sources: ListingCountSources) {
  const { bundled } = sources;
  return async (keys: readonly string[]): Promise<Record<string, Tally>> =>
    countListed(keys, [
      listSource('Your summaries', sources.own),
      tableSource(bundled.name, bundled.counts, async (key) => {
        const found = await lookupSummaries({ keys: [key] }, [bundled]);
        return found.summaries;
      }),
      listSource('ShortScience feed', sources.feed),
      ...(await sources.kept()).map((index) =>
        tableSource(index.name, index.counts, index.summaries),
      ),
    ]);
}
