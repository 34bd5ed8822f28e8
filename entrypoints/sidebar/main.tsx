import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { SidebarView } from '@/components/SidebarView';
import { sendToBackground } from '@/utils/messaging/client';
import type { SidebarState } from '@/utils/messaging/protocol';
import '@/components/sidebar.css';

type Load = { status: 'loading' } | { status: 'ready'; state: SidebarState } | { status: 'failed'; message: string };

function App() {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  useEffect(() => {
    sendToBackground('sidebar:get-state', {}).then(
      (state) => setLoad({ status: 'ready', state }),
      (error: unknown) => setLoad({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') void sendToBackground('sidebar:collapse', {}).catch(() => undefined);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  if (load.status === 'loading') return <p class="empty" aria-busy="true">Looking for summaries…</p>;
  if (load.status === 'failed') return <p class="notice notice-error">Sidenotes could not load: {load.message}</p>;
  return <SidebarView {...load.state} images={true} />;
}

render(<App />, document.getElementById('app')!);
