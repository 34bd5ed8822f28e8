import { MAX_ENTRIES, plainLinkUrl, readEntries, tableMatch } from '@/utils/detect/listing';
import type { ListingEntry, ListingSite, ListingTable } from '@/utils/detect/listing/types';
import { Badge, badgeLabel, type BadgeCount } from '@/utils/page/badge';
import { AFTER_FRAME_MAX_MS, afterFrame } from '@/utils/page/listing-page';
import { sendFromPage } from '@/utils/page/send';

/**
 * Badges on listing pages (an arXiv list, a proceedings volume, Hugging
 * Face's daily papers): how many summaries the bundled index has of each
 * listed paper, as a button that opens them in the sidebar without leaving
 * the list. Only the bundled index: the page sees every badge, so none may
 * depend on the reader's library or private sources (utils/lookup/listing-counts.ts). Registered in wxt.config.ts from document_start, apart
 * from the paper pages' script, with its own size budget (no detector ships
 * here either: the worker reads each entry link's key).
 *
 * Entries are read as the page parses (a look at the new links every 40 ms:
 * a MutationObserver's record per node cost a 2,000-entry page ~190 ms of
 * parsing here). At document_start the script asks the worker for the
 * site's table (the bundled index's papers by the exact link their entries
 * have, utils/lookup/listing-counts.ts) and draws each entry's badge from it
 * as soon as the entry is read: a long list's last entries are read only at
 * DOMContentLoaded (the parser takes the rest of the page in one go), and a
 * badge that waits for an answer asked for then misses the page's first
 * frame after it (measured: 1–2 of 4 badges in it on a 2,000-entry list).
 * Every entry's link still goes to the worker (the popup lists the page's
 * papers from them; it answers links of any other form, and all of them
 * while there is no table: the worker was slow to start, or the site gives
 * no link form): without a table the first screenful as soon as it has
 * parsed, so that those badges come with the page's first paint; the rest
 * once the page has drawn that frame and is idle. A live list is observed
 * once parsed, and sends one batch per change.
 */

/** Links sent in one message at most (the worker's limit). */
const MAX_BATCH = 10_000;
/** How often the links parsed so far are looked at. */
const PARSE_LOOK_MS = 40;
/** About a screenful of entries: sent while the page still parses. */
const FIRST_BATCH = 40;
/** Live lists (tab switches, paging) are re-read at most this often… */
const LIVE_READ_MS = 150;
/** …and less often while re-reading finds nothing new (a page that never stops changing). */
const LIVE_READ_MAX_MS = 1000;
/** Entry links looked at while the page parses, at most: a page of a million costs no more. */
const MAX_LINKS_SCANNED = 200_000;

type Found = BadgeCount & { key: string };

/** Whether the parser is done with an element: something after it exists. */
function closed(el: Node): boolean {
  for (let node: Node | null = el; node; node = node.parentNode) if (node.nextSibling) return true;
  return false;
}

export class ListingBadges {
  /** Links read, with the href read: a single-page app may reuse a link for another paper. */
  private readonly read = new WeakMap<Element, string | null>();
  private readonly seen = {
    has: (link: Element) => this.read.get(link) === link.getAttribute('href'),
    add: (link: Element) => this.read.set(link, link.getAttribute('href')),
  };
  /** Entries by link URL, with their badge once made. */
  private readonly entries = new Map<string, Array<{ entry: ListingEntry; badge?: Badge }>>();
  /** What the worker said of each link sent: its paper and counts, or null (none, or not yet). */
  private readonly found = new Map<string, Found | null>();
  private queue: string[] = [];
  private sending = false;
  private batches = 0;
  private total = 0;
  private parsed = document.readyState !== 'loading';
  /** Entry links (the site's selector) the looks went past, in document order. */
  private passed = 0;
  private readonly observer = new MutationObserver(() => this.changed());
  private liveTimer: ReturnType<typeof setTimeout> | undefined;
  private liveDelay = LIVE_READ_MS;
  /** The site's table once the worker sent it (null: none yet, or none for this site). */
  private table: ListingTable | null = null;
  /** Whether the page has drawn a frame since DOMContentLoaded (the rest of the links wait for it). */
  private framed = false;

  constructor(readonly site: ListingSite) {
    if (site.entryHref)
      sendFromPage('page:listing-table', {})
        .then((table) => {
          this.table = table;
          // The entries read before it came.
          for (const url of this.entries.keys()) this.match(url);
        })
        .catch((error: unknown) => console.warn('Sidenotes:', error));
    if (this.parsed) this.onParsed();
    else {
      document.addEventListener('DOMContentLoaded', () => this.onParsed(), { once: true });
      // While the page parses, a look at its new links every few parser tasks: cheaper than a
      // MutationObserver's record for every node, which slows a long page's parsing.
      const look = () => {
        if (this.parsed) return;
        this.changed();
        setTimeout(look, PARSE_LOOK_MS);
      };
      setTimeout(look, PARSE_LOOK_MS);
    }
  }

  /** The page moved within the site (a tab, a page of results): read its list now. */
  moved(): void {
    if (!this.parsed) return;
    clearTimeout(this.liveTimer);
    this.liveTimer = undefined;
    this.liveDelay = LIVE_READ_MS;
    this.readAll();
  }

  stop(): void {
    this.observer.disconnect();
    clearTimeout(this.liveTimer);
  }

  private changed() {
    if (!this.parsed) this.readParsed();
    else if (this.site.live && this.liveTimer === undefined) {
      this.liveTimer = setTimeout(() => {
        this.liveTimer = undefined;
        const found = this.readAll();
        this.liveDelay = found ? LIVE_READ_MS : Math.min(this.liveDelay * 2, LIVE_READ_MAX_MS);
      }, this.liveDelay);
    }
  }

