// @vitest-environment node
import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibraryDb } from '../../../utils/db/schema';
import { lookupSummaries } from '../../../utils/index-format/lookup';
import { clearRemoteCache, idbRemoteCache } from '../../../utils/db/remote-cache';
import { RemoteIndex, type RemoteStatus } from '../../../utils/sources/remote-index';
import { searchEngineOf } from '../../../utils/search/engine';
import { serveIndex } from '../../../scripts/serve-index';
import { publishIndex, readingGroupLine } from '../../helpers/remote-index';

const line = (arxivId: string, body: string) =>
  readingGroupLine(arxivId, `Remote paper ${arxivId}`, body);

let dir: string;
let server: Server | undefined;
let url: string;
const requests: string[] = [];
const countingFetch: typeof fetch = (input, init) => {
  requests.push(String(input));
  return fetch(input, init);
};

const publish = (lines: string[]) => publishIndex(dir, lines, 'lab');

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  requests.length = 0;
  dir = mkdtempSync(join(tmpdir(), 'sidenotes-remote-'));
  await publish([
    line('2007.12223', 'Only the remote index has this.'),
    ...Array.from({ length: 50 }, (_, i) => line(`2101.${10000 + i}`, `Summary ${i}`)),
  ]);
  server = await serveIndex(dir, 0);
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterEach(() => server?.close());

const stop = () => new Promise<void>((r) => (server ? server.close(() => r()) : r()));
const lookup = (remote: RemoteIndex, key = 'arxiv:2007.12223') =>
  lookupSummaries({ keys: [key] }, [{ name: 'Lab index', reader: remote.reader() }]);

