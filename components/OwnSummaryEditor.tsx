import { useEffect, useRef, useState } from 'preact/hooks';
import { useRenderedHtml } from '@/hooks/use-rendered-html';

export interface OwnSummaryEditorProps {
  initialBody: string;
  /** Load images in the preview (the user's preference). */
  images: boolean;
  /** Called as the user types (debounced): drafts survive closing the sidebar. */
  onDraft: (body: string) => void;
  onSave: (body: string) => Promise<boolean>;
  onCancel: () => void;
  onDelete?: () => void;
}

const DRAFT_DELAY_MS = 400;

/** Markdown + LaTeX editor with a live preview rendered exactly as cards are. */
export function OwnSummaryEditor({
  initialBody,
  images,
  onDraft,
  onSave,
  onCancel,
  onDelete,
}: OwnSummaryEditorProps) {
  const [body, setBody] = useState(initialBody);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const preview = useRenderedHtml(body || '*Your summary appears here as you type.*', 'markdown', {
    images,
  });
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onInput = (value: string) => {
    setBody(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => onDraft(value), DRAFT_DELAY_MS);
  };
  const save = async () => {
    clearTimeout(timer.current);
    setBusy(true);
    const ok = await onSave(body);
    setBusy(false);
    if (!ok) onDraft(body);
  };

  return (
    <section class="editor card" aria-label="Your summary" data-testid="own-editor">
      <label class="editor-label" for="own-body">
        Your summary <span class="hint">Markdown, $math$ and $$display math$$</span>
      </label>
      <textarea
        id="own-body"
        ref={area}
        class="editor-text"
        rows={8}
        value={body}
        onInput={(e) => onInput((e.target as HTMLTextAreaElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
          if (e.key === 'Escape') e.stopPropagation();
        }}
        data-testid="own-body"
      />
      <p class="editor-label">Preview</p>
      {preview.status === 'done' ? (
        <div
          class="body editor-preview"
          data-testid="own-preview"
          dangerouslySetInnerHTML={{ __html: preview.sanitizedHtml }}
        />
      ) : (
        <p class="body body-pending">Rendering…</p>
      )}
      <div class="editor-actions">
        <button
          type="button"
          class="primary"
          disabled={busy || !body.trim()}
          onClick={() => void save()}
          data-testid="own-save"
        >
          Save summary
        </button>
        <button type="button" onClick={onCancel}>
          Close
        </button>
        {onDelete && (
          <button type="button" class="danger" onClick={onDelete} data-testid="own-delete">
            Delete
          </button>
        )}
      </div>
    </section>
  );
}
