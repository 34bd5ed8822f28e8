import { fail, ok } from '@/utils/core/result';
import { detectPaper } from '@/utils/detect';
import {
  keyOfListed,
  listingSiteFor,
  type ListingSite,
  type ListingTable,
} from '@/utils/detect/listing';
import type { Tally } from '@/utils/lookup/listing-counts';
import type { tabTitles } from '@/utils/lookup/tab-title';
import type { PaperStates } from '@/utils/lookup/paper-states';
import { sendToTab } from '@/utils/messaging/client';
import type { PageToWorker } from '@/utils/messaging/page-to-worker';
import type { Handlers } from '@/utils/messaging/router';
import { openSidePanel } from '@/utils/platform/side-panel';
import type { remoteSources } from '@/utils/sources/worker-sources';

/** What a paper page may ask: what paper it is. Pages can send anything: all is checked. */
export function pageHandlers(
  papers: PaperStates,
  remote: ReturnType<typeof remoteSources>,
  setBadge: (tabId: number, count: number | null) => Promise<void>,
  countListed: (
    keys: readonly string[],
    links: number,
    listedOn: { tabId: number; page: string },
  ) => Promise<Record<string, Tally>>,
  titles: ReturnType<typeof tabTitles>,
  listingTable: (site: ListingSite, pageUrl: string) => Promise<ListingTable | null>,
  runDetection: (tabId: number, url: string, documentId?: string) => Promise<void>,
  /** Whether the reader just asked for this tab's paper (the toolbar click); asked once. */
  askedFor: (tabId: number) => boolean = () => false,
): Handlers<PageToWorker> {
  return {
    async 'page:visit'(payload, sender) {
      const tabId = sender.tab!.id!;
      const { url, meta, view, pdf } = payload;
      // A page speaks for its own address only.
      if (sender.url && new URL(sender.url).origin !== safeOrigin(url))
        return fail('bad-request', 'The page sent a malformed visit.');
      const ref = detectPaper(url, meta ?? undefined);
      if (!ref) {
        if (meta) {
          await papers.clear(tabId);
          await setBadge(tabId, null);
        }
        return ok(null);
      }
      const { count, publicCount } = await papers.detected(tabId, ref, view);
      void remote
        .syncFeedIfDue()
        .catch((error: unknown) => console.warn('Sidenotes: ShortScience feed', error));
      const key = ref.keys[0]!;
      // A PDF tab is named after its paper: from local data at once, else (an option) from arXiv.
      const title = pdf ? await titles.local(tabId, ref) : undefined;
      if (pdf && !title && meta === null)
        void titles
          .remote(tabId, ref)
          .then(
            (named) => named && sendToTab(tabId, 'tab:set-title', { paperKey: key, title: named }),
          )
          .catch((error: unknown) => console.warn('Sidenotes: tab title', error));
      // The page sees the sidebar open: only public knowledge decides it, or the
      // reader's own click on the toolbar icon, which no page can make or tell apart.
      const opens = publicCount > 0 || askedFor(tabId);
      return ok({ key, count, opens, ...(title ? { title } : {}) });
    },

    // Local data only: nothing here may cause a request (no source asked, no feed sync).
    async 'page:listing'(payload, sender) {
      const { links } = payload;
      // Keys of the kind the page lists, read here: a page cannot claim one.
      const site = listingSiteFor(sender.url ?? '');
      const keyOf = new Map(links.map((link) => [link, keyOfListed(site, link)]));
      const counts = await countListed(
        [...new Set([...keyOf.values()].filter((k): k is string => k !== null))],
        links.length,
        {
          tabId: sender.tab!.id!,
          // One page view: a new document (Chrome's documentId) starts a new list.
          page: (sender as { documentId?: string }).documentId ?? sender.url ?? '',
        },
      );
      const found: Record<string, { key: string; human: number; machine: number }> = {};
      for (const [link, key] of keyOf)
        if (key && counts[key]) found[link] = { key, ...counts[key] };
      return ok(found);
    },

    // The table for the sender's own list (its URL, as the browser reports it): nothing the page says.
    async 'page:listing-table'(_payload, sender) {
      const site = listingSiteFor(sender.url ?? '');
      return ok(site ? await listingTable(site, sender.url!) : null);
    },

    // The probe found scholarly metadata: the detection script runs in that very document.
    async 'page:scholarly'(_payload, sender) {
      await runDetection(
        sender.tab!.id!,
        sender.url ?? '',
        (sender as { documentId?: string }).documentId,
      );
      return ok(null);
    },

    async 'page:open-listed'(payload, sender) {
      const tabId = sender.tab!.id!;
      // The entry's own link (a safe URL: PAGE_PAYLOADS), naming a paper of the kind listed.
      const { url } = payload;
      const key = keyOfListed(listingSiteFor(sender.url ?? ''), url);
      if (!key) return fail('bad-request', 'The page sent a malformed paper.');
      const view = Math.random().toString(36).slice(2);
      const { count } = await papers.detected(tabId, { keys: [key], url }, view);
      const shownIn = await sendToTab(tabId, 'tab:show-paper', { paperKey: key, count, view })
        .then(() => 'sidebar' as const)
        // No sidebar on this page: the side panel follows the tab and its new state.
        .catch(async () => {
          const opened = await openSidePanel(sender.tab?.windowId);
          if (!opened) throw new Error('Neither the sidebar nor the side panel can show here.');
          return 'side panel' as const;
        });
      return ok({ key, count, shownIn });
    },
  };
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
