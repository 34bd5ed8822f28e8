import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { metaEntries } from '@/utils/detect/meta';
import { ok } from '@/utils/core/result';
import { unlessListing } from '@/utils/page/listing-page';
import { sendFromPage } from '@/utils/page/send';
import { SidebarHost } from '@/utils/page/sidebar-host';
import { watchUrl } from '@/utils/page/watch-url';
import { dispatchToPage, type PageHandlers } from '@/utils/messaging/worker-to-page';

/**
 * Runs on paper sites from document_start. It tells the worker the page's
 * URL at once (where the URL names the paper, the look-up and the sidebar
 * frame start before the page has parsed), then the page's scholarly
 * <meta> tags and metadata scripts' text (metaEntries: JSON-LD, IEEE
 * Xplore's; parsed in the worker) at DOMContentLoaded, which extend the
 * same look-up. The
 * worker detects the paper (utils/detect): no detector, framework, index or
 * renderer ships into pages (size budget in README). Registered in
 * wxt.config.ts as a plain content script: WXT's content-script wrapper
 * would announce the extension to the page with a postMessage.
 */
/** Paths that look like one paper's page (abs, pdf, html, forum, an ACL id): worth a preloaded frame. */
const LIKELY_PAPER =
  /\/(?:abs|pdf|html|forum)\/?\b|\/papers\/(?!date\/|week\/|month\/|trending)\w|\/\d{4}\.[\w-]+\.\d+|\/[A-Z]\d{2}-\d{4}|\.pdf$/i;

export default defineUnlistedScript(() => {
  // A PDF in the browser's viewer: its tab is named after the paper.
  const pdf = document.contentType === 'application/pdf';
  let host: SidebarHost | undefined;
  let view = '';
  let key: string | undefined;
  /** The sidebar shows a paper a listing page's badge opened, not this page's. */
  let listed = false;
  /**
   * A PDF's name per paper, from the visit's answer or a later tab:set-title
   * (arXiv's answer), which can arrive before the page has read the answer.
   */
  const named = new Map<string, string>();
  function retitle(paperKey: string, title = named.get(paperKey)) {
    if (!pdf || !title) return;
    named.set(paperKey, title);
    if (paperKey === key) document.title = title;
  }

  async function visit(withMetadata: boolean, newView: boolean) {
    if (newView) view = Math.random().toString(36).slice(2);
    const sentFor = view;
    const answer = sendFromPage('page:visit', {
      url: location.href,
      meta: withMetadata ? metaEntries(document) : null,
      view,
      pdf,
    });
    if (newView && LIKELY_PAPER.test(location.pathname)) {
      host ??= new SidebarHost(location.hostname);
      host.preload(view); // the frame takes longest: it starts before the site's choices are read
      await host.loadPrefs();
    }
    const paper = await answer;
    if (sentFor !== view) return; // a newer navigation answered meanwhile
    if (!paper) {
      // Only with the metadata read is "no paper" final (metadata-only pages).
      // A listing page's tab switches keep the paper its reader opened.
      if (withMetadata && !listed) {
        host?.remove();
        host = undefined;
        key = undefined;
      }
      return;
    }
    if (!host) {
      host = new SidebarHost(location.hostname);
      await host.loadPrefs();
    }
    listed = false;
    if (paper.key !== key || newView) host.show(paper.key, paper.count, view, paper.opens);
    else host.updateCount(paper.key, paper.count, paper.opens);
    key = paper.key;
    retitle(key, paper.title);
  }

  /** A listing page's badge opened a paper (entrypoints/listing, through the worker): show it here. */
  async function showListed(paperKey: string, count: number, shown: string) {
    view = shown;
    key = paperKey;
    listed = true;
    // Its own remembered state: closing it on a list must not fold paper pages' sidebars.
    host ??= new SidebarHost(`${location.hostname} lists`);
    await host.loadPrefs();
    if (view !== shown) return;
    host.show(paperKey, count, shown, true); // the reader asked for it: no page may infer anything
    host.setCollapsed(false, true);
  }

  // Answered synchronously with sendResponse, which every browser supports.
  const handlers: PageHandlers = {
    'tab:toggle-sidebar': () => host?.toggle(true),
    'tab:collapse-sidebar': () => host?.setCollapsed(true, true),
    'tab:set-count': ({ paperKey, count }) => {
      if (count >= 0) host?.updateCount(paperKey, Math.floor(count));
    },
    'tab:set-title': ({ paperKey, title }) => retitle(paperKey, title),
    'tab:show-paper': ({ paperKey, count, view: shown }) => void showListed(paperKey, count, shown),
  };
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (sender.id === browser.runtime.id && dispatchToPage(handlers, message))
      sendResponse(ok(null));
    return undefined;
  });

  const run = (withMetadata: boolean, newView: boolean) =>
    visit(withMetadata, newView).catch((error: unknown) => console.warn('Sidenotes:', error));
  void run(false, true);
  // On a listing page (the listing script says so, utils/page/listing-page.ts) the metadata
  // waits until the page has drawn its first frame after DOMContentLoaded and is idle (300 ms
  // at most): the page shows nothing of its own, and reading it there (two queries over the
  // whole page) and sending it cost a 2,000-entry list ~5–9 ms of that frame's task. A paper a
  // badge opened meanwhile is kept: no "no paper" is sent then.
  const parsed = () => unlessListing(() => listed || run(true, false));
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', parsed);
  else parsed();
  // Single-page sites (OpenReview) change the URL without a page load.
  watchUrl(() => void run(true, true));
});
