import { useEffect, useMemo, useState } from 'preact/hooks';
import { errorMessage } from '@/utils/core/guards';
import type { LibraryItem } from '@/utils/core/library-item';
import { library, onLibraryChange } from '@/utils/db/open';
import { lookupSummaries } from '@/utils/index-format/lookup';
import { publishIndex, type PublishOptions, type Unpublished } from '@/utils/index-format/publish';
import { exportBibtex, exportJson, exportMarkdown } from '@/utils/library/export';
import { exportCslJson, exportRis } from '@/utils/library/export-refs';
import {
  describeImport,
  parseImportFile,
  previewImport,
  type ImportPreview,
} from '@/utils/library/import';
import { hintFromSummaries, type TitleLookup } from '@/utils/library/shortscience-csv';
import { allItems, getMeta, setMeta } from '@/utils/library/library';
import {
  allSources,
  allTags,
  librarySearch,
  viewItems,
  type LibraryFilter,
} from '@/utils/library/view';
import { announcedWrites } from '@/utils/library/writes';
import { browser } from '@/utils/platform/browser';
import { bundledIndex } from '@/utils/sources/bundled';
import type { SyncStatus } from '@/utils/core/sync';
import { sendToWorker } from '@/utils/messaging/client';
import { loadConfig, loadStatus } from '@/utils/sync/config';
import { syncSoon } from './use-sync';
import type { Notice } from './notice';

const LAST_EXPORT = 'lastExportAt';
/** Days after the last backup before the library page reminds (0: never). */
const BACKUP_REMINDER_DAYS = 'backupReminderDays';
export const DEFAULT_REMINDER_DAYS = 30;

export type ExportKind = 'json' | 'md' | 'bib' | 'ris' | 'csl';

function download(name: string, type: string, content: BlobPart) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Title, authors and more keys of a paper named in a ShortScience export,
 * from the index packaged with the extension; undefined when it has none.
 */
function bundledTitles(): TitleLookup {
  const bundled = bundledIndex();
  return async (keys) => {
    // A failing bundled index is reported in `errors` and only costs the titles.
    const { summaries } = await lookupSummaries({ keys: [...keys] }, [bundled]);
    return hintFromSummaries(summaries);
  };
}

/** What Publish made: the two files offered as downloads, and what is in them. */
export interface Published {
  zipFileName: string;
  jsonlFileName: string;
  papers: number;
  summaries: number;
  /** Chosen summaries left out of the index, each with why. */
  skipped: Unpublished[];
}

