// @vitest-environment node
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryItem } from '@/utils/core/library-item';
import { openLibraryDb, type LibraryDb } from '@/utils/db/stores';
import { commitImport, previewImport } from '@/utils/library/import';
import {
  allItems,
  getDraft,
  removeItem,
  saveDraft,
  saveOwnSummary,
  saveSummary,
  updateItem,
} from '@/utils/library/library';
import { WebDav } from '@/utils/net/webdav';
import { formatStamp } from '@/utils/sync/clock';
import {
  HEADER_FILE,
  importKey,
  keyFits,
  makeHeader,
  newSalt,
  sealJson,
} from '@/utils/sync/crypto';
import {
  COMPACT_AFTER,
  countFolder,
  readFiles,
  syncDevice,
  type Subscriptions,
} from '@/utils/sync/engine';
import { fileName, folderFiles, newDeviceId } from '@/utils/sync/folder';
import { startWebDav, type WebDavServer } from '../../helpers/webdav-server';
import { freshIndexedDb, generateItems, makeSummary } from '../library/helpers';

let server: WebDavServer;
const RAW_KEY = new Uint8Array(32).fill(7);

beforeAll(async () => {
  server = await startWebDav();
});
afterAll(() => server?.close());

let folderN = 0;
let folder = '';
/** A new folder on the one server, with its header; `folder` names it from then on. */
async function newFolder() {
  folder = `${server.url.replace(/Sidenotes\/$/, '')}t${++folderN}/`;
  const dav = account();
  await dav.makeFolder();
  const header = await makeHeader(await importKey(RAW_KEY), {
    alg: 'argon2id',
    salt: newSalt(),
    // Never derived here (the key is random): only the header's shape counts.
    memoryKiB: 65_536,
    iterations: 3,
    parallelism: 1,
  });
  await dav.put(HEADER_FILE, new TextEncoder().encode(JSON.stringify(header)));
}
beforeEach(async () => {
  freshIndexedDb();
  // Each test its own folder on the one server.
  await newFolder();
});

const account = (fetchImpl?: typeof fetch) =>
  new WebDav(
    { url: folder, user: server.user, password: server.password },
    { fetch: fetchImpl, timeoutMs: 5_000 },
  );

/** One browser profile: its own library database, device id and subscriptions. */
interface Device {
  db: LibraryDb;
  device: string;
  subs: Subscriptions;
  /** The Sidenotes version this profile runs. */
  appVersion: string;
  sync(options?: { fetch?: typeof fetch; restore?: boolean }): ReturnType<typeof syncDevice>;
  items(): Promise<LibraryItem[]>;
}

