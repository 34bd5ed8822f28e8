import { render } from 'preact';
import { SidePanelApp } from '@/components/SidePanelApp';
import { browserActions } from '@/hooks/browser-actions';
import { usePreferences } from '@/hooks/use-preferences';
import { useSearchSet } from '@/hooks/use-search-set';
import { useTabState } from '@/hooks/use-tab-state';
import { useWindowId } from '@/hooks/use-window-id';
import '@/styles/sidepanel.css';

const actions = browserActions(false);

/** Follows the active tab of its window (PDFs included), across switches and navigations. */
function SidePanel() {
  const windowId = useWindowId();
  const load = useTabState(windowId === undefined ? null : { window: windowId });
  return (
    <SidePanelApp
      load={load}
      images={usePreferences().images}
      engine={useSearchSet().engine}
      onOpen={actions.openUrl}
    />
  );
}

render(<SidePanel />, document.getElementById('app')!);
