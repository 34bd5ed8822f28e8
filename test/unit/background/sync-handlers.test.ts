// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { syncHandlers } from '@/entrypoints/background/sync-handlers';
import type { ConnectRequest } from '@/utils/core/sync';
import { NetError } from '@/utils/net/fetch-bounded';
import { SyncError } from '@/utils/sync/engine';
import type { SyncService } from '@/utils/sync/service';

/** The worker's sync messages over a service the test plays: what they refuse, and how failures read. */
const ACCOUNT = { url: 'https://dav.example/sidenotes/', user: 'ada', password: 'secret' };
const REQUEST: ConnectRequest = {
  account: ACCOUNT,
  key: `${'A'.repeat(43)}=`,
  fresh: true,
  kdf: {
    alg: 'argon2id',
    salt: 'c2lkZW5vdGVzLXNhbHQtMQ==',
    memoryKiB: 65_536,
    iterations: 3,
    parallelism: 1,
  },
};
const sender = {} as never;

function handlersOver(fails?: unknown) {
  const run = vi.fn(async (_request: unknown) => {
    if (fails) throw fails;
    return { localItems: 1, folderItems: 2, damaged: [] };
  });
  const service = { probe: run, preview: run, connect: run } as unknown as SyncService;
  return { h: syncHandlers(service), run };
}

describe('sync handlers', () => {
  it('hand a well-formed request to the service and answer its result', async () => {
    const { h, run } = handlersOver();
    expect(await h['sync:preview'](REQUEST, sender)).toEqual({
      ok: true,
      value: { localItems: 1, folderItems: 2, damaged: [] },
    });
    expect(run).toHaveBeenCalledWith(REQUEST);
    expect(await h['sync:probe']({ account: ACCOUNT }, sender)).toMatchObject({ ok: true });
    expect(run).toHaveBeenLastCalledWith(ACCOUNT);
  });

  it('refuse a malformed request without asking the service', async () => {
    const { h, run } = handlersOver();
    for (const bad of [
      { ...REQUEST, key: 'short' },
      { ...REQUEST, fresh: 'yes' },
      { ...REQUEST, account: { ...ACCOUNT, password: 3 } },
      { ...REQUEST, kdf: { ...REQUEST.kdf, iterations: 1000 } },
    ]) {
      expect(await h['sync:connect'](bad as never, sender)).toEqual({
        ok: false,
        error: { code: 'bad-request', message: 'Malformed request.' },
      });
    }
    expect(await h['sync:probe']({} as never, sender)).toMatchObject({ ok: false });
    expect(run).not.toHaveBeenCalled();
  });

  it("word a failure for the user, naming the folder's host", async () => {
    const offline = handlersOver(new NetError('offline', 'Network down.')).h;
    expect(await offline['sync:connect'](REQUEST, sender)).toEqual({
      ok: false,
      error: { code: 'bad-data', message: expect.stringContaining("Can't reach dav.example") },
    });
    const typed = handlersOver(new NetError('bad-data', 'Not a WebDAV folder.')).h;
    expect(await typed['sync:probe']({ account: ACCOUNT }, sender)).toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'Not a WebDAV folder.' },
    });
    const wrongKey = handlersOver(new SyncError('passphrase', 'Wrong passphrase.')).h;
    expect(await wrongKey['sync:preview'](REQUEST, sender)).toMatchObject({
      ok: false,
      error: { message: 'Wrong passphrase.' },
    });
  });

  it('let a bug through to the router rather than word it as the folder’s fault', async () => {
    const { h } = handlersOver(new TypeError('x is undefined'));
    await expect(h['sync:connect'](REQUEST, sender)).rejects.toThrow(TypeError);
  });
});
