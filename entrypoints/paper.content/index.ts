import { defineContentScript } from 'wxt/utils/define-content-script';
import { detectPaper } from '@/utils/detect';
import type { PaperRef } from '@/utils/core/paper-ref';
import { ok } from '@/utils/messaging/protocol';
import { PAPER_SITES } from '@/utils/detect/sites';
import { browser } from 'wxt/browser';
import { sendToBackground } from './send';
import { SidebarHost } from './sidebar-host';
import { watchUrl } from './watch-url';

/**
 * Detection only: find the paper from the URL and <meta> tags, tell the
 * background, and mount the sidebar frame when the paper is known. No UI
 * framework, index or renderer is bundled here (size budget in README).
 */
export default defineContentScript({
  matches: PAPER_SITES,
  // At DOMContentLoaded: <meta> tags are parsed; no need to wait for the
  // page's images and scripts (arXiv's MathJax) before showing summaries.
  runAt: 'document_end',
  main() {
    let host: SidebarHost | undefined;
    let current: string | undefined;

    async function detect() {
      const ref: PaperRef | null = detectPaper(location.href, document);
      const key = ref?.keys[0];
      if (key === current) return;
      current = key;
      if (!ref || !key) {
        host?.remove();
        host = undefined;
        await sendToBackground('page:no-paper', {});
        return;
      }
      host ??= new SidebarHost(location.hostname);
      const [{ count }] = await Promise.all([
        sendToBackground('page:paper-detected', { ref }),
        host.loadPrefs(),
      ]);
      host.show(key, count);
    }

    // Answered synchronously with sendResponse, which every browser supports.
    browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
      const { type, payload } = (message ?? {}) as { type?: unknown; payload?: unknown };
      if (type === 'tab:toggle-sidebar') host?.toggle(true);
      else if (type === 'tab:collapse-sidebar') host?.setCollapsed(true, true);
      else if (type === 'tab:set-count') {
        const { paperKey, count } = (payload ?? {}) as { paperKey?: unknown; count?: unknown };
        if (typeof paperKey === 'string' && typeof count === 'number' && count >= 0)
          host?.updateCount(paperKey, Math.floor(count));
      } else return undefined;
      sendResponse(ok(null));
      return undefined;
    });

    const run = () => detect().catch((error: unknown) => console.warn('Sidenotes:', error));
    void run();
    // Single-page sites (OpenReview) change the URL without a page load.
    watchUrl(() => void run());
  },
});
