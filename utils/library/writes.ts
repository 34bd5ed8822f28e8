import { OWN_SOURCE } from '@/utils/core/library-item';
import { fail, ok, type Result } from '@/utils/core/result';
import type { Summary } from '@/utils/core/summary';
import { announceLibraryChange, requestPersistentStorage } from '@/utils/db/open';
import type { LibraryDb } from '@/utils/db/stores';
import { commitImport } from './import';
import { removeItem, saveOwnSummary, saveSummary, updateItem } from './library';
import { removeUndoably, undoRemove } from './undo';

/**
 * The library's writes that views show (the sidebar's cards, the side
 * panel, the library page, the worker's tab states): each announces its
 * change once written (utils/db/open.ts), so no caller has to remember to.
 * A draft is not announced: only its own editor shows it.
 */
async function announced<T>(write: Promise<T>): Promise<T> {
  const result = await write;
  announceLibraryChange();
  return result;
}

/**
 * Saves a card's summary, or removes its saved copy when it is saved: what
 * the card's button does. Ids come from outside (a remote index can name
 * any): a card may only remove the saved copy of itself, never the user's
 * own summary or an item from another source that happens to share its
 * id, and may not create one of the user's own.
 */
export async function toggleSaved(
  db: LibraryDb,
  summary: Summary,
): Promise<Result<{ saved: boolean }>> {
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
  return ok({ saved: !isSaved });
}

/**
 * The library's writes as the views make them (the worker's library
 * messages, the library page's edits and imports), each announced once done.
 */
export const announcedWrites = {
  saveOwnSummary: (...args: Parameters<typeof saveOwnSummary>) =>
    announced(saveOwnSummary(...args)),
  updateItem: (...args: Parameters<typeof updateItem>) => announced(updateItem(...args)),
  removeUndoably: (...args: Parameters<typeof removeUndoably>) =>
    announced(removeUndoably(...args)),
  undoRemove: (...args: Parameters<typeof undoRemove>) => announced(undoRemove(...args)),
  commitImport: (...args: Parameters<typeof commitImport>) => announced(commitImport(...args)),
};
