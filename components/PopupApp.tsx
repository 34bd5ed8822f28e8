import type { ComponentChildren } from 'preact';
import type { SearchSet } from '@/utils/search/search-set';
import { SearchView } from './SearchView';

export interface PopupAppProps {
  engine: SearchSet | null;
  loadError: string | null;
  initialQuery: string;
  /**
   * What shows above and below the search (this tab's paper: PopupTab; the
   * newest saved items: SavedList). Their code loads after the first
   * results are painted, so the search is all this file brings.
   */
  above?: ComponentChildren;
  below?: ComponentChildren;
  onOpen(url: string): void;
  onOpenPanel(): void;
  onOpenOptions(): void;
  onResults(): void;
}

/** The toolbar popup: this tab's paper, search over every summary, the newest saved items. */
export function PopupApp(props: PopupAppProps) {
  return (
    <main class="app">
      <header class="app-head">
        <h1 class="app-name">Sidenotes</h1>
        <nav class="app-links">
          <button type="button" class="link-button" onClick={props.onOpenPanel}>
            Open side panel
          </button>
          <button type="button" class="link-button" onClick={props.onOpenOptions}>
            Sources
          </button>
        </nav>
      </header>
      {props.above}
      <SearchView
        engine={props.engine}
        loadError={props.loadError}
        initialQuery={props.initialQuery}
        autoFocus
        onOpen={props.onOpen}
        onResults={props.onResults}
      />
      {props.below}
    </main>
  );
}
