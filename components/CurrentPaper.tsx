import { useState } from 'preact/hooks';
import type { SidebarState } from '@/utils/messaging/protocol';
import { SummaryCard } from './SummaryCard';
import { usePaperLibrary } from '@/hooks/use-paper-library';
import { usePaperSummaries } from '@/hooks/use-source-answers';

/** The active tab's paper, its summary count, and its summaries on demand. */
export function CurrentPaper({ state, images }: { state: SidebarState; images: boolean }) {
  const [open, setOpen] = useState(false);
  const { paper } = state;
  const { summaries, via, progress } = usePaperSummaries(state);
  const asking = progress.some((p) => p.status === 'asking');
  const library = usePaperLibrary(paper, summaries);
  if (!paper) return null;
  const title = paper.title ?? summaries[0]?.paper.title ?? paper.keys[0];
  return (
    <section class="current" aria-label="This tab's paper" data-testid="current-paper">
      <p class="current-label">On this page</p>
      <p class="current-title">{title}</p>
      {summaries.length ? (
        <button
          type="button"
          class="current-toggle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide' : 'Show'} {summaries.length} summar{summaries.length === 1 ? 'y' : 'ies'}
        </button>
      ) : (
        <p class="hint">
          {asking ? 'Asking your remote sources…' : 'No summaries of this paper yet.'}
        </p>
      )}
      {open &&
        summaries.map((s) => (
          <SummaryCard
            key={s.id}
            summary={s}
            images={images}
            {...(via.has(s.id) ? { via: via.get(s.id)! } : {})}
            saved={library.saved.has(s.id)}
            onToggleSave={() => void library.toggleSave(s)}
          />
        ))}
    </section>
  );
}
