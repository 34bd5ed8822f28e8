import { isObject, isText } from '@/utils/core/guards';
import { fail, ok, type Result } from '@/utils/core/result';
import { readSyncAccount, SYNC_LIMITS, type ConnectRequest } from '@/utils/core/sync';
import { NetError } from '@/utils/net/fetch-bounded';
import type { Handlers } from '@/utils/messaging/router';
import type { ViewToWorker } from '@/utils/messaging/view-to-worker';
import { readKdf } from '@/utils/sync/crypto';
import { SyncError } from '@/utils/sync/engine';
import { describeSyncError, type SyncService } from '@/utils/sync/service';

type SyncMessages =
  'sync:changed' | 'sync:probe' | 'sync:preview' | 'sync:connect' | 'sync:now' | 'sync:disconnect';

function connectRequest(value: unknown): ConnectRequest | null {
  if (!isObject(value) || typeof value.fresh !== 'boolean') return null;
  const acc = readSyncAccount(value.account);
  const kdf = readKdf(value.kdf);
  if (
    !acc ||
    !kdf ||
    !isText(value.key, SYNC_LIMITS.keyChars) ||
    !/^[A-Za-z0-9+/]{43}=$/.test(value.key)
  )
    return null;
  return { account: acc, key: value.key, fresh: value.fresh, kdf };
}

/** Failures the user can act on, in their words (a wrong passphrase, an unreachable host…). */
const failure = (error: unknown, url: string) => {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keeps what was typed
  }
  if (error instanceof SyncError || error instanceof NetError)
    return fail(
      error instanceof NetError && error.code === 'bad-data' ? 'bad-request' : 'bad-data',
      error instanceof NetError && error.code === 'bad-data'
        ? error.message
        : describeSyncError(error, host),
    );
  throw error;
};

/**
 * A request this file reads itself (null: malformed), answered by the sync
 * service, or refused in the user's words for the folder at `account.url`.
 */
async function answer<R extends { url: string } | { account: { url: string } }, T>(
  request: R | null,
  run: (request: R) => Promise<T>,
): Promise<Result<T>> {
  if (!request) return fail('bad-request', 'Malformed request.');
  try {
    return ok(await run(request));
  } catch (error) {
    return failure(error, 'account' in request ? request.account.url : request.url);
  }
}

/** Options → Sync and backup, and the pages' "something changed". Extension pages only. */
export function syncHandlers(sync: SyncService): Handlers<Pick<ViewToWorker, SyncMessages>> {
  return {
    async 'sync:changed'() {
      sync.changed();
      return ok(null);
    },

    'sync:probe': (payload) =>
      answer(readSyncAccount(isObject(payload) ? payload.account : null), (account) =>
        sync.probe(account),
      ),

    'sync:preview': (payload) =>
      answer(connectRequest(payload), (request) => sync.preview(request)),

    'sync:connect': (payload) =>
      answer(connectRequest(payload), (request) => sync.connect(request)),

    async 'sync:now'(payload) {
      const restore = isObject(payload) && payload.restore === true;
      return ok(await sync.run({ restore }));
    },

    async 'sync:disconnect'() {
      return ok(await sync.disconnect());
    },
  };
}