let deviceN = 0;
async function device(existing?: LibraryDb): Promise<Device> {
  const db = existing ?? (await openLibraryDb({ name: `device-${++deviceN}` }));
  const key = await importKey(RAW_KEY);
  let headerSig: string | undefined;
  const me: Device = {
    db,
    device: newDeviceId(),
    subs: { active: [], pending: [] },
    appVersion: '1.0.0',
    async sync(options = {}) {
      const report = await syncDevice(
        {
          db,
          dav: account(options.fetch),
          key,
          device: me.device,
          headerSig,
          appVersion: me.appVersion,
          subscriptions: {
            read: async () => me.subs,
            write: async (next) => void (me.subs = next),
          },
        },
        { restore: options.restore },
        // As the service does: a new id, kept.
        async () => (me.device = newDeviceId()),
      );
      headerSig = report.headerSig;
      return report;
    },
    items: async () => (await allItems(db)).sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
  return me;
}

/** A copy of a device's whole database, as a backup of the browser profile would hold it. */
async function cloneDb(db: LibraryDb): Promise<LibraryDb> {
  const copy = await openLibraryDb({ name: `copy-${++deviceN}` });
  for (const store of ['items', 'drafts', 'syncRecords', 'syncChanges', 'meta'] as const) {
    const keys = await db.getAllKeys(store);
    const values = await db.getAll(store);
    const tx = copy.transaction(store, 'readwrite');
    // Stores with a key path take the value alone; the others their key too.
    await Promise.all(
      values.map((v, i) =>
        tx.store.keyPath ? tx.store.put(v as never) : tx.store.put(v as never, keys[i] as never),
      ),
    );
    await tx.done;
  }
  return copy;
}

/** What a user sees of an item: everything but the local revision counter. */
const shown = (items: LibraryItem[]) => items.map(({ revision: _r, ...rest }) => rest);

const paper = (n: number) => ({
  keys: [`arxiv:2101.${String(20000 + n)}`],
  title: `Own paper ${n}`,
  url: `https://arxiv.org/abs/2101.${String(20000 + n)}`,
});

async function importItems(db: LibraryDb, items: LibraryItem[]) {
  await commitImport(db, await previewImport(db, { items, invalid: [], unit: 'entry' }));
}

const serverFiles = () => readdirSync(join(server.root, new URL(folder).pathname));
const serverBytes = () =>
  serverFiles().map((name) => readFileSync(join(server.root, new URL(folder).pathname, name)));

describe('sync through a real WebDAV server (rclone)', () => {
  it('a second device gets everything; the folder holds no plaintext; an idle sync is one request', async () => {
    const a = await device();
    const items = generateItems(120, 3);
    await importItems(a.db, items);
    await saveOwnSummary(a.db, paper(1), 'My own words about **sparsity**, zebra-quokka.');
    await saveDraft(a.db, 'arxiv:2101.29999', 'a draft, half written');
    const first = await a.sync();
    expect(first.sent).toBe(122);

    const b = await device();
    const got = await b.sync();
    expect(got.received).toBe(122);
    expect(shown(await b.items())).toEqual(shown(await a.items()));
    expect((await getDraft(b.db, 'arxiv:2101.29999'))?.body).toBe('a draft, half written');

    // Nothing a user wrote is readable on the server.
    const bytes = Buffer.concat(serverBytes());
    for (const needle of [
      'zebra-quokka',
      'Own paper 1',
      items[5]!.summary.paper.title.slice(0, 12),
      items[5]!.summary.body.slice(0, 12),
      'half written',
      'arxiv:2101',
    ])
      expect(bytes.includes(Buffer.from(needle)), needle).toBe(false);

    // Nothing to do: one listing.
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests++;
      return fetch(input, init);
    };
    const idle = await b.sync({ fetch: counting });
    expect(idle).toMatchObject({ received: 0, sent: 0 });
    expect(requests).toBe(1);
  });

  it('edits made apart converge in either order; a delete reaches the other device; both texts of an own summary stay', async () => {
    const a = await device();
    const b = await device();
    const saved = await saveSummary(a.db, makeSummary());
    await saveOwnSummary(a.db, paper(2), 'first text');
    await a.sync();
    await b.sync();
    const removed = await saveSummary(a.db, makeSummary());
    await a.sync();
    await b.sync();
    expect(await b.items()).toHaveLength(3);

    // Apart: both edit the same own summary, tag the same item, one deletes another item.
    await saveOwnSummary(a.db, paper(2), 'text from A');
    // B writes a few milliseconds later: its text is the current one everywhere.
    await new Promise((r) => setTimeout(r, 20));
    await saveOwnSummary(b.db, paper(2), 'text from B, later');
    const onA = (await a.items()).find((i) => i.id === saved.id)!;
    await updateItem(a.db, saved.id, onA.revision, { tags: ['from-a'], note: 'note A' });
    const onB = (await b.items()).find((i) => i.id === saved.id)!;
    await updateItem(b.db, saved.id, onB.revision, { tags: ['from-b'] });
    await removeItem(b.db, removed.id);

    await b.sync();
    await a.sync();
    await b.sync();
    const [ia, ib] = [await a.items(), await b.items()];
    expect(shown(ia)).toEqual(shown(ib));
    expect(ia.map((i) => i.id)).not.toContain(removed.id);
    const own = ia.find((i) => i.kind === 'own')!;
    expect(own.summary.body).toBe('text from B, later');
    expect(own.otherVersions?.map((v) => v.body)).toEqual(['text from A']);
    const tagged = ia.find((i) => i.id === saved.id)!;
    expect(new Set(tagged.tags)).toEqual(new Set(['from-a', 'from-b']));
    expect(tagged.note).toBe('note A');

    // Dismissing the earlier version on B clears it on A too.
    const ownB = (await b.items()).find((i) => i.kind === 'own')!;
    await updateItem(b.db, ownB.id, ownB.revision, { otherVersions: [] });
    await b.sync();
    await a.sync();
    expect((await a.items()).find((i) => i.kind === 'own')!.otherVersions).toBeUndefined();
  });

  it('a sync stopped at any request, then run again, loses nothing and converges', async () => {
    const a = await device();
    const b = await device();
    await importItems(a.db, generateItems(30, 9));
    await a.sync();
    await b.sync();
    // Count one full sync's requests with changes on both sides.
    const work = async (n: number) => {
      await saveOwnSummary(a.db, paper(100 + n), `A's summary ${n}`);
      await saveOwnSummary(b.db, paper(200 + n), `B's summary ${n}`);
    };
    await work(0);
    let total = 0;
    await a.sync({
      fetch: (i, init) => {
        total++;
        return fetch(i, init);
      },
    });
    await b.sync();
    await a.sync();
    expect(total).toBeGreaterThanOrEqual(2);
    for (let stopAt = 1; stopAt <= total; stopAt++) {
      await work(stopAt);
      let n = 0;
      const dying: typeof fetch = (input, init) => {
        if (++n === stopAt) {
          // The request goes out (a PUT may land whole or not at all) but its answer never comes.
          return fetch(input, init).then(() => {
            throw new TypeError('network error');
          });
        }
        if (n > stopAt) throw new TypeError('network error');
        return fetch(input, init);
      };
      await expect(a.sync({ fetch: dying })).rejects.toThrow();
      await a.sync();
      await b.sync();
      await a.sync();
      const [ia, ib] = [await a.items(), await b.items()];
      expect(shown(ia), `stopped at request ${stopAt}`).toEqual(shown(ib));
      for (const k of [0, stopAt])
        for (const who of ["A's", "B's"])
          expect(
            ia.some((i) => i.summary.body === `${who} summary ${k}`),
            `${who} summary ${k}, stopped at ${stopAt}`,
          ).toBe(true);
    }
  });

  it('a damaged file is reported and skipped, never applied, and its writer heals it', async () => {
    const a = await device();
    const b = await device();
    await saveOwnSummary(a.db, paper(3), 'survives the damage');
    await a.sync();
    const [segment] = serverFiles().filter((n) => n.endsWith('.seg'));
    const path = join(server.root, new URL(folder).pathname, segment!);
    const whole = readFileSync(path);
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length / 2)));

    const report = await b.sync();
    expect(report.skipped).toEqual([segment]);
    expect(await b.items()).toEqual([]);
    // Nothing was deleted anywhere because of it.
    expect((await a.items()).map((i) => i.summary.body)).toEqual(['survives the damage']);

    // The writer sees its file changed size and writes a snapshot; the reader recovers.
    const healed = await a.sync();
    expect(healed.compacted).toBe(true);
    const after = await b.sync();
    expect(after.skipped).toEqual([]);
    expect((await b.items()).map((i) => i.summary.body)).toEqual(['survives the damage']);
  });

  it('compacts its own files into a snapshot; a new device reads it and later segments', async () => {
    const a = await device();
    for (let n = 0; n < COMPACT_AFTER + 1; n++) {
      await saveOwnSummary(a.db, paper(300 + n), `note ${n}`);
      await a.sync();
    }
    const files = serverFiles().filter((n) => n !== HEADER_FILE);
    expect(files.filter((n) => n.endsWith('.snap'))).toHaveLength(1);
    expect(files.filter((n) => n.endsWith('.seg')).length).toBeLessThan(COMPACT_AFTER);
    const c = await device();
    await c.sync();
    expect((await c.items()).length).toBe(COMPACT_AFTER + 1);
  });

  it('counts what a folder holds before connecting, and knows a wrong key', async () => {
    const a = await device();
    await importItems(a.db, generateItems(12, 4));
    await a.sync();
    expect(await countFolder(account(), await importKey(RAW_KEY))).toEqual({
      items: 12,
      damaged: [],
    });
    const header = JSON.parse(
      readFileSync(join(server.root, new URL(folder).pathname, HEADER_FILE), 'utf8'),
    );
    expect(await keyFits(await importKey(RAW_KEY), header)).toBe(true);
    expect(await keyFits(await importKey(new Uint8Array(32).fill(8)), header)).toBe(false);
  });

  it('a wiped device that kept its id rebuilds from its own files; restore rewrites the library', async () => {
    const a = await device();
    await importItems(a.db, generateItems(10, 5));
    await a.sync();
    const wiped = await device();
    wiped.device = a.device;
    await wiped.sync();
    expect(shown(await wiped.items())).toEqual(shown(await a.items()));
    await saveOwnSummary(wiped.db, paper(9), 'written after the rebuild');
    await wiped.sync();
    const b = await device();
    await b.sync();
    expect((await b.items()).length).toBe(11);
  });

  it('syncs the list of remote indexes: new ones wait for this browser, removals reach it', async () => {
    const a = await device();
    const b = await device();
    a.subs = { active: ['https://lab.example.org/index/'], pending: [] };
    await a.sync();
    await b.sync();
    expect(b.subs).toEqual({ active: [], pending: ['https://lab.example.org/index/'] });
    b.subs = { active: ['https://lab.example.org/index/'], pending: [] };
    await b.sync();
    a.subs = { active: [], pending: [] };
    await a.sync();
    await b.sync();
    expect(b.subs).toEqual({ active: [], pending: [] });
  });

  it('connecting anew (another folder, or one started anew) sends the whole library, not only changes', async () => {
    const a = await device();
    await importItems(a.db, generateItems(15, 6));
    await saveDraft(a.db, 'arxiv:2101.29998', 'a draft');
    expect((await a.sync()).sent).toBe(16);
    // The user connects this browser to another folder: a new device there (as connect does).
    await newFolder();
    a.device = newDeviceId();
    expect((await a.sync()).sent).toBe(16);
    const b = await device();
    await b.sync();
    expect(shown(await b.items())).toEqual(shown(await a.items()));
    expect((await getDraft(b.db, 'arxiv:2101.29998'))?.body).toBe('a draft');
  });

  it('a device that lost its bookkeeping never writes over its own earlier files', async () => {
    const a = await device();
    await importItems(a.db, generateItems(10, 7));
    await a.sync();
    await saveOwnSummary(a.db, paper(40), 'second file');
    await a.sync();
    const before = new Map(serverFiles().map((n, i) => [n, serverBytes()[i]!.toString('base64')]));
    // Its progress is gone (a profile restored from an old copy); its records stay.
    const firstId = a.device;
    await a.db.delete('meta', 'sync.progress');
    await saveOwnSummary(a.db, paper(41), 'third file');
    // The next sync merges, then dies before its upload; the one after finishes.
    const noPut: typeof fetch = (input, init) =>
      init?.method === 'PUT' ? Promise.reject(new TypeError('network error')) : fetch(input, init);
    await expect(a.sync({ fetch: noPut })).rejects.toThrow();
    await a.sync();
    const after = new Map(serverFiles().map((n, i) => [n, serverBytes()[i]!.toString('base64')]));
    for (const [name, bytes] of before)
      if (name !== HEADER_FILE) expect(after.get(name), `${name} kept as written`).toBe(bytes);
    // It went on as a new device, whose first sync sent everything.
    expect(a.device).not.toBe(firstId);
    const b = await device();
    await b.sync();
    expect((await b.items()).length).toBe(12);
  });

  it('a profile restored from an old copy loses no word written since the copy, here or elsewhere', async () => {
    const a = await device();
    const b = await device();
    const item = await saveSummary(a.db, makeSummary());
    await a.sync();
    const copy = await cloneDb(a.db); // the backup of the profile, made now
    const noted = async (d: Device, note: string) => {
      const now = (await d.items()).find((i) => i.id === item.id)!;
      await updateItem(d.db, item.id, now.revision, { note });
    };
    await noted(a, 'B-word');
    await a.sync();
    await b.sync();
    // The profile is restored from the copy (same device id, older records), and written in.
    const restored: Device = await device(copy);
    restored.device = a.device;
    await noted(restored, 'C-word');
    await restored.sync();
    await b.sync();
    for (const d of [b, restored]) {
      const note = (await d.items()).find((i) => i.id === item.id)!.note;
      expect(note).toContain('B-word');
      expect(note).toContain('C-word');
    }
  });

  it('a record the library refuses is neither applied nor kept, so nothing here undoes or deletes it', async () => {
    const a = await device();
    await importItems(a.db, generateItems(3, 8));
    await a.sync();
    // Another device (a newer Sidenotes, say) wrote an item this one cannot read.
    const [good] = await a.items();
    const s = formatStamp({ wallMs: Date.now(), count: 0 }, 'f0f0f0f0f0f0f0f0');
    const odd = {
      id: 'item:from-the-future',
      clock: { f0f0f0f0f0f0f0f0: 1 },
      fields: { kind: { s, v: 'annotation' }, summary: { s, v: { id: 'from-the-future' } } },
    };
    const name = fileName('f0f0f0f0f0f0f0f0', 1, 'seg');
    await account().put(
      name,
      await sealJson(await importKey(RAW_KEY), name, {
        format: 'sidenotes-sync-records',
        version: 1,
        records: [odd],
      }),
    );
    const b = await device();
    const report = await b.sync();
    expect(report.rejected).toBe(1);
    expect(await b.db.get('syncRecords', odd.id)).toBeUndefined();
    expect((await b.items()).map((i) => i.id)).toContain(good!.id);
    // A large change here compares the whole library: the odd record is not deleted by it.
    await importItems(b.db, generateItems(220, 9));
    await b.sync();
    const { incoming } = await readFiles(
      account(),
      await importKey(RAW_KEY),
      folderFiles(await account().list()).filter((f) => f.device === b.device),
    );
    expect(incoming.has(odd.id)).toBe(false);
    // Kept aside, not lost: the next sync of this version does not offer it again ...
    expect((await b.sync()).rejected).toBe(0);
    // ... an updated Sidenotes does (this one still refuses it, and keeps it aside again).
    b.appVersion = '1.1.0';
    expect((await b.sync()).rejected).toBe(1);
    expect((await b.sync()).rejected).toBe(0);
  });

  it('an own upload cut off midway is found damaged and written again; no device sees it damaged after', async () => {
    const a = await device();
    const b = await device();
    await saveOwnSummary(a.db, paper(500), 'first');
    await a.sync();
    await saveOwnSummary(a.db, paper(501), 'second');
    // The upload lands half written, and its answer never comes.
    const cut: typeof fetch = async (input, init) => {
      if (init?.method === 'PUT' && String(input).endsWith('.seg')) {
        const body = init.body as Uint8Array;
        await fetch(input, { ...init, body: body.subarray(0, body.length >> 1) as BodyInit });
        throw new TypeError('network error');
      }
      return fetch(input, init);
    };
    await expect(a.sync({ fetch: cut })).rejects.toThrow();
    await a.sync();
    await a.sync();
    const report = await b.sync();
    expect(report.skipped).toEqual([]);
    expect((await b.items()).map((i) => i.summary.body).sort()).toEqual(['first', 'second']);
  });

  it("an editor left open keeps another device's draft words that sync brought in meanwhile", async () => {
    const a = await device();
    const b = await device();
    const key = 'arxiv:2101.29997';
    // A's editor opens on no draft and keeps what is typed; B writes a draft of its own.
    let base = await saveDraft(a.db, key, 'A, first words', '');
    await saveDraft(b.db, key, 'B writes apart', '');
    await a.sync();
    await b.sync();
    await a.sync();
    // A's store now holds both; A's editor still shows only its own text and types on.
    expect((await getDraft(a.db, key))?.body).toContain('B writes apart');
    base = await saveDraft(a.db, key, 'A, first words and more', base);
    expect(base).toMatch(/^A, first words and more\n\n/);
    expect(base).toContain('B writes apart');
    // Saving the summary from that editor keeps the draft that held B's words.
    await saveOwnSummary(a.db, paper(9997), 'A, first words and more', 'A, first words');
    expect((await getDraft(a.db, key))?.body).toContain('B writes apart');
    await a.sync();
    await b.sync();
    expect((await getDraft(b.db, key))?.body).toContain('B writes apart');
    expect((await getDraft(b.db, key))?.body).toContain('A, first words and more');
  });
});
