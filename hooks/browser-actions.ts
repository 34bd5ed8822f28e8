import { browser } from '@/utils/platform/browser';
import { safeHttpUrl } from '@/utils/core/url';
import { openSidePanel } from '@/utils/platform/side-panel';

/** What the popup and side panel ask of the browser: tabs, the options page, the side panel. */
export function browserActions(closeAfter: boolean) {
  const done = () => {
    if (closeAfter) window.close();
  };
  return {
    /** Opens a paper's page: only an https URL, whoever asks (safeHttpUrl); anything else opens nothing. */
    openUrl(url: string) {
      const safe = safeHttpUrl(url);
      if (!safe) {
        console.warn('Sidenotes: not opening a link that is not https', url.slice(0, 200));
        return;
      }
      void browser.tabs.create({ url: safe });
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
