import { isObject, isText } from '@/utils/core/guards';
import { fail, ok } from '@/utils/core/result';
import { SCHEMA_LIMITS as L } from '@/utils/core/schema';
import { readSyncAccount, type ConnectRequest } from '@/utils/core/sync';
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
  if (!acc || !kdf || !isText(value.key, L.syncKeyChars) || !/^[A-Za-z0-9+/]{43}=$/.test(value.key))
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

/** Options → Sync and backup, and the pages' "something changed". Extension pages only. */
export function syncHandlers(sync: SyncService): Handlers<Pick<ViewToWorker, SyncMessages>> {
  return {
    async 'sync:changed'() {
      sync.changed();
      return ok(null);
    },

    async 'sync:probe'(payload) {
      const acc = readSyncAccount(isObject(payload) ? payload.account : null);
      if (!acc) return fail('bad-request', 'Malformed request.');
      try {
        return ok(await sync.probe(acc));
      } catch (error) {
        return failure(error, acc.url);
      }
    },

    async 'sync:preview'(payload) {
      const request = connectRequest(payload);
      if (!request) return fail('bad-request', 'Malformed request.');
      try {
        return ok(await sync.preview(request));
      } catch (error) {
        return failure(error, request.account.url);
      }
    },

    async 'sync:connect'(payload) {
      const request = connectRequest(payload);
      if (!request) return fail('bad-request', 'Malformed request.');
      try {
        return ok(await sync.connect(request));
      } catch (error) {
        return failure(error, request.account.url);
      }
    },

    async 'sync:now'(payload) {
      const restore = isObject(payload) && payload.restore === true;
      return ok(await sync.run({ restore }));
    },

    async 'sync:disconnect'() {
      return ok(await sync.disconnect());
    },
  };
}
