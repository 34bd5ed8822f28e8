import { keyOfListed, type ListingSite, type ListingTable } from '@/utils/detect/listing';
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

/** Stands for the id while a site's entry href is resolved against the page. */
const ID_MARK = 'sidenotesidmark';

/**
 * The table the listing script matches entries against as they parse, with
 * no round trip per batch: a list's last entries are read at
 * DOMContentLoaded, and an answer asked for then comes after the page's
 * first frame (measured: 1–2 of 4 badges in it), not in it. Made from the
 * site's `entryHref` on the sender's page and from the bundled index only,
 * like every badge; each link is read back through the same URL detectors
 * as the links a page sends (keyOfListed), so an entry matched here gets
 * exactly the badge the worker would answer for it. One table per site and
 * link form, kept while the worker lives.
 */
export function listingTables(bundledCounts: () => Promise<KeyCounts>) {
  const made = new Map<string, ListingTable>();
  return async (site: ListingSite, pageUrl: string): Promise<ListingTable | null> => {
    if (!site.entryHref?.includes('{id}')) return null;
    let href: string;
    try {
      href = new URL(site.entryHref.replace('{id}', ID_MARK), pageUrl).href;
    } catch {
      return null;
    }
    const [prefix, suffix, ...more] = href.split(ID_MARK);
    if (prefix === undefined || suffix === undefined || more.length) return null;
    const name = `${site.id}\n${prefix}\n${suffix}`;
    if (made.has(name)) return made.get(name)!;
    const table = await bundledCounts();
    const kind = `${site.kind}:`;
    const versions = site.entryVersions === true;
    // As the URL parser writes it (the listing script matches some links as plain strings),
    // and naming the key through the detectors.
    const names = (url: string, key: string) =>
      URL.canParse(url) && new URL(url).href === url && keyOfListed(site, url) === key;
    const ids: ListingTable['ids'] = {};
    for (const key of Object.keys(table)) {
      if (!key.startsWith(kind)) continue;
      const row = table[key]!;
      const id = key.slice(kind.length);
      if (
        row[0] + row[1] > 0 &&
        names(prefix + id + suffix, key) &&
        // A version is stripped from any id that has one, as the detectors do.
        (!versions || (!/v\d+$/.test(id) && names(`${prefix}${id}v12${suffix}`, key)))
      )
        ids[id] = [row[0], row[1]];
    }
    const result = { prefix, suffix, ...(versions ? { versions } : {}), ids };
    made.set(name, result);
    return result;
  };
}
