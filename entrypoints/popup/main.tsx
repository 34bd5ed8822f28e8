import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import { useAfterPaint } from '@/hooks/use-after-paint';
import { useLater } from '@/hooks/use-later';
import { browserActions } from '@/hooks/browser-actions';
import { useSearchSet } from '@/hooks/use-search-set';
import { useWindowId } from '@/hooks/use-window-id';
import '@/styles/popup.css';

/** Opened as the toolbar popup, or as a tab by the context menu (`?q=`). */
performance.mark('sidenotes:script-start');
const params = new URLSearchParams(location.search);
const initialQuery = params.get('q') ?? '';
/** `?window=<id>`: follow that window's active tab (when this page is itself a tab). */
const followWindow = Number(params.get('window')) || undefined;
const actions = browserActions(!initialQuery && innerWidth < 800);

function Popup() {
  const { engine, error } = useSearchSet();
  const windowId = useWindowId();
  // This file's modules are the search's. The rest (this tab's paper, the saved list: messages
  // to the worker, IndexedDB) is loaded after the first frame; opened on a query, after the
  // frame with its results: in Firefox that work ran beside the index's read and delayed them
  // (README, Performance).
  const resultsPainted = useAfterPaint(engine !== null || error !== null);
  const beside = useLater(!initialQuery || resultsPainted, () => import('./beside-search'));
  return (
    <PopupApp
      engine={engine}
      loadError={error}
      initialQuery={initialQuery}
      above={beside && <beside.TabPart follow={followWindow} onOpen={actions.openUrl} />}
      below={beside && <beside.SavedPart onOpenLibrary={() => actions.openPage('/library.html')} />}
      onOpen={actions.openUrl}
      onOpenPanel={() => actions.openSidePanel(windowId)}
      onOpenOptions={actions.openOptions}
      onResults={() => {
        document.documentElement.dataset.firstResultsAt ??= String(performance.now());
      }}
    />
  );
}

render(<Popup />, document.getElementById('app')!);
