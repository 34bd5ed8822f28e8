// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { toBase64 } from '@/utils/core/base64';
import { openLibraryDb, type LibraryDb } from '@/utils/db/stores';
import { allItems, saveOwnSummary } from '@/utils/library/library';
import { browser } from '@/utils/platform/browser';
import { defaultSettings } from '@/utils/sources/settings';
import { saveSettings } from '@/utils/sources/settings-store';
import { saveRecognise } from '@/utils/sources/recognise';
import { loadConfig, saveConfig } from '@/utils/sync/config';
import { syncService } from '@/utils/sync/service';
import { startWebDav, type WebDavServer } from '../../helpers/webdav-server';
import { connectedTo } from './helpers';
import { freshIndexedDb } from '../library/helpers';

/** The worker's sync service against a real server, in a browser whose storage is in memory. */
let server: WebDavServer;
beforeAll(async () => {
  server = await startWebDav();
});
afterAll(() => server?.close());

let folderN = 0;
/** Host permissions the service gave back. */
let removed: string[];
let db: LibraryDb;
beforeEach(async () => {
  fakeBrowser.reset();
  freshIndexedDb();
  // The folder's origin is granted, as the options page asks from the user's click.
  vi.spyOn(browser.permissions, 'contains').mockResolvedValue(true);
  removed = [];
  vi.spyOn(browser.permissions, 'remove').mockImplementation(async ({ origins = [] }) => {
    removed.push(...origins);
    return true;
  });
  vi.spyOn(browser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Sidenotes',
    version: '1.0.0',
  });
  db = await openLibraryDb({ name: `service-${++folderN}` });
});

const KEY = toBase64(new Uint8Array(32).fill(3));
const KDF = {
  alg: 'argon2id' as const,
  salt: 'c2lkZW5vdGVzLXNhbHQtMQ==',
  memoryKiB: 65_536,
  iterations: 3,
  parallelism: 1,
};

async function connected() {
  const service = syncService({ db: async () => db, onReceived: () => undefined });
  const account = {
    url: `${server.url.replace(/Sidenotes\/$/, '')}s${folderN}/`,
    user: server.user,
    password: server.password,
  };
  const probe = await service.probe(account);
  expect(probe.fresh).toBe(true);
  const status = await service.connect({ account, key: KEY, kdf: KDF, fresh: true });
  expect(status.state).toBe('ok');
  return { service, account };
}

describe('the sync service', () => {
  it('a new device id on every connection, so a reconnected browser sends its whole library', async () => {
    await saveOwnSummary(db, { keys: ['arxiv:2101.00001'], title: 'P', url: '' }, 'mine');
    const { service, account } = await connected();
    const first = (await loadConfig())!.device;
    await service.disconnect();
    await service.connect({ account, key: KEY, kdf: KDF, fresh: false });
    expect((await loadConfig())!.device).not.toBe(first);
  });

  it('a restore asked for while a sync runs is a restore when its turn comes', async () => {
    await saveOwnSummary(
      db,
      { keys: ['arxiv:2101.00002'], title: 'P', url: '' },
      'kept in the folder',
    );
    const { service } = await connected();
    // The library here loses the item without a trace (a profile partly wiped): only a restore brings it back.
    const [item] = await allItems(db);
    await db.delete('items', item!.id);
    const normal = service.run();
    const restore = service.run({ restore: true });
    await normal;
    const status = await restore;
    expect(status.state).toBe('ok');
    expect((await allItems(db)).map((i) => i.summary.body)).toEqual(['kept in the folder']);
  });

  it("gives the folder's host back on disconnecting, unless a remote index or an Always on choice uses it", async () => {
    const folder = 'https://cloud.example.org:8443/remote.php/dav/files/ada/Sidenotes/';
    const config = connectedTo(folder);
    const service = syncService({ db: async () => db, onReceived: () => undefined });
    const disconnected = async () => {
      removed = [];
      await saveConfig(config);
      await service.disconnect();
      return removed.includes('https://cloud.example.org/*');
    };
    expect(await disconnected()).toBe(true);
    await saveSettings({
      ...defaultSettings(),
      remoteIndexes: ['https://cloud.example.org/s/group/'],
    });
    expect(await disconnected()).toBe(false);
    await saveSettings(defaultSettings());
    await saveRecognise({ hosts: ['https://cloud.example.org/*'], everySite: false });
    expect(await disconnected()).toBe(false);
  });
});
