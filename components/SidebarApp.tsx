import { useLayoutEffect } from 'preact/hooks';
import type { TabStateLoad } from '@/hooks/use-tab-state';
import { PaperSidebar } from './PaperSidebar';

/** The in-page sidebar frame (and the side panel's paper part): loading, failed, or the paper. */
export function SidebarApp({ load, images }: { load: TabStateLoad; images: boolean }) {
  // A layout effect runs right after the DOM is written, before the frame is painted.
  useLayoutEffect(() => {
    if (load.status === 'ready') markPaintedWhenRendered();
  }, [load.status]);
  // The revision of the state on screen (a testing hook: a test waits for the
  // revision it expects instead of sleeping before it checks what is not shown).
  const revision = load.status === 'ready' ? load.state.revision : null;
  useLayoutEffect(() => {
    if (revision !== null) document.documentElement.dataset.revision = String(revision);
  }, [revision]);
  if (load.status === 'loading')
    return (
      <p class="empty" aria-busy="true">
        Looking for summaries…
      </p>
    );
  if (load.status === 'failed')
    return <p class="notice notice-error">Sidenotes could not load: {load.message}</p>;
  return <PaperSidebar state={load.state} images={images} onRetry={load.retry} />;
}

/**
 * Records when the summaries are on screen as epoch ms, for `npm run bench`
 * to compare with the page's navigation start: the first frame in which no
 * card is still rendering, just after it is painted (a task queued from
 * requestAnimationFrame runs after that frame's paint).
 */
function markPaintedWhenRendered() {
  const check = () => {
    if (document.querySelector('[aria-busy="true"]')) return requestAnimationFrame(check);
    setTimeout(() => {
      performance.mark('sidenotes:rendered');
      document.documentElement.dataset.paintedAt = String(
        performance.timeOrigin + performance.now(),
      );
    });
  };
  requestAnimationFrame(check);
}
