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
const DAY_MS = 86_400_000;

/** The library page: search, filters, the virtual list, one item's details, export, import and publish. */
export function LibraryPage({ lib, images }: { lib: LibraryState; images: boolean }) {
  const { items, notice, preview, exportAs } = lib;
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
            <a href={lib.optionsUrl}>Sources</a> <a href={lib.syncUrl}>Sync and backup</a>
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
          <button
            type="button"
            class="button"
            onClick={() => void exportAs('bib')}
            data-testid="export-bibtex"
          >
            Export BibTeX
          </button>
          <button
            type="button"
            class="button"
            onClick={() => void exportAs('ris')}
            title="RIS, for Zotero, Mendeley and EndNote: each paper with its summaries as notes and your tags as keywords"
            data-testid="export-ris"
          >
            Export RIS
          </button>
          <button
            type="button"
            class="button"
            onClick={() => void exportAs('csl')}
            title="CSL-JSON, for Zotero and citation processors: each paper with its summaries as a note and your tags as keywords"
            data-testid="export-csl"
          >
            Export CSL-JSON
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
        <Backup lib={lib} count={items.length} />
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

/**
 * Where the library's other copy is: the sync folder while sync is on;
 * otherwise "Back up now" (the lossless JSON export) and a gentle reminder
 * once the last backup is older than the period the user chose.
 */
function Backup({ lib, count }: { lib: LibraryState; count: number }) {
  const { sync, lastExport, reminderDays, exportAs } = lib;
  if (sync)
    return (
      <p class="hint backup-line" data-testid="backup-status">
        Kept in your sync folder{sync.host ? ` on ${sync.host}` : ''}
        {sync.lastOkAt ? ` (last synced ${new Date(sync.lastOkAt).toLocaleString()})` : ''}
        {sync.state === 'error' ? `: ${sync.message}` : '.'} <a href={lib.syncUrl}>Sync settings</a>
      </p>
    );
  const ageDays = lastExport ? (Date.now() - Date.parse(lastExport)) / DAY_MS : Infinity;
  const due =
    count > 0 &&
    reminderDays > 0 &&
    ((!lastExport && count >= REMIND_EXPORT_AT) || (lastExport && ageDays > reminderDays));
  return (
    <>
      <p class="hint backup-line" data-testid="backup-status">
        {lastExport
          ? `Last backup ${new Date(lastExport).toLocaleDateString()}.`
          : 'Never backed up: this library lives only in this browser.'}{' '}
        <button
          type="button"
          class="link-button"
          onClick={() => void exportAs('json')}
          data-testid="backup-now"
        >
          Back up now
        </button>{' '}
        · remind me{' '}
        <select
          aria-label="Backup reminder"
          value={String(reminderDays)}
          onChange={(e) => void lib.setReminderDays(Number((e.target as HTMLSelectElement).value))}
          data-testid="backup-reminder-days"
        >
          <option value="7">every week</option>
          <option value="30">every month</option>
          <option value="90">every three months</option>
          <option value="0">never</option>
        </select>{' '}
        · <a href={lib.syncUrl}>sync it to your own storage</a>
      </p>
      {due && (
        <p class="notice reminder" data-testid="export-reminder">
          {lastExport
            ? `Your last backup is ${Math.floor(ageDays)} days old; whatever changed since lives only in this browser: `
            : `Your library has ${count} items and has never been exported. It lives only in this browser: `}
          <button type="button" class="link-button" onClick={() => void exportAs('json')}>
            {lastExport ? 'back up now' : 'export a copy'}
          </button>
          .
        </p>
      )}
    </>
  );
}
