import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import { useAfterPaint } from '@/hooks/use-after-paint';
import { useLater } from '@/hooks/use-later';
import { browserActions } from '@/hooks/browser-actions';
import { usePaperSiteAccess } from '@/hooks/use-paper-site-access';
import { usePreferences } from '@/hooks/use-preferences';
import { useAlwaysOnOffer, useRecogniseTab } from '@/hooks/use-recognise';
import { useListedMatches } from '@/hooks/use-listed-matches';
import { useSavedItems } from '@/hooks/use-saved-items';
import { useSearchSet } from '@/hooks/use-search-set';
import { useTabState } from '@/hooks/use-tab-state';
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
  // The work that can wait (this tab's paper, the saved list: messages to the worker, IndexedDB)
  // starts after the first frame and, opened on a query, once the index is in: Firefox has the
  // index's 2 MB only after its first frame, and that work ran beside the read (README, Performance).
  const afterPaint = useAfterPaint();
  const painted = afterPaint && (!initialQuery || engine !== null || error !== null);
  const tab = useTabState(painted ? { window: followWindow ?? 'last-focused' } : null);
  const tabId = tab.status === 'ready' && !tab.state.paper ? tab.state.tabId : null;
  const listed = useListedMatches(painted ? tabId : null);
  // The toolbar click lent this tab (activeTab): on a site nothing watches, look once for a paper.
  useRecogniseTab(tab.status === 'ready' ? tab.state.tabId : null);
  const alwaysOn = useAlwaysOnOffer(tab.status === 'ready' ? tab.state.paper?.url : undefined);
  return (
    <PopupApp
      state={tab.status === 'ready' ? tab.state : null}
      CurrentPaper={useLater(painted, () =>
        import('@/components/CurrentPaper').then((m) => m.CurrentPaper),
      )}
      images={usePreferences().images}
      engine={engine}
      loadError={error}
      initialQuery={initialQuery}
      saved={useSavedItems(painted ? 5 : 0)}
      listed={listed}
      access={usePaperSiteAccess()}
      alwaysOn={alwaysOn}
      onOpen={actions.openUrl}
      onOpenPanel={() => actions.openSidePanel(windowId)}
      onOpenOptions={actions.openOptions}
      onOpenLibrary={() => actions.openPage('/library.html')}
      onResults={() => {
        document.documentElement.dataset.firstResultsAt ??= String(performance.now());
      }}
    />
  );
}

render(<Popup />, document.getElementById('app')!);
