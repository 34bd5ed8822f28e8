import { useState } from 'preact/hooks';
import type { LibraryState } from '@/hooks/use-library';
import { useLibraryView } from '@/hooks/use-library';
import type { LibraryFilter, LibrarySort } from '@/utils/library/view';
import { ImportPreviewView } from './ImportPreviewView';
import { ItemDetail } from './ItemDetail';
import { PublishDialog } from './PublishDialog';
import { VirtualList } from './VirtualList';

const ROW_HEIGHT_PX = 76;
/** Past this many items without an export, the page offers one. */
const REMIND_EXPORT_AT = 25;

/** The library page: search, filters, the virtual list, one item's details, export, import and publish. */
export function LibraryPage({ lib, images }: { lib: LibraryState; images: boolean }) {
  const { items, notice, preview, lastExport, exportAs } = lib;
  const [filter, setFilter] = useState<LibraryFilter>({
    query: '',
    tag: '',
    sourceId: '',
    sort: 'saved',
  });
  const [selected, setSelected] = useState<string | null>(null);
  const [publishing, setPublishing] = useState(false);
  const { shown, tags, sources } = useLibraryView(items, filter);
  const current = items?.find((i) => i.id === selected) ?? null;
  const set = (change: Partial<LibraryFilter>) => setFilter({ ...filter, ...change });

  if (!items) return <p class="app hint">{notice?.text ?? 'Opening your library…'}</p>;
  return (
    <div class="library-page">
      <header class="library-head">
        <div class="app-head">
          <h1 class="app-name">Your Sidenotes library</h1>
          <nav class="app-links">
            <a href={lib.optionsUrl}>Sources</a>
          </nav>
        </div>
        <p class="hint" data-testid="library-count">
          {items.length} item{items.length === 1 ? '' : 's'}
          {filter.query || filter.tag || filter.sourceId ? ` · ${shown.length} shown` : ''}
        </p>
        <div class="library-tools">
          <input
            type="search"
            class="search-input"
            placeholder="Search your library"
            value={filter.query}
            onInput={(e) => set({ query: (e.target as HTMLInputElement).value })}
            data-testid="search-input"
            aria-label="Search your library"
          />
          <select
            aria-label="Sort"
            value={filter.sort}
            onChange={(e) => set({ sort: (e.target as HTMLSelectElement).value as LibrarySort })}
          >
            <option value="saved">Newest saved</option>
            <option value="paper-date">Paper date</option>
            <option value="title">Title</option>
          </select>
          <select
            aria-label="Tag"
            value={filter.tag}
            onChange={(e) => set({ tag: (e.target as HTMLSelectElement).value })}
            data-testid="tag-filter"
          >
            <option value="">All tags</option>
            {tags.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <select
            aria-label="Source"
            value={filter.sourceId}
            onChange={(e) => set({ sourceId: (e.target as HTMLSelectElement).value })}
          >
            <option value="">All sources</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div class="library-tools">
          <button
            type="button"
            class="button"
            onClick={() => void exportAs('json')}
            data-testid="export-json"
          >
            Export JSON
          </button>
          <button type="button" class="button" onClick={() => void exportAs('md')}>
            Export Markdown
          </button>
          <button type="button" class="button" onClick={() => void exportAs('bib')}>
            Export BibTeX
          </button>
          <label
            class="button file-button"
            title="A Sidenotes library export (.json) or your ShortScience export (shortscience-export.csv)"
          >
            Import JSON or ShortScience CSV…
            <input
              type="file"
              accept=".json,.csv,application/json,text/csv"
              class="visually-hidden"
              data-testid="import-file"
              onChange={(e) => {
                const input = e.target as HTMLInputElement;
                void lib.chooseImport(input.files?.[0]).finally(() => (input.value = ''));
              }}
            />
          </label>
          <button
            type="button"
            class="button"
            aria-haspopup="dialog"
            onClick={() => setPublishing(true)}
            data-testid="publish-index"
          >
            Publish as an index…
          </button>
        </div>
        {items.length >= REMIND_EXPORT_AT && !lastExport && (
          <p class="notice reminder" data-testid="export-reminder">
            Your library has {items.length} items and has never been exported. It lives only in this
            browser:{' '}
            <button type="button" class="link-button" onClick={() => void exportAs('json')}>
              export a copy
            </button>
            .
          </p>
        )}
        {notice && (
          <p
            class={`notice${notice.error ? ' notice-error' : ''}`}
            role={notice.error ? 'alert' : 'status'}
            data-testid="library-notice"
          >
            {notice.text}
            {notice.undo && (
              <>
                {' '}
                <button
                  type="button"
                  class="link-button"
                  onClick={notice.undo}
                  data-testid="library-undo"
                >
                  Undo
                </button>
              </>
            )}
          </p>
        )}
        {preview && (
          <ImportPreviewView
            preview={preview}
            description={lib.previewDescription}
            onCancel={lib.cancelImport}
            onImport={lib.confirmImport}
          />
        )}
        {publishing && (
          <PublishDialog
            items={items}
            onPublish={lib.publish}
            onClose={() => setPublishing(false)}
          />
        )}
      </header>
      <div class="library-body">
        {items.length === 0 ? (
          <p class="hint library-empty">
            Nothing saved yet. Save a summary with <strong>☆ Save</strong> on any summary card, or
            write your own from the sidebar of a paper.
          </p>
        ) : (
          <VirtualList
            items={shown}
            rowHeightPx={ROW_HEIGHT_PX}
            label="Library items"
            render={(item) => (
              <button
                type="button"
                class={`lib-row${item.id === selected ? ' lib-row-active' : ''}`}
                onClick={() => setSelected(item.id)}
                data-testid="saved-item"
                data-item={item.id}
              >
                <span class="lib-title">{item.summary.paper.title}</span>
                <span class="lib-meta">
                  {item.kind === 'own' ? 'Your summary' : item.summary.source.name} · saved{' '}
                  {item.savedAt.slice(0, 10)}
                  {item.tags.map((t) => (
                    <span class="tag" key={t}>
                      {t}
                    </span>
                  ))}
                </span>
                {item.note && <span class="lib-note">{item.note}</span>}
              </button>
            )}
          />
        )}
        {current && (
          <ItemDetail
            item={current}
            images={images}
            onSave={(change) => lib.save(current, change)}
            onRemove={() =>
              void lib
                .remove(current)
                .then(() => setSelected(null))
                .catch(() => undefined)
            }
          />
        )}
      </div>
    </div>
  );
}
