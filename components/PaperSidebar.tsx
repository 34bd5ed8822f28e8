import type { SidebarState } from '@/utils/messaging/protocol';
import { SidebarView } from './SidebarView';
import { usePaperLibrary } from './use-paper-library';

/** SidebarView joined to the user's library (in-page sidebar and side panel). */
export function PaperSidebar({ state, images }: { state: SidebarState; images: boolean }) {
  const library = usePaperLibrary(state.paper, state.summaries);
  return <SidebarView {...state} images={images} library={library} />;
}
