import { useState } from 'preact/hooks';
import type { TabStateLoad } from '@/hooks/use-tab-state';
import type { SearchSet } from '@/utils/search/search-set';
import { PaperSidebar } from './PaperSidebar';
import { SearchView } from './SearchView';

/** The browser's side panel: search above the summaries of the window's active tab. */
export function SidePanelApp({
  load,
  images,
  engine,
  onOpen,
}: {
  load: TabStateLoad;
  images: boolean;
  engine: SearchSet | null;
  onOpen(url: string): void;
}) {
  const [searching, setSearching] = useState(false);
  return (
    <div class="app panel-app">
      <SearchView engine={engine} onOpen={onOpen} onQueryChange={(q) => setSearching(!!q.trim())} />
      {!searching &&
        (load.status === 'failed' ? (
          <p class="notice notice-error">Sidenotes could not load: {load.message}</p>
        ) : load.status === 'ready' && load.state.paper ? (
          <PaperSidebar state={load.state} images={images} onRetry={load.retry} />
        ) : load.status === 'ready' ? (
          <p class="hint panel-empty" data-testid="no-paper">
            No paper detected in this tab. Open a paper on arXiv, OpenReview or the ACL Anthology —
            or search above.
          </p>
        ) : null)}
    </div>
  );
}
