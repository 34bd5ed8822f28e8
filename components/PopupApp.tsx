import type { PaperSiteAccess } from '@/hooks/use-paper-site-access';
import type { LibraryItem } from '@/utils/core/library-item';
import type { ListedMatches, TabState } from '@/utils/core/tab-state';
import type { SearchSet } from '@/utils/search/search-set';
import { AlwaysOnOffer, type AlwaysOnProps } from './AlwaysOnOffer';
import type { CurrentPaper } from './CurrentPaper';
import { ListedMatchesView } from './ListedMatchesView';
import { PaperSiteAccessNotice } from './PaperSiteAccessNotice';
import { SavedList } from './SavedList';
import { SearchView } from './SearchView';

export interface PopupAppProps {
  state: TabState | null;
  /** Loaded after the first results are painted (it brings the Markdown renderer). */
  CurrentPaper: typeof CurrentPaper | null;
  images: boolean;
  engine: SearchSet | null;
  loadError: string | null;
  initialQuery: string;
  saved: { items: LibraryItem[]; total: number } | null;
  /** On a listing page: its papers in your library (extension view only). */
  listed: ListedMatches | null;
  onOpen(url: string): void;
  onOpenPanel(): void;
  onOpenOptions(): void;
  onOpenLibrary(): void;
  onResults(): void;
  /** Whether the browser lets Sidenotes on the paper sites (Firefox may not): said first when not. */
  access?: PaperSiteAccess;
  /** On a paper found on a site Sidenotes does not watch: "Always on <host>". */
  alwaysOn?: AlwaysOnProps | null;
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
      {props.access && <PaperSiteAccessNotice access={props.access} compact />}
      {props.state && props.CurrentPaper && (
        <props.CurrentPaper state={props.state} images={props.images} />
      )}
      {props.alwaysOn && props.state?.paper && <AlwaysOnOffer {...props.alwaysOn} />}
      {props.listed && !props.state?.paper && (
        <ListedMatchesView matches={props.listed} onOpen={props.onOpen} />
      )}
      <SearchView
        engine={props.engine}
        loadError={props.loadError}
        initialQuery={props.initialQuery}
        autoFocus
        onOpen={props.onOpen}
        onResults={props.onResults}
      />
      {props.saved && (
        <SavedList
          items={props.saved.items}
          total={props.saved.total}
          onOpenLibrary={props.onOpenLibrary}
        />
      )}
    </main>
  );
}
