import type { ImportPreview } from '@/utils/library/import';

/** "42 new, 3 already present, 1 invalid" — before anything is written. */
export function ImportPreviewView({
  preview,
  onImport,
  onCancel,
}: {
  preview: ImportPreview;
  onImport: () => void;
  onCancel: () => void;
}) {
  const { fresh, present, invalid } = preview;
  return (
    <section
      class="import-preview card"
      role="dialog"
      aria-label="Import preview"
      data-testid="import-preview"
    >
      <p>
        <strong>{fresh.length} new</strong>, {present.length} already present, {invalid.length}{' '}
        invalid.
      </p>
      {invalid.length > 0 && (
        <ul class="import-problems">
          {invalid.slice(0, 20).map((p) => (
            <li key={p.entry}>
              Entry {p.entry}: {p.reason}
            </li>
          ))}
          {invalid.length > 20 && <li>…and {invalid.length - 20} more.</li>}
        </ul>
      )}
      <p class="hint">
        Items already in your library are kept as they are. Invalid entries are skipped.
      </p>
      <div class="editor-actions">
        <button
          type="button"
          class="primary"
          disabled={!fresh.length}
          onClick={onImport}
          data-testid="import-confirm"
        >
          Import {fresh.length} item{fresh.length === 1 ? '' : 's'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
