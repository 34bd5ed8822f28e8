import { isObject } from '@/utils/core/guards';
import { SCHEMA_LIMITS as L } from '@/utils/core/schema';
import { safeHttpUrl } from '@/utils/core/url';
import type { ListingTable } from '@/utils/detect/listing';
import type { Payloads } from './router';
import { isListingLinks, isMetaEntries } from './validate';

/**
 * Messages a paper page's content script sends the worker. A page is the
 * least trusted sender: it may send only these, only from the top frame of
 * a tab (see `isPageSender`), and everything in them is checked.
 */
export interface PageToWorker {
  /**
   * What the page is: its URL (at document_start), then its URL, scholarly
   * `<meta>` tags and metadata scripts' text (utils/detect/meta.ts), at
   * DOMContentLoaded and after single-page navigations. The worker detects the paper from them (utils/detect), so
   * no detector ships into pages. `view` names one page view: the same view
   * sent again with metadata extends its look-up instead of starting
   * another. Answers the paper's key and how many summaries are known
   * locally, or null when the page is not a paper (final only with `meta`).
   */
  'page:visit': {
    /** `pdf`: the page is a PDF in the browser's viewer, whose tab is named after the paper. */
    request: { url: string; meta: Array<[string, string]> | null; view: string; pdf?: boolean };
    /** `title`: the PDF tab's name ("<title> — arXiv <id>") when the title is known locally. */
    /**
     * `opens`: whether the sidebar may open by itself. Only public knowledge
     * decides it (the bundled index), since the page can see the sidebar
     * open: never the user's own summaries, feed or remote sources.
     */
    response: { key: string; count: number; opens: boolean; title?: string } | null;
  };
  /**
   * A listing page's papers (an arXiv list, a proceedings volume, Hugging
   * Face's daily papers): each entry's own link, batched (a few batches
   * while a long page parses, never one per entry). The worker reads each
   * link's key with the URL detectors, as for paper pages, and answers, for
   * the links whose paper has any, its key and how many summaries are known
   * locally, human-written and machine-generated. Never causes a request.
   */
  'page:listing': {
    request: { links: string[] };
    response: Record<string, { key: string; human: number; machine: number }>;
  };
  /**
   * A listing page's table, asked for at document_start: the bundled
   * index's papers of the page's kind by the exact link its entries have
   * (ListingSite.entryHref, utils/lookup/listing-counts.ts), so that the
   * badges of entries read at DOMContentLoaded are drawn at once, in the
   * page's first frame. Null where the site gives no link form. Never
   * causes a request.
   */
  'page:listing-table': {
    request: Record<string, never>;
    response: ListingTable | null;
  };
  /**
   * The reader activated a listed paper's badge (`url`: its entry's link):
   * that paper becomes the tab's paper, in a new page view, shown open in
   * the tab's sidebar (the paper pages' script owns it, on the same sites),
   * or in the side panel where there is no sidebar. Answers where.
   */
  'page:open-listed': {
    request: { url: string };
    response: { key: string; count: number; shownIn: 'sidebar' | 'side panel' };
  };
  /**
   * The probe (entrypoints/probe), on a site beyond the paper sites where
   * the user asked Sidenotes to recognise papers: this page has scholarly
   * metadata. The worker runs the detection script in the sender's own
   * document, which then sends `page:visit`. Carries nothing: the worker
   * goes by the sender. Pages without metadata never send it.
   */
  'page:scholarly': { request: Record<string, never>; response: null };
}

/**
 * Each page message's payload check (router.ts `checked`): everything a
 * page sends is checked for shape and size here, before a handler runs.
 */
export const PAGE_PAYLOADS: Payloads<PageToWorker> = {
  'page:visit': {
    parse: (payload) => {
      if (!isObject(payload)) return undefined;
      const { url, meta, view, pdf } = payload;
      if (
        typeof url !== 'string' ||
        url.length > L.pageUrlChars ||
        (pdf !== undefined && typeof pdf !== 'boolean') ||
        (meta !== null && !isMetaEntries(meta)) ||
        typeof view !== 'string' ||
        view.length > L.viewNameChars
      )
        return undefined;
      return { url, meta, view, ...(pdf !== undefined ? { pdf } : {}) };
    },
    malformed: 'The page sent a malformed visit.',
  },
  'page:listing': {
    parse: (payload) =>
      isObject(payload) && isListingLinks(payload.links) ? { links: payload.links } : undefined,
    malformed: 'The page sent malformed links.',
  },
  'page:listing-table': {
    // Asks nothing: the worker answers for the sender's own address.
    parse: () => ({}),
    malformed: 'The page sent a malformed request.',
  },
  'page:open-listed': {
    // The entry's own link: a URL Sidenotes would open.
    parse: (payload) => {
      const url = isObject(payload) ? safeHttpUrl(payload.url, { allowHttp: true }) : null;
      return url ? { url } : undefined;
    },
    malformed: 'The page sent a malformed paper.',
  },
  'page:scholarly': {
    // Says nothing: the worker acts on the sender's own tab and document.
    parse: () => ({}),
    malformed: 'The page sent a malformed request.',
  },
};

export const PAGE_MESSAGES = Object.keys(PAGE_PAYLOADS) as ReadonlyArray<keyof PageToWorker>;
