import { errorMessage } from '@/utils/core/guards';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { SearchView } from '@/components/SearchView';
import { useSearchSet } from '@/hooks/use-search-set';
import { PaperSidebar } from '@/components/PaperSidebar';
import { browser } from '@/utils/platform/browser';
import { sendToBackground } from '@/utils/messaging/client';
import type { SidebarState } from '@/utils/messaging/protocol';
import '@/components/styles.css';

/** `?window=<id>`: follow that window (when this page is opened as a tab or popup window). */
const followWindow = Number(new URLSearchParams(location.search).get('window')) || undefined;

/**
 * The browser's side panel: the summaries of whatever tab is active in this
 * window (PDFs included), following tab switches and navigations, with the
 * search above them.
 */
function SidePanel() {
  const [state, setState] = useState<SidebarState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { engine } = useSearchSet();
  const [searching, setSearching] = useState(false);

  useEffect(() => {
    let windowId: number | undefined;
    const refresh = () =>
      sendToBackground('view:get-active-state', windowId === undefined ? {} : { windowId }).then(
        (s) => {
          setState(s);
          setError(null);
        },
        (e: unknown) => setError(errorMessage(e)),
      );
    const onActivated = (info: { windowId: number }) => {
      if (info.windowId === windowId) void refresh();
    };
    // The worker writes a tab's state to storage.session when its page is detected.
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && Object.keys(changes).some((k) => k.startsWith('tab:')))
        void refresh();
    };
    browser.windows.getCurrent().then((w) => {
      windowId = followWindow ?? w.id;
      void refresh();
    });
    browser.tabs.onActivated.addListener(onActivated);
    browser.storage.onChanged.addListener(onStorage);
    return () => {
      browser.tabs.onActivated.removeListener(onActivated);
      browser.storage.onChanged.removeListener(onStorage);
    };
  }, []);

  return (
    <div class="app panel-app">
      <SearchView
        engine={engine}
        onOpen={(url) => void browser.tabs.create({ url })}
        onQueryChange={(q) => setSearching(!!q.trim())}
      />
      {!searching &&
        (error ? (
          <p class="notice notice-error">Sidenotes could not load: {error}</p>
        ) : state?.paper ? (
          <PaperSidebar state={state} images={true} />
        ) : state ? (
          <p class="hint panel-empty" data-testid="no-paper">
            No paper detected in this tab. Open a paper on arXiv, OpenReview or the ACL Anthology —
            or search above.
          </p>
        ) : null)}
    </div>
  );
}

render(<SidePanel />, document.getElementById('app')!);