/** The whole library for the library page: items, export, import with preview, edits. */
export function useLibrary() {
  const [items, setItems] = useState<LibraryItem[] | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [lastExport, setLastExport] = useState<string | undefined>();
  const [reminderDays, setReminderDays] = useState(DEFAULT_REMINDER_DAYS);
  /** Sync's status while connected; null while sync is off (the page then offers backups). */
  const [sync, setSync] = useState<SyncStatus | null>(null);

  const reload = async () => {
    try {
      const db = await library();
      setItems(await allItems(db));
      setLastExport(await getMeta<string>(db, LAST_EXPORT));
      setReminderDays((await getMeta<number>(db, BACKUP_REMINDER_DAYS)) ?? DEFAULT_REMINDER_DAYS);
    } catch (e) {
      setNotice({ text: errorMessage(e), error: true });
    }
  };
  useEffect(() => {
    const showSync = async () => setSync((await loadConfig()) ? await loadStatus() : null);
    void showSync();
    const onStorage = (_: unknown, area: string) => area === 'local' && void showSync();
    browser.storage.onChanged.addListener(onStorage);
    // Opening the library syncs (nothing happens while sync is off).
    void sendToWorker('sync:now', {}).catch(() => null);
    return () => browser.storage.onChanged.removeListener(onStorage);
  }, []);
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

  /**
   * Runs a change (one of `announcedWrites`, which tells every page), says
   * `done` (worded from the action's result), and has sync send it soon.
   */
  const runChange = async <T>(action: () => Promise<T>, done: string | ((result: T) => string)) => {
    try {
      const result = await action();
      setNotice({ text: typeof done === 'string' ? done : done(result), error: false });
      syncSoon();
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
    /** The preview in one sentence, for a ShortScience export ("41 new summaries, …, 1 invalid: row 12: empty text"). */
    previewDescription: preview?.unit === 'row' ? describeImport(preview) : undefined,
    lastExport,
    reminderDays,
    sync,
    optionsUrl: browser.runtime.getURL('/options.html'),
    syncUrl: browser.runtime.getURL('/options.html#sync'),
    async setReminderDays(days: number) {
      await setMeta(await library(), BACKUP_REMINDER_DAYS, days);
      setReminderDays(days);
    },
    async exportAs(kind: ExportKind) {
      if (!items) return;
      const stamp = new Date().toISOString().slice(0, 10);
      if (kind === 'json')
        download(`sidenotes-library-${stamp}.json`, 'application/json', exportJson(items));
      if (kind === 'md')
        download(`sidenotes-library-${stamp}.md`, 'text/markdown', exportMarkdown(items));
      if (kind === 'bib')
        download(`sidenotes-library-${stamp}.bib`, 'application/x-bibtex', exportBibtex(items));
      if (kind === 'ris')
        download(
          `sidenotes-library-${stamp}.ris`,
          'application/x-research-info-systems',
          exportRis(items),
        );
      if (kind === 'csl')
        download(
          `sidenotes-library-${stamp}.csl.json`,
          'application/vnd.citationstyles.csl+json',
          exportCslJson(items),
        );
      if (kind === 'json') {
        // The date of this browser's last backup: a local fact, nothing for sync to send.
        try {
          const at = new Date().toISOString();
          await setMeta(await library(), LAST_EXPORT, at);
          setLastExport(at);
          setNotice({ text: `Exported ${items.length} items.`, error: false });
        } catch (e) {
          setNotice({ text: errorMessage(e), error: true });
        }
      }
    },
    async chooseImport(file: File | undefined) {
      if (!file) return;
      try {
        const parsed = await parseImportFile(file, { titleFor: bundledTitles() });
        setPreview(await previewImport(await library(), parsed));
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
      const noun = p.unit === 'row' ? 'summaries' : 'items';
      // The import announces its change: the worker then re-reads own summaries for open papers.
      void runChange(
        async () => {
          const added = await announcedWrites.commitImport(await library(), p);
          // Shown at once; the reload that the change announcement brings confirms it.
          setItems((items) => {
            const known = new Set(items?.map((i) => i.id));
            return [...(items ?? []), ...p.fresh.filter((i) => !known.has(i.id))];
          });
          return added;
        },
        (added) => `Imported ${added} ${noun}.`,
      ).catch(() => undefined);
    },
    /**
     * Builds the index of the user's own summaries (all, or one tag's) in
     * the page and offers the zip and the JSONL as downloads; nothing is
     * uploaded. Throws PublishError saying what to change.
     */
    async publish(options: PublishOptions): Promise<Published> {
      const made = await publishIndex(items ?? [], options);
      // zipStore fills a plain ArrayBuffer (never a shared one), as a Blob needs.
      download(made.zipFileName, 'application/zip', made.zip as Uint8Array<ArrayBuffer>);
      download(made.jsonlFileName, 'application/x-ndjson', made.jsonl);
      return {
        zipFileName: made.zipFileName,
        jsonlFileName: made.jsonlFileName,
        papers: made.manifest.counts.papers,
        summaries: made.manifest.counts.summaries,
        skipped: made.skipped,
      };
    },
    save: (item: LibraryItem, change: Parameters<typeof announcedWrites.updateItem>[3]) =>
      runChange(
        async () => announcedWrites.updateItem(await library(), item.id, item.revision, change),
        'Saved.',
      ),
    /** Removes an item; the notice offers Undo (your own writing is never lost to one click). */
    async remove(item: LibraryItem) {
      await runChange(async () => announcedWrites.removeUndoably(await library(), item.id), '');
      // runChange() threw if the removal failed: here it is done, and can be taken back.
      setNotice({
        text: item.kind === 'own' ? 'Your summary was deleted.' : 'Removed from your library.',
        error: false,
        undo: () =>
          void runChange(
            async () => announcedWrites.undoRemove(await library(), item.id),
            'Put back.',
          ).catch(() => undefined),
      });
    },
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
