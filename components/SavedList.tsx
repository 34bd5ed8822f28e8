import type { LibraryItem } from '@/utils/core/library-item';

/** The newest saved items, in the popup. */
export function SavedList({
  items,
  total,
  onOpenLibrary,
}: {
  items: LibraryItem[];
  total: number;
  onOpenLibrary: () => void;
}) {
  return (
    <section class="saved" aria-label="Saved summaries">
      <div class="app-head">
        <p class="current-label">Saved ({total})</p>
        <button
          type="button"
          class="link-button"
          onClick={onOpenLibrary}
          data-testid="open-library"
        >
          Open library
        </button>
      </div>
      {items.length ? (
        <ul class="saved-list">
          {items.map((item) => (
            <li
              key={item.id}
              data-testid="saved-item"
              data-item={item.id}
              title={item.summary.paper.title}
            >
              {item.summary.paper.title}{' '}
              <span class="hint">
                · {item.kind === 'own' ? 'your summary' : item.summary.source.name}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">Nothing saved yet: use ☆ Save on a summary.</p>
      )}
    </section>
  );
}
