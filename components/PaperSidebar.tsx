import type { TabState } from '@/utils/core/tab-state';
import { usePaperLibrary } from '@/hooks/use-paper-library';
import { SidebarView } from './SidebarView';

/** SidebarView joined to the user's library (in-page sidebar and side panel). */
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
  return (
    <SidebarView
      paper={state.paper}
      summaries={state.summaries}
      errors={state.errors}
      via={state.via}
      sources={state.sources}
      onRetry={onRetry}
      images={images}
      library={library}
    />
  );
}
