import { useState } from 'preact/hooks';
import type { Summary } from '@/utils/summary';
import { useRenderedHtml } from './use-rendered-html';

/** Bodies longer than this start collapsed with "more". */
const LONG_BODY_CHARS = 1200;

function formatDate(iso: string | null): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? null
    : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export interface SummaryCardProps {
  summary: Summary;
  images: boolean;
  /** Library state; without it the card has no Save button. */
  saved?: boolean;
  onToggleSave?: () => void;
  /** For the user's own summary: edit instead of save. */
  onEdit?: () => void;
  /** The remote index that brought this summary, if any. */
  via?: string;
}

/** One summary: who wrote it, where from, its licence, and the rendered body. */
export function SummaryCard({
  summary,
  images,
  saved,
  onToggleSave,
  onEdit,
  via,
}: SummaryCardProps) {
  const long = summary.body.length > LONG_BODY_CHARS;
  const [expanded, setExpanded] = useState(!long);
  const rendered = useRenderedHtml(summary.body, summary.format, { images });
  const { source } = summary;
  const date = formatDate(summary.date);
  const bodyId = `body-${summary.id.replace(/[^\w-]/g, '_')}`;

  return (
    <article
      class={`card card-${source.kind}`}
      data-testid="summary-card"
      data-summary-id={summary.id}
    >
      <header class="card-head">
        <span class="source">{source.name}</span>
        <span class={`kind kind-${source.kind}`}>
          {source.kind === 'human' ? 'human-written' : 'machine-generated'}
        </span>
        {summary.label && <span class="label">{summary.label}</span>}
      </header>
      <p class="byline">
        by {summary.author ?? 'anonymous'}
        {date && <> · {date}</>}
        {summary.votes !== null && <> · {summary.votes} votes</>}
        {via && <> · via {via}</>}
      </p>
      {rendered.status === 'done' ? (
        <div
          id={bodyId}
          class={`body${expanded ? '' : ' body-collapsed'}`}
          dangerouslySetInnerHTML={{ __html: rendered.sanitizedHtml }}
        />
      ) : rendered.status === 'failed' ? (
        <p class="body body-error">This summary could not be displayed ({rendered.message}).</p>
      ) : (
        <p class="body body-pending" aria-busy="true">
          Rendering…
        </p>
      )}
      {long && (
        <button
          type="button"
          class="more"
          aria-expanded={expanded}
          aria-controls={bodyId}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'less' : 'more'}
        </button>
      )}
      <footer class="card-foot">
        {onEdit && (
          <button type="button" class="card-action" onClick={onEdit} data-testid="edit-own">
            Edit
          </button>
        )}
        {onToggleSave && (
          <button
            type="button"
            class={`card-action${saved ? ' card-action-on' : ''}`}
            aria-pressed={saved}
            onClick={onToggleSave}
            data-testid="save-button"
            title={
              saved ? 'In your library — click to remove' : 'Save to your library (works offline)'
            }
          >
            {saved ? '★ Saved' : '☆ Save'}
          </button>
        )}
        {summary.link && (
          <a href={summary.link} target="_blank" rel="noopener noreferrer">
            Read on {source.name}
          </a>
        )}
        <span class="licence" title="Licence of this summary">
          {source.licence}
        </span>
      </footer>
    </article>
  );
}