describe('a remote index on a static host', () => {
  it('finds a summary only it has, fetching the manifest and one shard', async () => {
    const remote = new RemoteIndex(url, idbRemoteCache(await openLibraryDb()), {
      fetch: countingFetch,
    });
    const { summaries, errors } = await lookup(remote);
    expect(errors).toEqual([]);
    expect(summaries.map((s) => s.body)).toEqual(['Only the remote index has this.']);
    expect(requests.map((r) => r.slice(url.length))).toEqual([
      'manifest.json',
      expect.stringMatching(/^shards\/[0-9a-f]\.json$/),
    ]);
  });

  it('does not fetch again within the manifest age, and revalidates with If-None-Match after it', async () => {
    const db = await openLibraryDb();
    let now = 1_000_000;
    const remote = () =>
      new RemoteIndex(url, idbRemoteCache(db), {
        fetch: countingFetch,
        now: () => now,
        manifestMaxAgeMs: 60_000,
      });
    await lookup(remote());
    requests.length = 0;
    await lookup(remote());
    expect(requests).toEqual([]);
    now += 120_000;
    const again = remote();
    await lookup(again);
    expect(requests.map((r) => r.slice(url.length))).toEqual(['manifest.json']); // 304, shard from cache
    expect(again.status).toMatchObject({ offline: false, lastSync: now });
  });

  it('keeps working from its cache when the host is down, and says so', async () => {
    const db = await openLibraryDb();
    await lookup(new RemoteIndex(url, idbRemoteCache(db)));
    await stop();
    const offline = new RemoteIndex(url, idbRemoteCache(db), {
      manifestMaxAgeMs: 0,
      timeoutMs: 2000,
    });
    const { summaries, errors } = await lookup(offline);
    expect(errors).toEqual([]);
    expect(summaries).toHaveLength(1);
    expect(offline.status.offline).toBe(true);
    expect(offline.status.message).toMatch(/could not be reached.*Showing the copy from/);
  });

  it('refuses a tampered shard, and keeps using the good copy it has', async () => {
    const db = await openLibraryDb();
    await lookup(new RemoteIndex(url, idbRemoteCache(db)));
    for (const file of [
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
    ]) {
      const path = join(dir, `shards/${file}.json`);
      try {
        writeFileSync(
          path,
          readFileSync(path, 'utf8').replace('Only the remote index has this.', 'Tampered!'),
        );
      } catch {
        // not every prefix has a shard
      }
    }
    expect((await lookup(new RemoteIndex(url, idbRemoteCache(db)))).summaries[0]!.body).toBe(
      'Only the remote index has this.',
    );
    const fresh = new RemoteIndex(
      url,
      idbRemoteCache(await openLibraryDb({ name: 'empty-cache' })),
    );
    const { summaries, errors } = await lookup(fresh);
    expect(summaries).toEqual([]);
    expect(errors[0]!.message).toMatch(
      /does not match its checksum; it was changed or cut short, and was not used/,
    );
  });

  it('says plainly when the index needs a newer Sidenotes, and keeps the manifest that worked', async () => {
    const db = await openLibraryDb();
    await lookup(new RemoteIndex(url, idbRemoteCache(db)));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      format: number;
    };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, format: 7 }));
    const newer = new RemoteIndex(url, idbRemoteCache(db), { manifestMaxAgeMs: 0 });
    const { errors } = await lookup(newer);
    expect(errors[0]!.message).toMatch(/uses format 7, newer than this version of Sidenotes/);
    expect(JSON.parse((await db.get('remote', `${url}|manifest.json`))!.text).format).toBe(1);
  });

  it('downloads everything for offline use with progress', async () => {
    const remote = new RemoteIndex(url, idbRemoteCache(await openLibraryDb()));
    const progress: Array<[number, number]> = [];
    await remote.syncAll((done, total) => progress.push([done, total]));
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    expect(progress.length).toBeGreaterThan(3);
    await stop();
    expect((await lookup(remote, 'arxiv:2101.10042')).summaries[0]!.body).toBe('Summary 42');
    // Its search file came too, checked, and searches offline.
    const engine = searchEngineOf((await remote.cachedSearch())!);
    expect(engine.search('remote paper 2101.10042').hits[0]!.doc.key).toBe('arxiv:2101.10042');
  });

  it('refuses a tampered search file and keeps nothing of it', async () => {
    writeFileSync(join(dir, 'search.bin'), 'not the file the manifest names');
    const remote = new RemoteIndex(url, idbRemoteCache(await openLibraryDb()));
    await expect(remote.syncAll()).rejects.toThrow(/search\.bin does not match its checksum/);
    expect(await remote.cachedSearch()).toBeNull();
    expect(remote.status.message).toMatch(/does not match its checksum/);
  });

  it('keeps its cache bounded, evicting the oldest files', async () => {
    const db = await openLibraryDb();
    const cache = idbRemoteCache(db, 3);
    for (let i = 0; i < 6; i++)
      await cache.put({ key: `k${i}`, text: `t${i}`, etag: null, fetchedAt: i });
    expect((await db.getAllKeys('remote')).sort()).toEqual(['k3', 'k4', 'k5']);
  });

  it('bounds each use of the cache on its own: live answers never evict an index’s shards', async () => {
    const db = await openLibraryDb();
    const shards = idbRemoteCache(db, 10, 'https://lab.example/|');
    const live = idbRemoteCache(db, 2, 'live|');
    await shards.put({
      key: 'https://lab.example/|shards/0.json|abc',
      text: 's',
      etag: null,
      fetchedAt: 0,
    });
    for (let i = 1; i <= 5; i++)
      await live.put({ key: `live|s2|${i}`, text: `${i}`, etag: null, fetchedAt: i });
    expect((await db.getAllKeys('remote')).sort()).toEqual([
      'https://lab.example/|shards/0.json|abc',
      'live|s2|4',
      'live|s2|5',
    ]);
    await clearRemoteCache(db, 'https://lab.example/|');
    expect(await db.getAllKeys('remote')).toEqual(['live|s2|4', 'live|s2|5']);
  });

  it('records what it knows for the options page: counts, size, last sync, problems', async () => {
    const statuses: RemoteStatus[] = [];
    const remote = new RemoteIndex(url, idbRemoteCache(await openLibraryDb()), {
      onStatus: (s) => statuses.push(s),
    });
    await lookup(remote);
    expect(statuses.at(-1)).toMatchObject({
      offline: false,
      message: null,
      name: 'lab',
      papers: 51,
      summaries: 51,
    });
    expect(statuses.at(-1)!.bytes).toBeGreaterThan(1000);
    await stop();
    const down = new RemoteIndex(url, idbRemoteCache(await openLibraryDb({ name: 'other' })), {
      onStatus: (s) => statuses.push(s),
    });
    await lookup(down);
    expect(statuses.at(-1)).toMatchObject({
      offline: true,
      message: expect.stringMatching(/could not be reached/),
    });
  });
});
