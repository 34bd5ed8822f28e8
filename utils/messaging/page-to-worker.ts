/**
 * Messages a paper page's content script sends the worker. A page is the
 * least trusted sender: it may send only these, only from the top frame of
 * a tab (see `isPageSender`), and everything in them is checked.
 */
export interface PageToWorker {
  /**
   * What the page is: its URL (at document_start), then its URL and
   * scholarly `<meta>` tags (at DOMContentLoaded and after single-page
   * navigations). The worker detects the paper from them (utils/detect), so
   * no detector ships into pages. `view` names one page view: the same view
   * sent again with metadata extends its look-up instead of starting
   * another. Answers the paper's key and how many summaries are known
   * locally, or null when the page is not a paper (final only with `meta`).
   */
  'page:visit': {
    request: { url: string; meta: Array<[string, string]> | null; view: string };
    /**
     * `opens`: whether the sidebar may open by itself. Only public knowledge
     * decides it (the bundled index), since the page can see the sidebar
     * open: never the user's own summaries, feed or remote sources.
     */
    response: { key: string; count: number; opens: boolean } | null;
  };
}

export const PAGE_MESSAGES: ReadonlyArray<keyof PageToWorker> = ['page:visit'];
