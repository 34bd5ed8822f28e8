import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CurrentPaper } from '@/components/CurrentPaper';
import { SavedList } from '@/components/SavedList';
import { SearchView } from '@/components/SearchView';
import { useSearchSet } from '@/hooks/use-search-set';
import { browser } from '@/utils/platform/browser';
import { library, onLibraryChange } from '@/utils/db/open';
import { countItems, latestItems } from '@/utils/library/library';
import type { LibraryItem } from '@/utils/core/library-item';
import { sendToBackground } from '@/utils/messaging/client';
import type { SidebarState } from '@/utils/messaging/protocol';
import { openSidePanel } from '@/utils/platform/side-panel';
import '@/components/styles.css';

/** Opened as the toolbar popup, or as a tab by the context menu (`?q=`). */
performance.mark('sidenotes:script-start');
const params = new URLSearchParams(location.search);
const initialQuery = params.get('q') ?? '';
/** `?window=<id>`: follow that window's active tab (when this page is itself a tab). */
const followWindow = Number(params.get('window')) || undefined;
const inPopup = !initialQuery && innerWidth < 800;

function Popup() {
  const { engine, error: loadError } = useSearchSet();
  const [state, setState] = useState<SidebarState | null>(null);
  const [windowId, setWindowId] = useState<number | undefined>();
  const [saved, setSaved] = useState<{ items: LibraryItem[]; total: number } | null>(null);

  useEffect(() => {
    sendToBackground('view:get-active-state', followWindow ? { windowId: followWindow } : {}).then(
      setState,
      (e: unknown) => console.warn('Sidenotes:', e),
    );
    const loadSaved = async () => {
      try {
        const db = await library();
        const [items, total] = await Promise.all([latestItems(db, 5), countItems(db)]);
        setSaved({ items, total });
      } catch (e) {
        console.warn('Sidenotes: library', e);
      }
    };
    void loadSaved();
    onLibraryChange(() => void loadSaved());
    browser.windows.getCurrent().then((w) => setWindowId(followWindow ?? w.id));
  }, []);

  const openPaper = (url: string) => {
    void browser.tabs.create({ url });
    if (inPopup) window.close();
  };
  const openPanel = () => {
    openSidePanel(windowId).then(
      (opened) => opened && inPopup && window.close(),
      (e: unknown) => console.warn('Sidenotes:', e),
    );
  };

  return (
    <main class="app">
      <header class="app-head">
        <h1 class="app-name">Sidenotes</h1>
        <nav class="app-links">
          <button type="button" class="link-button" onClick={openPanel}>
            Open side panel
          </button>
          <button
            type="button"
            class="link-button"
            onClick={() => {
              void browser.runtime.openOptionsPage();
              if (inPopup) window.close();
            }}
          >
            Sources
          </button>
        </nav>
      </header>
      {state && <CurrentPaper state={state} images={true} />}
      <SearchView
        engine={engine}
        loadError={loadError}
        initialQuery={initialQuery}
        autoFocus
        onOpen={openPaper}
        onResults={() => {
          if (!document.documentElement.dataset.firstResultsAt) {
            document.documentElement.dataset.firstResultsAt = String(performance.now());
          }
        }}
      />
      {saved && (
        <SavedList
          items={saved.items}
          total={saved.total}
          onOpenLibrary={() => {
            void browser.tabs.create({ url: browser.runtime.getURL('/library.html') });
            if (inPopup) window.close();
          }}
        />
      )}
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
