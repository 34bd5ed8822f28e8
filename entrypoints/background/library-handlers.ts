import type { PaperRef } from '@/utils/core/paper-ref';
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
import { fail, ok } from '@/utils/messaging/protocol';
import { isPaperRef } from '@/utils/messaging/validate';
import { isStrings, isSummary } from '@/utils/messaging/validate-library';
import type { Handlers, Sender } from './index';

type LibraryMessages =
  'library:paper' | 'library:toggle-save' | 'library:save-own' | 'library:remove' | 'library:draft';

/**
 * The library for the in-page sidebar, which as a third-party frame may not
 * open IndexedDB: only extension pages may call these, never a content script.
 */
export function libraryHandlers(
  fromExtensionPage: (sender: Sender) => boolean,
): Handlers<LibraryMessages> {
  return {
    async 'library:paper'(payload, sender) {
      if (!fromExtensionPage(sender)) return fail('bad-request', 'Not from an extension page.');
      const { keys, summaryIds } = (payload ?? {}) as { keys?: unknown; summaryIds?: unknown };
      if (!isStrings(keys, 20) || !keys.length || !isStrings(summaryIds, 500))
        return fail('bad-request', 'Malformed library request.');
      const db = await library();
      const [items, saved, draft] = await Promise.all([
        itemsForPaper(db, keys),
        savedIds(db, summaryIds),
        getDraft(db, keys[0]!),
      ]);
      return ok({
        saved: [...saved],
        own: items.find((i) => i.kind === 'own') ?? null,
        draft: draft?.body ?? null,
      });
    },

    async 'library:toggle-save'(payload, sender) {
      if (!fromExtensionPage(sender)) return fail('bad-request', 'Not from an extension page.');
      const summary = (payload as { summary?: unknown } | null)?.summary;
      if (!isSummary(summary)) return fail('bad-request', 'Malformed summary.');
      const db = await library();
      const isSaved = (await savedIds(db, [summary.id])).has(summary.id);
      if (isSaved) await removeItem(db, summary.id);
      else {
        await saveSummary(db, summary);
        void requestPersistentStorage().catch(() => false);
      }
      announceLibraryChange();
      return ok({ saved: !isSaved });
    },

    async 'library:save-own'(payload, sender) {
      if (!fromExtensionPage(sender)) return fail('bad-request', 'Not from an extension page.');
      const { paper, body } = (payload ?? {}) as { paper?: unknown; body?: unknown };
      if (
        !isPaperRef({ url: '', ...(paper as object) }) ||
        typeof body !== 'string' ||
        body.length > 200_000
      ) {
        return fail('bad-request', 'Malformed summary.');
      }
      const item = await saveOwnSummary(await library(), paper as PaperRef, body);
      announceLibraryChange();
      return ok(item);
    },

    async 'library:remove'(payload, sender) {
      const id = (payload as { id?: unknown } | null)?.id;
      if (!fromExtensionPage(sender) || typeof id !== 'string')
        return fail('bad-request', 'Malformed request.');
      await removeItem(await library(), id);
      announceLibraryChange();
      return ok(null);
    },

    async 'library:draft'(payload, sender) {
      const { paperKey, body } = (payload ?? {}) as { paperKey?: unknown; body?: unknown };
      if (
        !fromExtensionPage(sender) ||
        typeof paperKey !== 'string' ||
        typeof body !== 'string' ||
        body.length > 200_000
      ) {
        return fail('bad-request', 'Malformed request.');
      }
      await saveDraft(await library(), paperKey, body);
      return ok(null);
    },
  };
}
