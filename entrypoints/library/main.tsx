import { errorMessage } from '@/utils/core/guards';
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ImportPreviewView } from '@/components/ImportPreviewView';
import { ItemDetail } from '@/components/ItemDetail';
import { VirtualList } from '@/components/VirtualList';
import { announceLibraryChange, library, onLibraryChange } from '@/utils/db/open';
import { exportBibtex, exportJson, exportMarkdown } from '@/utils/library/export';
import {
  commitImport,
  parseImport,
  previewImport,
  type ImportPreview,
} from '@/utils/library/import';
import { allItems, getMeta, removeItem, setMeta, updateItem } from '@/utils/library/library';
import type { LibraryItem } from '@/utils/core/library-item';
import {
  allSources,
  allTags,
  librarySearch,
  viewItems,
  type LibraryFilter,
  type LibrarySort,
} from '@/utils/library/view';
import { browser } from '@/utils/platform/browser';
import '@/styles/library.css';

const ROW_HEIGHT_PX = 76;
/** Past this many items without an export, the page offers one. */
const REMIND_EXPORT_AT = 25;
const LAST_EXPORT = 'lastExportAt';

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function LibraryPage() {
  const [items, setItems] = useState<LibraryItem[] | null>(null);
  const [filter, setFilter] = useState<LibraryFilter>({
    query: '',
    tag: '',
    sourceId: '',
    sort: 'saved',
  });
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [lastExport, setLastExport] = useState<string | undefined>();

  const reload = async () => {
    try {
      const db = await library();
      setItems(await allItems(db));
      setLastExport(await getMeta<string>(db, LAST_EXPORT));
    } catch (e) {
      setNotice({ text: errorMessage(e), error: true });
    }
  };
  useEffect(() => {
    void reload();
    // Many saves in a row (another page, an import) make one reload.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onLibraryChange(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), 250);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, []);

  // Built when the user first searches: listing 10,000 items needs no index.
  const searching = filter.query.trim() !== '';
  const engine = useMemo(
    () => (searching && items && items.length ? librarySearch(items) : null),
    [items, searching],
  );
  const shown = useMemo(
    () => (items ? viewItems(items, engine, filter) : []),
    [items, engine, filter],
  );
  const current = items?.find((i) => i.id === selected) ?? null;
  const set = (change: Partial<LibraryFilter>) => setFilter({ ...filter, ...change });

  const act = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      setNotice({ text: done, error: false });
      announceLibraryChange();
    } catch (e) {
      setNotice({ text: errorMessage(e), error: true });
      await reload(); // show the library as it really is
      throw e;
    }
  };

  const exportAs = async (kind: 'json' | 'md' | 'bib') => {
    if (!items) return;
    const stamp = new Date().toISOString().slice(0, 10);
    if (kind === 'json')
      download(`sidenotes-library-${stamp}.json`, 'application/json', exportJson(items));
    if (kind === 'md')
      download(`sidenotes-library-${stamp}.md`, 'text/markdown', exportMarkdown(items));
    if (kind === 'bib')
      download(`sidenotes-library-${stamp}.bib`, 'application/x-bibtex', exportBibtex(items));
    if (kind === 'json')
      await act(
        async () => setMeta(await library(), LAST_EXPORT, new Date().toISOString()),
        `Exported ${items.length} items.`,
      );
  };

  const chooseImport = async (file: File | undefined) => {
    if (!file) return;
    try {
      setPreview(await previewImport(await library(), parseImport(await file.text())));
      setNotice(null);
    } catch (e) {
      setPreview(null);
      setNotice({ text: errorMessage(e), error: true });
    }
  };

  if (!items) return <p class="app hint">{notice?.text ?? 'Opening your library…'}</p>;
  const tags = allTags(items);
  const sources = allSources(items);
  return (
    <div class="library-page">
      <header class="library-head">
        <div class="app-head">
          <h1 class="app-name">Your Sidenotes library</h1>
          <nav class="app-links">
            <a href={browser.runtime.getURL('/options.html')}>Sources</a>
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
          <label class="button">
            Import JSON…
            <input
              type="file"
              accept="application/json,.json"
              class="visually-hidden"
              data-testid="import-file"
              onChange={(e) => {
                const input = e.target as HTMLInputElement;
                void chooseImport(input.files?.[0]).finally(() => (input.value = ''));
              }}
            />
          </label>
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
          </p>
        )}
        {preview && (
          <ImportPreviewView
            preview={preview}
            onCancel={() => setPreview(null)}
            onImport={() => {
              const p = preview;
              setPreview(null);
              void act(async () => {
                const added = await commitImport(await library(), p);
                setNotice({ text: `Imported ${added} items.`, error: false });
              }, `Imported ${p.fresh.length} items.`).catch(() => undefined);
            }}
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
            onSave={async (change) =>
              act(
                async () => updateItem(await library(), current.id, current.revision, change),
                'Saved.',
              )
            }
            onRemove={() =>
              void act(async () => {
                await removeItem(await library(), current.id);
                setSelected(null);
              }, 'Removed from your library.').catch(() => undefined)
            }
          />
        )}
      </div>
    </div>
  );
}

render(<LibraryPage />, document.getElementById('app')!);
