import { errorMessage } from '@/utils/core/guards';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { PaperSidebar } from '@/components/PaperSidebar';
import { sendToBackground } from '@/utils/messaging/client';
import type { SidebarState } from '@/utils/messaging/protocol';
import '@/components/styles.css';

performance.mark('sidenotes:script-start');

type Load =
  | { status: 'loading' }
  | { status: 'ready'; state: SidebarState }
  | { status: 'failed'; message: string };

function App() {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  useEffect(() => {
    sendToBackground('sidebar:get-state', {}).then(
      (state) => {
        performance.mark('sidenotes:state-received');
        setLoad({ status: 'ready', state });
      },
      (error: unknown) =>
        setLoad({
          status: 'failed',
          message: errorMessage(error),
        }),
    );
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') void sendToBackground('sidebar:collapse', {}).catch(() => undefined);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

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
  return <PaperSidebar state={load.state} images={true} />;
}

/**
 * Records when the summaries are on screen (all card bodies rendered, one
 * frame later) as epoch ms, for `npm run bench` to compare with the page's
 * navigation start. Costs a few animation frames once per sidebar.
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

render(<App />, document.getElementById('app')!);
