import type { PaperRef } from '@/utils/core/paper-ref';
import { OWN_SOURCE } from '@/utils/core/library-item';
import { announceLibraryChange, library, requestPersistentStorage } from '@/utils/db/open';
import {
  getDraft,
  itemsForPaper,
  removeItem,
  saveDraft,
  saveOwnSummary,
  savedIds,
  saveSummary,
} from '@/utils/library/library';
import { removeUndoably, undoRemove } from '@/utils/library/undo';
import { fail, ok } from '@/utils/core/result';
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
      const db = await library();
      // Ids come from outside (a remote index can name any): a card may only
      // remove the saved copy of itself, never the user's own summary or an
      // item from another source that happens to share its id.
      const stored = await db.get('items', summary.id);
      if (stored && (stored.kind !== 'saved' || stored.summary.source.id !== summary.source.id))
        return fail('bad-request', 'This card names an item of your library that is not it.');
      if (!stored && (summary.source.id === OWN_SOURCE.id || summary.id.startsWith('you:')))
        return fail('bad-request', 'Only you write your own summaries.');
      const isSaved = stored !== undefined;
      if (isSaved) await removeItem(db, summary.id);
      else {
        await saveSummary(db, summary);
        void requestPersistentStorage().catch(() => false);
      }
      announceLibraryChange();
      changed();
      return ok({ saved: !isSaved });
    },

    async 'library:save-own'({ paper, body, draftBase }) {
      const item = await saveOwnSummary(await library(), paper as PaperRef, body, draftBase);
      announceLibraryChange();
      changed();
      return ok(item);
    },

    async 'library:remove'({ id }) {
      // Undoable: the sidebar offers Undo, so no click loses your own summary for good.
      await removeUndoably(await library(), id);
      announceLibraryChange();
      changed();
      return ok(null);
    },

    async 'library:undo-remove'({ id }) {
      const item = await undoRemove(await library(), id);
      announceLibraryChange();
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
