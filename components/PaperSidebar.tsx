import type { TabState } from '@/utils/core/tab-state';
import { usePaperLibrary } from '@/hooks/use-paper-library';
import { useSourceOffers } from '@/hooks/use-source-offers';
import { SidebarView } from './SidebarView';
import { WriteConfirm } from './WriteConfirm';

/** SidebarView joined to the user's library and the paper's offers (in-page sidebar and side panel). */
export function PaperSidebar({
  state,
  images,
  onRetry,
}: {
  state: TabState;
  images: boolean;
  onRetry: (sourceId: string) => void;
}) {
  const library = usePaperLibrary(state.paper, state.summaries);
  const offers = useSourceOffers(state);
  return (
    <>
      <SidebarView
        paper={state.paper}
        summaries={state.summaries}
        errors={state.errors}
        via={state.via}
        sources={state.sources}
        // A source asked once gave its permission back: its Retry requests it again.
        onRetry={(id) =>
          state.sources.find((s) => s.id === id)?.once ? offers.retryOnce(id) : onRetry(id)
        }
        offers={state.offers}
        offerActions={offers}
        images={images}
        library={library}
      />
      {/* Writes from a frame the browser cannot see covered wait for it (Firefox). */}
      <WriteConfirm />
    </>
  );
}
