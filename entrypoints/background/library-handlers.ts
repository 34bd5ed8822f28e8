import type { PaperRef } from '@/utils/core/paper-ref';
import { library } from '@/utils/db/open';
import { getDraft, itemsForPaper, saveDraft, savedIds } from '@/utils/library/library';
import { announcedWrites, toggleSaved } from '@/utils/library/writes';
import { ok } from '@/utils/core/result';
import type { Handlers } from '@/utils/messaging/router';
import type { ViewToWorker } from '@/utils/messaging/view-to-worker';

type LibraryMessages =
  | 'library:paper'
  | 'library:toggle-save'
  | 'library:save-own'
  | 'library:remove'
  | 'library:undo-remove'
  | 'library:draft';

/**
 * The library for the in-page sidebar, which as a third-party frame may not
 * open IndexedDB. Routed only from extension pages (the router's view rule).
 * The writes announce their own change (utils/library/writes.ts); a draft
 * is not announced, but sync still hears of it.
 */
export function libraryHandlers(
  /** A write happened: sync soon. */
  changed: () => void = () => undefined,
): Handlers<Pick<ViewToWorker, LibraryMessages>> {
  return {
    async 'library:paper'({ keys, summaryIds }) {
      const db = await library();
      const [items, saved, draft] = await Promise.all([
        itemsForPaper(db, keys),
        savedIds(db, summaryIds, 'saved'),
        getDraft(db, keys[0]!),
      ]);
      return ok({
        saved: [...saved],
        own: items.find((i) => i.kind === 'own') ?? null,
        draft: draft?.body ?? null,
      });
    },

    async 'library:toggle-save'({ summary }) {
      const result = await toggleSaved(await library(), summary);
      if (result.ok) changed();
      return result;
    },

    async 'library:save-own'({ paper, body, draftBase }) {
      const db = await library();
      const item = await announcedWrites.saveOwnSummary(db, paper as PaperRef, body, draftBase);
      changed();
      return ok(item);
    },

    async 'library:remove'({ id }) {
      // Undoable: the sidebar offers Undo, so no click loses your own summary for good.
      await announcedWrites.removeUndoably(await library(), id);
      changed();
      return ok(null);
    },

    async 'library:undo-remove'({ id }) {
      const item = await announcedWrites.undoRemove(await library(), id);
      changed();
      return ok(item);
    },

    async 'library:draft'({ paperKey, body, base }) {
      const stored = await saveDraft(await library(), paperKey, body, base);
      changed();
      return ok({ body: stored });
    },
  };
}
