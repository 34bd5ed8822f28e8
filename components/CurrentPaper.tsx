import { useState } from 'preact/hooks';
import type { TabState } from '@/utils/core/tab-state';
import { usePaperLibrary } from '@/hooks/use-paper-library';
import { citedPaper } from '@/utils/render/citation';
import { CardBoundary } from './CardBoundary';
import { CitationActions } from './CitationActions';
import { SummaryCard } from './SummaryCard';

/** The active tab's paper, its summary count, and its summaries on demand. */
export function CurrentPaper({ state, images }: { state: TabState; images: boolean }) {
  const [open, setOpen] = useState(false);
  const { paper, summaries, via } = state;
  const asking = state.sources.some((p) => p.status === 'asking');
  const library = usePaperLibrary(paper, summaries);
  if (!paper) return null;
  const title = paper.title ?? summaries[0]?.paper.title ?? paper.keys[0];
  const cited = citedPaper(paper, summaries);
  return (
    <section class="current" aria-label="This tab's paper" data-testid="current-paper">
      <p class="current-label">On this page</p>
      <p class="current-title">{title}</p>
      {cited && <CitationActions paper={cited} />}
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
          <CardBoundary key={s.id} summaryId={s.id}>
            <SummaryCard
              summary={s}
              images={images}
              {...(via[s.id] ? { via: via[s.id]! } : {})}
              saved={library.saved.has(s.id)}
              onToggleSave={() => void library.toggleSave(s)}
            />
          </CardBoundary>
        ))}
    </section>
  );
}
