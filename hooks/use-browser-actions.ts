import { browser } from '@/utils/platform/browser';
import { openSidePanel } from '@/utils/platform/side-panel';

/** What the popup and side panel ask of the browser: tabs, the options page, the side panel. */
export function browserActions(closeAfter: boolean) {
  const done = () => {
    if (closeAfter) window.close();
  };
  return {
    openUrl(url: string) {
      void browser.tabs.create({ url });
      done();
    },
    openPage(path: '/library.html' | '/options.html') {
      void browser.tabs.create({ url: browser.runtime.getURL(path) });
      done();
    },
    openOptions() {
      void browser.runtime.openOptionsPage();
      done();
    },
    openSidePanel(windowId: number | undefined) {
      openSidePanel(windowId).then(
        (opened) => opened && done(),
        (e: unknown) => console.warn('Sidenotes:', e),
      );
    },
  };
}
