import type { KeyCounts } from '@/utils/index-format/key-counts';

/** A paper's summaries on a listing page's badge: human-written, machine-generated. */
export interface Tally {
  human: number;
  machine: number;
}

/**
 * How many summaries each listed paper has, for the badges a listing page
 * shows: from the bundled index's table only (docs DESIGN "Privacy rule for
 * pages"). A badge is an element in the page's own DOM: its presence, its
 * width and when it appears are visible to the page's scripts (and to the
 * session recorders many sites run), and a site that controls its listing
 * markup can list any papers it likes. So what it shows must be the same in
 * every install. The user's own summaries, the kept ShortScience feed and
 * remote indexes are never counted here; they show when a paper is opened,
 * in the extension's own frame.
 */
export function listingCounts(bundledCounts: () => Promise<KeyCounts>) {
  return async (keys: readonly string[]): Promise<Record<string, Tally>> => {
    const table = await bundledCounts();
    const counts: Record<string, Tally> = {};
    for (const key of keys) {
      const row = Object.hasOwn(table, key) ? table[key] : undefined;
      if (row && row[0] + row[1] > 0) counts[key] = { human: row[0], machine: row[1] };
    }
    return counts;
  };
}
