/** Messages the worker sends a tab's detection content script (top frame only). */
export interface WorkerToPage {
  /** Show or hide the sidebar (keyboard command). */
  'tab:toggle-sidebar': { request: Record<string, never>; response: null };
  'tab:collapse-sidebar': { request: Record<string, never>; response: null };
  /** A listing page's badge was activated: show that paper's sidebar, open, for this page view. */
  'tab:show-paper': { request: { paperKey: string; count: number; view: string }; response: null };
  /** arXiv's API answered (an option): the PDF tab's name. */
  'tab:set-title': { request: { paperKey: string; title: string }; response: null };
  /** Remote sources answered: the paper has this many summaries in all. */
  'tab:set-count': { request: { paperKey: string; count: number }; response: null };
}
