import type { ImportPreview } from '@/utils/library/import';

/** Problems listed in full below the sentence that names the first few. */
const LISTED_PROBLEMS = 20;
/** As many as the sentence names (describeImport's default). */
const NAMED_PROBLEMS = 3;

/**
 * What an import would do, before anything is written: "41 new summaries,
 * 3 already present, 1 invalid: row 12: empty text" for a ShortScience
 * export (`description`), "42 new, 3 already present, 1 invalid" for a
 * Sidenotes export, then every problem when there are more than the
 * sentence names.
 */
export function ImportPreviewView({
  preview,
  description,
  onImport,
  onCancel,
}: {
  preview: ImportPreview;
  /** The sentence to show; counts alone when absent. */
  description?: string | undefined;
  onImport: () => void;
  onCancel: () => void;
}) {
  const { fresh, present, invalid } = preview;
  const unit = preview.unit === 'row' ? 'Row' : 'Entry';
  const rows = preview.unit === 'row';
  const noun = rows
    ? fresh.length === 1
      ? 'summary'
      : 'summaries'
    : fresh.length === 1
      ? 'item'
      : 'items';
  const listed = description ? invalid.length > NAMED_PROBLEMS : invalid.length > 0;
  return (
    <section
      class="import-preview card"
      role="dialog"
      aria-label="Import preview"
      data-testid="import-preview"
    >
      {description ? (
        <p data-testid="import-description">{description}</p>
      ) : (
        <p>
          <strong>{fresh.length} new</strong>, {present.length} already present, {invalid.length}{' '}
          invalid. <OwnCount fresh={fresh} />
        </p>
      )}
      {listed && (
        <ul class="import-problems" aria-label={rows ? 'Invalid rows' : 'Invalid entries'}>
          {invalid.slice(0, LISTED_PROBLEMS).map((p) => (
            <li key={p.entry}>
              {unit} {p.entry}: {p.reason}
            </li>
          ))}
          {invalid.length > LISTED_PROBLEMS && (
            <li>…and {invalid.length - LISTED_PROBLEMS} more.</li>
          )}
        </ul>
      )}
      <p class="hint">
        Items already in your library are kept as they are. Invalid {rows ? 'rows' : 'entries'} are
        skipped.
        {rows &&
          ' Each row becomes a summary of your own, tagged “shortscience”, shown beside its paper as “Your summary”.'}
      </p>
      <div class="editor-actions">
        <button
          type="button"
          class="primary"
          disabled={!fresh.length}
          onClick={onImport}
          data-testid="import-confirm"
        >
          Import {fresh.length} {noun}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

/**
 * How many of the new items are the user's own summaries (published under
 * their name, shown as "Your summary"): a file from someone else should
 * say none. The others are imported as saved summaries.
 */
function OwnCount({ fresh }: { fresh: ImportPreview['fresh'] }) {
  const own = fresh.filter((item) => item.kind === 'own').length;
  const saved = fresh.length - own;
  const ownWords =
    own === 0
      ? 'None of the new items is your own summary'
      : `${own} of the new items ${own === 1 ? 'is your own summary' : 'are your own summaries'}`;
  const savedWords = saved
    ? `; ${saved} ${saved === 1 ? 'is a saved summary' : 'are saved summaries'} of others`
    : '';
  return <span data-testid="import-own-count">{`${ownWords}${savedWords}.`}</span>;
}
