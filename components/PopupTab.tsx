import type { PaperSiteAccess } from '@/hooks/use-paper-site-access';
import type { ListedMatches, TabState } from '@/utils/core/tab-state';
import { AlwaysOnOffer, type AlwaysOnProps } from './AlwaysOnOffer';
import type { CurrentPaper } from './CurrentPaper';
import { ListedMatchesView } from './ListedMatchesView';
import { PaperSiteAccessNotice } from './PaperSiteAccessNotice';

export interface PopupTabProps {
  state: TabState | null;
  /** Loaded on its own (it brings the Markdown renderer). */
  CurrentPaper: typeof CurrentPaper | null;
  images: boolean;
  /** On a listing page: its papers in your library (extension view only). */
  listed: ListedMatches | null;
  onOpen(url: string): void;
  /** Whether the browser lets Sidenotes on the paper sites (Firefox may not): said first when not. */
  access?: PaperSiteAccess;
  /** On a paper found on a site Sidenotes does not watch: "Always on <host>". */
  alwaysOn?: AlwaysOnProps | null;
}

/** The popup's part about the current tab, above its search: its paper, or its listed papers. */
export function PopupTab(props: PopupTabProps) {
  return (
    <>
      {props.access && <PaperSiteAccessNotice access={props.access} compact />}
      {props.state && props.CurrentPaper && (
        <props.CurrentPaper state={props.state} images={props.images} />
      )}
      {props.alwaysOn && props.state?.paper && <AlwaysOnOffer {...props.alwaysOn} />}
      {props.listed && !props.state?.paper && (
        <ListedMatchesView matches={props.listed} onOpen={props.onOpen} />
      )}
    </>
  );
}
