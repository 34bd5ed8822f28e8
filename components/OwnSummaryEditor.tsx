import { useEffect, useRef, useState } from 'preact/hooks';
import { useRenderedHtml } from '@/hooks/use-rendered-html';

export interface OwnSummaryEditorProps {
  initialBody: string;
  /** The paper's stored draft as the editor opened ('' when none). */
  draftBase: string;
  /** Load images in the preview (the user's preference). */
  images: boolean;
  /**
   * Called as the user types (debounced): drafts survive closing the sidebar.
   * Given the draft as the editor last saw it; answers the draft now stored.
   */
  onDraft: (body: string, base: string) => Promise<string | null>;
  onSave: (body: string, draftBase: string) => Promise<boolean>;
  onCancel: () => void;
  onDelete?: () => void;
}

const DRAFT_DELAY_MS = 400;

/** Markdown + LaTeX editor with a live preview rendered exactly as cards are. */
export function OwnSummaryEditor({
  initialBody,
  draftBase,
  images,
  onDraft,
  onSave,
  onCancel,
  onDelete,
}: OwnSummaryEditorProps) {
  const [body, setBody] = useState(initialBody);
  // What the editor holds now, and the stored draft as it last saw it.
  const current = useRef(initialBody);
  const base = useRef(draftBase);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const preview = useRenderedHtml(body || '*Your summary appears here as you type.*', 'markdown', {
    images,
  });
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);
  useEffect(() => () => clearTimeout(timer.current), []);

  /**
   * Keeps the text as the draft. When sync brought another device's words
   * into the draft meanwhile, they come back joined after this text, and the
   * editor shows them (after anything typed since), so the next keep cannot
   * drop them unseen.
   */
  const keep = async (value: string) => {
    const stored = await onDraft(value, base.current);
    if (stored === null) return;
    base.current = stored;
    if (stored === value || !stored.trim()) return;
    const typed = current.current;
    const next = stored.startsWith(value)
      ? typed + stored.slice(value.length)
      : typed.trim()
        ? `${typed}\n\n${stored}`
        : stored;
    current.current = next;
    setBody(next);
  };
  const onInput = (value: string) => {
    current.current = value;
    setBody(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void keep(value), DRAFT_DELAY_MS);
  };
  const save = async () => {
    clearTimeout(timer.current);
    setBusy(true);
    const ok = await onSave(body, base.current);
    setBusy(false);
    if (!ok) void keep(body);
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
