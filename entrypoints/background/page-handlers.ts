import { fail, ok } from '@/utils/core/result';
import { detectPaper } from '@/utils/detect';
import { MAX_META_CHARS, MAX_META_ENTRIES } from '@/utils/detect/meta';
import type { PaperStates } from '@/utils/lookup/paper-states';
import type { PageToWorker } from '@/utils/messaging/page-to-worker';
import type { Handlers } from '@/utils/messaging/router';
import type { remoteSources } from '@/utils/sources/worker-sources';

const isMeta = (v: unknown): v is Array<[string, string]> =>
  Array.isArray(v) &&
  v.length <= MAX_META_ENTRIES &&
  v.every(
    (e) =>
      Array.isArray(e) &&
      e.length === 2 &&
      typeof e[0] === 'string' &&
      e[0].length <= 100 &&
      typeof e[1] === 'string' &&
      e[1].length <= MAX_META_CHARS,
  );

/** What a paper page may ask: what paper it is. Pages can send anything: all is checked. */
export function pageHandlers(
  papers: PaperStates,
  remote: ReturnType<typeof remoteSources>,
  setBadge: (tabId: number, count: number | null) => Promise<void>,
): Handlers<PageToWorker> {
  return {
    async 'page:visit'(payload, sender) {
      const tabId = sender.tab!.id!;
      const { url, meta, view } = (payload ?? {}) as Record<string, unknown>;
      if (
        typeof url !== 'string' ||
        url.length > 4096 ||
        (meta !== null && !isMeta(meta)) ||
        typeof view !== 'string' ||
        view.length > 64 ||
        // A page speaks for its own address only.
        (sender.url && new URL(sender.url).origin !== safeOrigin(url))
      )
        return fail('bad-request', 'The page sent a malformed visit.');
      const ref = detectPaper(url, meta ?? undefined);
      if (!ref) {
        if (meta) {
          await papers.clear(tabId);
          await setBadge(tabId, null);
        }
        return ok(null);
      }
      const { count, publicCount } = await papers.detected(tabId, ref, view);
      void remote
        .syncFeedIfDue()
        .catch((error: unknown) => console.warn('Sidenotes: ShortScience feed', error));
      return ok({ key: ref.keys[0]!, count, opens: publicCount > 0 });
    },
  };
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
