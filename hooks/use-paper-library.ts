import { errorMessage } from '@/utils/core/guards';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PaperRef } from '@/utils/core/paper-ref';
import { onLibraryChange } from '@/utils/db/open';
import type { LibraryItem } from '@/utils/core/library-item';
import { sendToWorker } from '@/utils/messaging/client';
import { guardWrite } from './use-write-confirm';
import type { Summary } from '@/utils/core/summary';

export interface PaperLibrary {
  saved: ReadonlySet<string>;
  own: LibraryItem | undefined;
  draft: string | undefined;
  /** The last failure, in words for the user. */
  error: string | null;
  toggleSave(summary: Summary): Promise<void>;
  /** `draftBase`: the draft as the editor last saw it (a draft changed since is kept). */
  saveOwn(body: string, draftBase?: string): Promise<boolean>;
  deleteOwn(): Promise<void>;
  /** The id of the own summary just deleted, while Undo can bring it back. */
  deleted: string | undefined;
  undoDelete(): Promise<void>;
  /**
   * Keeps the editor's text as the draft, given the draft as the editor last
   * saw it; answers the draft now stored (with another device's words joined
   * in, when sync brought some meanwhile), or null when it could not.
   */
  keepDraft(body: string, base: string): Promise<string | null>;
}

/**
 * The library's view of one paper: which summaries are saved, the user's
 * own, its draft. Through the worker: the in-page sidebar is a third-party
 * frame and may not open IndexedDB itself.
 */
export function usePaperLibrary(
  paper: PaperRef | null,
  summaries: readonly Summary[],
): PaperLibrary {
  const [saved, setSaved] = useState<ReadonlySet<string>>(new Set());
  const [own, setOwn] = useState<LibraryItem | undefined>();
  const [draft, setDraft] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<string | undefined>();
  const paperKey = paper?.keys[0];
  const ids = summaries.map((s) => s.id);
  const idList = ids.join('\n');

  const refresh = useCallback(async () => {
    if (!paper || !paperKey) return;
    try {
      const state = await sendToWorker('library:paper', { keys: paper.keys, summaryIds: ids });
      setSaved(new Set(state.saved));
      setOwn(state.own ?? undefined);
      setDraft(state.draft ?? undefined);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [paperKey, idList]);

  // Undo belongs to the paper it was offered for.
  useEffect(() => setDeleted(undefined), [paperKey]);

  useEffect(() => {
    void refresh();
    return onLibraryChange(() => void refresh());
  }, [refresh]);

  const write = async (action: () => Promise<unknown>): Promise<boolean> => {
    try {
      await action();
      setError(null);
      await refresh();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    }
  };
  /** A write from the user's click, if the frame can be known to be seen or it is confirmed. */
  const confirmedWrite = (label: string, action: () => Promise<unknown>): Promise<boolean> =>
    new Promise((resolve) =>
      guardWrite(
        label,
        () => resolve(write(action)),
        (why) => {
          if (why) setError(why);
          resolve(false);
        },
      ),
    );

  return {
    saved,
    own,
    draft,
    error,
    async toggleSave(summary) {
      await confirmedWrite(
        saved.has(summary.id)
          ? 'Remove this summary from your library?'
          : 'Save this summary to your library?',
        () => sendToWorker('library:toggle-save', { summary }),
      );
    },
    saveOwn(body, draftBase) {
      if (!paper) return Promise.resolve(false);
      const { keys, title, authors, url } = paper;
      return confirmedWrite('Save your summary?', () =>
        sendToWorker('library:save-own', {
          paper: { keys, url, ...(title ? { title } : {}), ...(authors ? { authors } : {}) },
          body,
          ...(draftBase !== undefined ? { draftBase } : {}),
        }),
      );
    },
    async deleteOwn() {
      const id = own?.id;
      if (
        id &&
        (await confirmedWrite('Delete your summary?', () => sendToWorker('library:remove', { id })))
      )
        setDeleted(id);
    },
    deleted,
    async undoDelete() {
      const id = deleted;
      if (
        id &&
        (await confirmedWrite('Bring your summary back?', () =>
          sendToWorker('library:undo-remove', { id }),
        ))
      )
        setDeleted(undefined);
    },
    async keepDraft(body, base) {
      if (!paperKey) return null;
      try {
        return (await sendToWorker('library:draft', { paperKey, body, base })).body;
      } catch (e) {
        setError(errorMessage(e));
        return null;
      }
    },
  };
}
