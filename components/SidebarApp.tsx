import { useEffect } from 'preact/hooks';
import type { TabStateLoad } from '@/hooks/use-tab-state';
import { PaperSidebar } from './PaperSidebar';

/** The in-page sidebar frame (and the side panel's paper part): loading, failed, or the paper. */
export function SidebarApp({ load, images }: { load: TabStateLoad; images: boolean }) {
  useEffect(() => {
    if (load.status === 'ready') markPaintedWhenRendered();
  }, [load.status]);
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
 * Records when the summaries are on screen (card bodies rendered, one frame
 * later) as epoch ms, for `npm run bench` to compare with the page's
 * navigation start. Costs a few animation frames once per view.
 */
function markPaintedWhenRendered() {
  const check = () => {
    if (document.querySelector('[aria-busy="true"]')) return requestAnimationFrame(check);
    performance.mark('sidenotes:rendered');
    requestAnimationFrame(() => {
      document.documentElement.dataset.paintedAt = String(
        performance.timeOrigin + performance.now(),
      );
    });
  };
  requestAnimationFrame(check);
}
