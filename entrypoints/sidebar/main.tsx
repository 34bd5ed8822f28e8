import { render } from 'preact';
import { SidebarApp } from '@/components/SidebarApp';
import { usePreferences } from '@/hooks/use-preferences';
import { useTabState } from '@/hooks/use-tab-state';
import { sendToWorker } from '@/utils/messaging/client';
import { warmUpRenderer } from '@/utils/render/markdown';
import '@/styles/sidebar.css';

performance.mark('sidenotes:script-start');

/** The page view this frame was made for (see entrypoints/paper/sidebar-host.ts). */
const SELF = {
  tab: 'self',
  view: new URLSearchParams(location.hash.slice(1)).get('view') ?? '',
} as const;

function Sidebar() {
  return <SidebarApp load={useTabState(SELF)} images={usePreferences().images} />;
}

// Esc inside the frame folds the sidebar, as it does on the page.
addEventListener('keydown', (e) => {
  if (e.key === 'Escape') void sendToWorker('view:collapse-sidebar', {}).catch(() => undefined);
});

render(<Sidebar />, document.getElementById('app')!);

// While the worker answers, the renderer compiles: the first real body then
// renders in 2–3 ms instead of 11–20 with the worker stopped.
warmUpRenderer();
