import { useEffect, useMemo, useState } from 'preact/hooks';
import { errorMessage } from '@/utils/core/guards';
import type { LibraryItem } from '@/utils/core/library-item';
import { announceLibraryChange, library, onLibraryChange } from '@/utils/db/open';
import { exportBibtex, exportJson, exportMarkdown } from '@/utils/library/export';
import {
  commitImport,
  parseImport,
  previewImport,
  type ImportPreview,
} from '@/utils/library/import';
import { allItems, getMeta, removeItem, setMeta, updateItem } from '@/utils/library/library';
import {
  allSources,
  allTags,
  librarySearch,
  viewItems,
  type LibraryFilter,
} from '@/utils/library/view';
import { browser } from '@/utils/platform/browser';

const LAST_EXPORT = 'lastExportAt';

export type Notice = { text: string; error: boolean } | null;
export type ExportKind = 'json' | 'md' | 'bib';

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The whole library for the library page: items, export, import with preview, edits. */
export function useLibrary() {
  const [items, setItems] = useState<LibraryItem[] | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
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

  return {
    items,
    notice,
    preview,
    lastExport,
    optionsUrl: browser.runtime.getURL('/options.html'),
    async exportAs(kind: ExportKind) {
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
    },
    async chooseImport(file: File | undefined) {
      if (!file) return;
      try {
        setPreview(await previewImport(await library(), parseImport(await file.text())));
        setNotice(null);
      } catch (e) {
        setPreview(null);
        setNotice({ text: errorMessage(e), error: true });
      }
    },
    cancelImport: () => setPreview(null),
    confirmImport() {
      const p = preview;
      if (!p) return;
      setPreview(null);
      void act(async () => {
        const added = await commitImport(await library(), p);
        setNotice({ text: `Imported ${added} items.`, error: false });
      }, `Imported ${p.fresh.length} items.`).catch(() => undefined);
    },
    save: (item: LibraryItem, change: Parameters<typeof updateItem>[3]) =>
      act(async () => updateItem(await library(), item.id, item.revision, change), 'Saved.'),
    remove: (item: LibraryItem) =>
      act(async () => removeItem(await library(), item.id), 'Removed from your library.'),
  };
}

export type LibraryState = ReturnType<typeof useLibrary>;

/** The items to show for a filter; the search index is built only once the user searches. */
export function useLibraryView(items: LibraryItem[] | null, filter: LibraryFilter) {
  const searching = filter.query.trim() !== '';
  // Listing 10,000 items needs no index.
  const engine = useMemo(
    () => (searching && items && items.length ? librarySearch(items) : null),
    [items, searching],
  );
  const shown = useMemo(
    () => (items ? viewItems(items, engine, filter) : []),
    [items, engine, filter],
  );
  const tags = useMemo(() => (items ? allTags(items) : []), [items]);
  const sources = useMemo(() => (items ? allSources(items) : []), [items]);
  return { shown, tags, sources };
}
