import type { TabState } from '@/utils/core/tab-state';
import { detectPaper } from '@/utils/detect';
import type { PaperStates } from './paper-states';

/**
 * A tab's state for the views that follow a window (popup, side panel), with
 * the paper taken from the tab's address when no page script spoke for it:
 * Firefox's PDF viewer runs no content scripts, so on an arXiv PDF the worker
 * hears nothing from the page. The address is resolved as a page view of its
 * own (`url:<address>`). A state the page itself made for this address, or
 * for the paper the address names, is kept as it is: the page's metadata
 * knows more than its URL.
 */
/** The view id of a state taken from a tab's address, not from a page script. */
const ADDRESS_VIEW = 'url:';
export const fromAddress = (state: TabState | undefined): boolean =>
  state?.view.startsWith(ADDRESS_VIEW) === true;

export function stateWithTabUrl(
  papers: Pick<PaperStates, 'get' | 'detected'>,
  tabUrl: (tabId: number) => Promise<string | undefined>,
) {
  return async (tabId: number): Promise<TabState | undefined> => {
    const state = await papers.get(tabId);
    const url = await tabUrl(tabId);
    const ref = url ? detectPaper(url) : null;
    if (!ref || state?.paper?.url === url || state?.paper?.keys.includes(ref.keys[0]!))
      return state;
    await papers.detected(tabId, ref, `${ADDRESS_VIEW}${url}`);
    return papers.get(tabId);
  };
}
