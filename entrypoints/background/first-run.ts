import { browser } from '@/utils/platform/browser';

const WELCOMED_KEY = 'welcomed';

/**
 * The first-run page, once: at install, never on an update or a browser
 * start. The flag is needed as well as the reason: Chrome reports an
 * extension loaded with --load-extension as installed on every start.
 */
export function welcomeOnInstall(): void {
  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    if (reason !== 'install') return;
    if ((await browser.storage.local.get(WELCOMED_KEY))[WELCOMED_KEY]) return;
    await browser.storage.local.set({ [WELCOMED_KEY]: new Date().toISOString() });
    await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
}