  /**
   * The entry links parsed since the last look (new links arrive at the
   * page's end). With the table, only those it has: their badges are drawn
   * now, and the rest are read once the page has drawn its first frame
   * after DOMContentLoaded (readAll; also any link the page put before those
   * already read). Reading every entry as it parsed (a URL parsed, a closure
   * made, a map entry per entry) cost a 2,000-entry list 15–28 ms of CPU at
   * DOMContentLoaded, in front of that frame, and as much again while it
   * parsed; walking every link in script (a live collection, each link's
   * selector matched) ~20 ms more than one query for the entry links.
   */
  private readParsed() {
    const page = new URL(location.href);
    const links = document.querySelectorAll(this.site.links);
    const end = Math.min(links.length, MAX_LINKS_SCANNED);
    const fresh: ListingEntry[] = [];
    for (; this.passed < end && this.total + fresh.length < MAX_ENTRIES; this.passed++) {
      const link = links[this.passed]!;
      if (this.table) {
        const href = link.getAttribute('href');
        const url = href && plainLinkUrl(href, page.origin);
        if (!url || !tableMatch(this.table, this.site.kind, url)) continue;
      }
      if (this.seen.has(link)) continue;
      this.seen.add(link);
      const entry = this.site.entry(link, page);
      if (entry) fresh.push(entry);
    }
    this.take(fresh);
  }

  private onParsed() {
    this.parsed = true;
    // A static list is complete; a live one is followed as it changes.
    if (this.site.live) this.observer.observe(document, { childList: true, subtree: true });
    // What the page's next frame needs: the last links' badges from the table, and the
    // badges whose place or title was still parsing when their count came.
    this.readParsed();
    for (const url of this.entries.keys()) this.show(url);
    // The rest once that frame is drawn and the page's own work after it is done (idle, or
    // AFTER_FRAME_MAX_MS at most), and the links to the worker.
    afterFrame(AFTER_FRAME_MAX_MS)(() => {
      this.framed = true;
      this.readAll();
    });
  }

  /** Reads the entries not read yet; says how many there were. */
  private readAll(): number {
    const page = new URL(location.href);
    const fresh = readEntries(this.site, document, page, this.seen, MAX_ENTRIES - this.total);
    this.take(fresh);
    return fresh.length;
  }

  private take(fresh: ListingEntry[]) {
    for (const entry of fresh) {
      this.total++;
      const list = this.entries.get(entry.url);
      if (list) list.push({ entry });
      else this.entries.set(entry.url, [{ entry }]);
      if (!this.found.has(entry.url)) {
        this.found.set(entry.url, null);
        this.queue.push(entry.url);
        this.match(entry.url);
      } else this.show(entry.url);
    }
    this.send();
  }

  /** An entry's badge from the table, if the table has its link and it has none yet. */
  private match(url: string) {
    const found = this.table && !this.found.get(url) && tableMatch(this.table, this.site.kind, url);
    if (!found) return;
    this.found.set(url, found);
    this.show(url);
  }

  /**
   * The first screenful while parsing, the rest once parsed (one batch at a
   * time: links read while one is out go in the next). The rest waits until
   * the page has drawn its first frame after DOMContentLoaded and is idle:
   * with the table its badges are drawn already, and without it an answer
   * asked for at DOMContentLoaded came after that frame anyway (measured),
   * so reading and sending them in front of it would only delay it.
   */
  private send() {
    const early = !this.parsed && !this.batches && this.queue.length >= FIRST_BATCH;
    const held = this.parsed && !this.framed;
    if (this.sending || held || !this.queue.length || !(this.parsed || early))
      return this.markPainted();
    const links = this.queue.splice(0, MAX_BATCH);
    this.batches++;
    this.sending = true;
    sendFromPage('page:listing', { links })
      .then((answer) => {
        for (const url of links) {
          const found = Object.hasOwn(answer, url) ? answer[url] : undefined;
          if (!found || found.human + found.machine <= 0) continue;
          this.found.set(url, found);
          this.show(url);
        }
      })
      .catch((error: unknown) => console.warn('Sidenotes:', error))
      .finally(() => {
        this.sending = false;
        this.send();
      });
  }

  /** Badges for a link's entries that have none yet; their names once titles have parsed. */
  private show(url: string) {
    const found = this.found.get(url);
    if (!found) return;
    for (const item of this.entries.get(url) ?? []) {
      if (!item.badge) {
        // Not parsed yet, or still open (the parser would add to it after the badge):
        // this entry's badge is made at DOMContentLoaded.
        const place = item.entry.place();
        if (!place || (!this.parsed && !closed(place.in))) continue;
        item.badge = new Badge(found.key, found, place, () =>
          this.open(item.entry.url).catch((error: unknown) => console.warn('Sidenotes:', error)),
        );
      }
      const title = item.entry.title();
      if (this.parsed || title) item.badge.label(badgeLabel(found, title));
    }
  }

  /**
   * Opens a listed paper's summaries without leaving the list: the worker
   * makes it the tab's paper and the tab's sidebar shows it (the paper
   * pages' script owns the sidebar on these sites), else the side panel.
   */
  private async open(url: string) {
    await sendFromPage('page:open-listed', { url });
  }

  /** For `npm run bench`: every badge asked for so far is on screen. */
  private markPainted() {
    if (!this.parsed || this.sending || !this.framed) return;
    requestAnimationFrame(() => setTimeout(() => performance.mark('sidenotes:badges-painted')));
  }
}
