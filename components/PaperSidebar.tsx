import type { SidebarState } from '@/utils/messaging/protocol';
import { SidebarView } from './SidebarView';
import { usePaperLibrary } from '@/hooks/use-paper-library';
import { usePaperSummaries } from '@/hooks/use-source-answers';

/** SidebarView joined to the user's library and to remote sources (in-page sidebar and side panel). */
export function PaperSidebar({ state, images }: { state: SidebarState; images: boolean }) {
  const { summaries, via, progress, retry } = usePaperSummaries(state);
  const library = usePaperLibrary(state.paper, summaries);
  return (
    <SidebarView
      {...state}
      summaries={summaries}
      via={via}
      sources={progress}
      onRetry={retry}
      images={images}
      library={library}
    />
  );
}
