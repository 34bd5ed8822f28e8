import { errorMessage } from '@/utils/core/guards';
import { useState } from 'preact/hooks';
import type { EarlierVersion, LibraryItem } from '@/utils/core/library-item';
import { CardBoundary } from './CardBoundary';
import { CitationActions } from './CitationActions';
import { SummaryCard } from './SummaryCard';

export interface ItemDetailProps {
  images: boolean;
  item: LibraryItem;
  onSave: (
    change: Partial<Pick<LibraryItem, 'tags' | 'note' | 'otherVersions'>> & { body?: string },
  ) => Promise<void>;
  onRemove: () => void;
}

/** One library item: the summary as a card, its tags and personal note. */
export function ItemDetail({ item, images, onSave, onRemove }: ItemDetailProps) {
  const [tags, setTags] = useState(item.tags.join(', '));
  const [note, setNote] = useState(item.note);
  const [status, setStatus] = useState('');
  // Another item, or a newer revision (saved here or in another page), replaces the form:
  // while rendering, not in an effect, which would run a frame later and could wipe what
  // was typed in between.
  const version = `${item.id}@${item.revision}`;
  const [shown, setShown] = useState(version);
  if (shown !== version) {
    setShown(version);
    setTags(item.tags.join(', '));
    setNote(item.note);
  }
  const dirty = tags !== item.tags.join(', ') || note !== item.note;
  return (
    <section class="detail" aria-label="Selected item" data-testid="item-detail">
      {item.summary.paper.title && (
        <CitationActions
          paper={{
            ...item.summary.paper,
            keys: item.summary.paperKeys.filter((k) => !k.startsWith('title:')),
          }}
        />
      )}
      <CardBoundary key={item.id} summaryId={item.id}>
        <SummaryCard summary={item.summary} images={images} />
      </CardBoundary>
      {item.otherVersions?.map((version) => (
        <OtherVersion
          key={version.id}
          version={version}
          item={item}
          images={images}
          onSave={onSave}
        />
      ))}
      <form
        class="detail-form"
        onSubmit={(e) => {
          e.preventDefault();
          setStatus('Saving…');
          onSave({ tags: tags.split(','), note }).then(
            () => setStatus('Saved.'),
            (err: unknown) => setStatus(errorMessage(err)),
          );
        }}
      >
        <label class="editor-label" for="item-tags">
          Tags <span class="hint">comma-separated</span>
        </label>
        <input
          id="item-tags"
          class="search-input"
          value={tags}
          onInput={(e) => setTags((e.target as HTMLInputElement).value)}
          data-testid="item-tags"
        />
        <label class="editor-label" for="item-note">
          Personal note
        </label>
        <textarea
          id="item-note"
          class="editor-text"
          rows={4}
          value={note}
          onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
          data-testid="item-note"
        />
        <div class="editor-actions">
          <button type="submit" class="primary" disabled={!dirty} data-testid="item-save">
            Save tags and note
          </button>
          <button type="button" class="danger" onClick={onRemove} data-testid="item-remove">
            Remove from library
          </button>
        </div>
        {status && (
          <p class="hint" role="status">
            {status}
          </p>
        )}
      </form>
      <p class="hint">
        Saved {new Date(item.savedAt).toLocaleString()} ·{' '}
        {item.kind === 'own' ? 'your own summary' : item.summary.source.name}
      </p>
    </section>
  );
}

/**
 * A text of this own summary written on another device while apart from
 * this one (sync kept both): shown folded, with the two ways out.
 */
function OtherVersion({
  version,
  item,
  images,
  onSave,
}: {
  version: EarlierVersion;
  item: LibraryItem;
  images: boolean;
  onSave: ItemDetailProps['onSave'];
}) {
  const rest = (item.otherVersions ?? []).filter((v) => v.id !== version.id);
  const when = new Date(version.editedAt);
  return (
    <details class="other-version" data-testid="other-version">
      <summary>
        Another version, written{' '}
        {when.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })} while your devices
        were apart — show
      </summary>
      <SummaryCard summary={{ ...item.summary, body: version.body }} images={images} />
      <div class="editor-actions">
        <button
          type="button"
          onClick={() => void onSave({ otherVersions: rest }).catch(() => undefined)}
          data-testid="keep-current"
        >
          Keep the current text
        </button>
        <button
          type="button"
          onClick={() =>
            void onSave({ body: version.body, otherVersions: rest }).catch(() => undefined)
          }
          data-testid="use-other-version"
        >
          Use this text instead
        </button>
      </div>
    </details>
  );
}
