import { sendToTab } from '@/utils/messaging/client';
import { browser } from '@/utils/platform/browser';
import { openSidePanel } from '@/utils/platform/side-panel';
import { searchPagePath } from '@/utils/search/search-page';

const SEARCH_SELECTION_MENU = 'search-selection';

/** Keyboard commands, and "Search summaries for …" on selected text. */
export function commandsAndMenus(): void {
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'open-side-panel') {
      openSidePanel(tab?.windowId).catch((error: unknown) =>
        console.warn('Sidenotes: side panel', error),
      );
    } else if (command === 'toggle-sidebar' && tab?.id !== undefined) {
      // A tab without a detected paper has no content script to answer: nothing to toggle.
      sendToTab(tab.id, 'tab:toggle-sidebar', {}).catch(() => undefined);
    }
  });

  // Menus persist across updates, and onInstalled fires again on each: start clean.
  browser.runtime.onInstalled.addListener(async () => {
    await browser.contextMenus.removeAll();
    browser.contextMenus.create({
      id: SEARCH_SELECTION_MENU,
      title: 'Search summaries for “%s”',
      contexts: ['selection'],
    });
  });
  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId !== SEARCH_SELECTION_MENU || !info.selectionText) return;
    void browser.tabs.create({ url: browser.runtime.getURL(searchPagePath(info.selectionText)) });
  });
}
