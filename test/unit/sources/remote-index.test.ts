// @vitest-environment node
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibraryDb } from '@/utils/db/stores';
import { lookupSummaries } from '@/utils/index-format/lookup';
import { shardIdFor } from '@/utils/index-format/format';
import { MAX_SHARDS_PER_LOOKUP } from '@/utils/index-format/reader';
import { validateManifest } from '@/utils/index-format/validate';
import { clearRemoteCache, idbRemoteCache } from '@/utils/db/remote-cache';
import { RemoteIndex, type RemoteStatus } from '@/utils/sources/remote-index';
import { searchEngineOf } from '@/utils/search/engine';
import { serveIndex } from '@/scripts/serve-index';
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
          // The same length: the size is as declared, the checksum is not.
          readFileSync(path, 'utf8').replace(
            'Only the remote index has this.',
            'Tampered, and just as long!!!!!',
          ),
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
    // As long as the real one (a different size is refused before hashing: tested below).
    const size = readFileSync(join(dir, 'search.bin')).length;
    writeFileSync(join(dir, 'search.bin'), Buffer.alloc(size, 0x78));
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

/**
 * Issue 10, finding 6: a remote index made to make Sidenotes download and
 * store without limit, served from 127.0.0.1 like any static host.
 */
describe('a hostile remote index', () => {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');

  /** Writes shards as given and a manifest that declares them (changed by `edit`). */
  function writeRaw(
    shards: Map<string, object | string>,
    prefixLength: number,
    edit: (manifest: Record<string, unknown>) => void = () => undefined,
  ) {
    rmSync(join(dir, 'shards'), { recursive: true, force: true });
    mkdirSync(join(dir, 'shards'), { recursive: true });
    const table: Record<string, object> = {};
    for (const [id, shard] of shards) {
      const text = typeof shard === 'string' ? shard : JSON.stringify(shard);
      writeFileSync(join(dir, `shards/${id}.json`), text);
      table[id] = {
        file: `shards/${id}.json`,
        sha256: sha(text),
        bytes: Buffer.byteLength(text),
        entries: 1,
      };
    }
    const manifest: Record<string, unknown> = {
      format: 1,
      name: 'hostile',
      built: '2026-11-26',
      counts: { papers: shards.size, summaries: shards.size, keys: shards.size },
      shardPrefixLength: prefixLength,
      shards: table,
    };
    edit(manifest);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  }

  const entry = (key: string, body: string) => ({
    keys: [key],
    paper: { title: `Paper ${key}`, authors: [] },
    summaries: [
      {
        id: `hostile:${key}`,
        body,
        format: 'text',
        author: null,
        date: null,
        votes: null,
        link: null,
        source: { id: 'h', name: 'Hostile', url: '', licence: 'x', kind: 'human' },
      },
    ],
  });

  it('stops `see` references into every shard at the bound on shards per look-up', async () => {
    // 200 papers, each in another of 256 shards, all named by the page's key.
    const targets = new Map<string, string>();
    for (let i = 0; targets.size < 200; i++) {
      const key = `arxiv:2101.${10000 + i}`;
      const id = shardIdFor(key, 2);
      if (!targets.has(id) && id !== shardIdFor('arxiv:2007.12223', 2)) targets.set(id, key);
    }
    const shards = new Map<string, object>();
    for (const [id, key] of targets) {
      // Each refers onwards to the others as well: a chain through every shard.
      shards.set(id, {
        format: 1,
        entries: { [key]: { entry: entry(key, `Body ${key}`), see: [...targets.values()] } },
      });
    }
    shards.set(shardIdFor('arxiv:2007.12223', 2), {
      format: 1,
      entries: { 'arxiv:2007.12223': { see: [...targets.values()] } },
    });
    writeRaw(shards, 2);
    const remote = new RemoteIndex(url, idbRemoteCache(await openLibraryDb()), {
      fetch: countingFetch,
    });
    const { summaries, notes } = await lookup(remote);
    const shardRequests = requests.filter((r) => r.includes('/shards/'));
    expect(MAX_SHARDS_PER_LOOKUP).toBe(8); // docs/limits.md
    expect(shardRequests.length).toBeLessThanOrEqual(8);
    expect(summaries.length).toBeLessThan(8);
    expect(notes[0]!.message).toMatch(/more of its parts than Sidenotes reads for one paper \(8\)/);
  });

  it('refuses a shard larger than its manifest declares, before hashing it', async () => {
    const key = 'arxiv:2007.12223';
    const id = shardIdFor(key, 1);
    // The checksum is the real one: only the declared size is a lie.
    writeRaw(
      new Map([
        [id, { format: 1, entries: { [key]: { entry: entry(key, 'x'.repeat(3_000_000)) } } }],
      ]),
      1,
      (m) => {
        (m.shards as Record<string, { bytes: number }>)[id]!.bytes = 2000;
      },
    );
    const db = await openLibraryDb();
    const remote = new RemoteIndex(url, idbRemoteCache(db));
    const { summaries, errors } = await lookup(remote);
    expect(summaries).toEqual([]);
    expect(errors[0]!.message).toMatch(
      /shards\/[0-9a-f]\.json is larger than the 2,000 bytes its manifest declares; it was not used/,
    );
    expect((await db.getAllKeys('remote')).filter((k) => k.includes('shards/'))).toEqual([]);
  });

  it('refuses a shard smaller than declared (cut short), before hashing it', async () => {
    const key = 'arxiv:2007.12223';
    const id = shardIdFor(key, 1);
    writeRaw(
      new Map([[id, { format: 1, entries: { [key]: { entry: entry(key, 'Body') } } }]]),
      1,
      (m) => {
        (m.shards as Record<string, { bytes: number }>)[id]!.bytes += 10;
      },
    );
    const { errors } = await lookup(new RemoteIndex(url, idbRemoteCache(await openLibraryDb())));
    expect(errors[0]!.message).toMatch(/is smaller than the [\d,]+ bytes its manifest declares/);
  });

  it.each([
    [
      'a shard declared over 4 MB',
      (m: Record<string, unknown>) => {
        for (const s of Object.values(m.shards as Record<string, { bytes: number }>))
          s.bytes = 5 * 1024 * 1024;
      },
      /larger than 4 MB/,
    ],
    [
      'a manifest of more than 2 MB',
      (m: Record<string, unknown>) => {
        m.padding = 'x'.repeat(2 * 1024 * 1024);
      },
      /larger than 2,097,152 bytes/,
    ],
    [
      'a shard file name that is not its id',
      (m: Record<string, unknown>) => {
        for (const s of Object.values(m.shards as Record<string, { file: string }>))
          s.file = 'shards/other.json';
      },
      /malformed/,
    ],
  ])('refuses %s', async (_, edit, message) => {
    const key = 'arxiv:2007.12223';
    writeRaw(
      new Map([
        [shardIdFor(key, 1), { format: 1, entries: { [key]: { entry: entry(key, 'B') } } }],
      ]),
      1,
      edit,
    );
    const { errors } = await lookup(new RemoteIndex(url, idbRemoteCache(await openLibraryDb())));
    if (message) expect(errors[0]?.message).toMatch(message);
  });

  it('refuses an index declaring more than 200 MB of files', () => {
    const shards: Record<string, object> = {};
    for (let i = 0; i < 256; i++) {
      const id = i.toString(16).padStart(2, '0');
      shards[id] = {
        file: `shards/${id}.json`,
        sha256: 'a'.repeat(64),
        bytes: 1024 * 1024,
        entries: 1,
      };
    }
    expect(() =>
      validateManifest({
        format: 1,
        name: 'big',
        built: '2026-11-26',
        counts: { papers: 1, summaries: 1, keys: 1 },
        shardPrefixLength: 2,
        shards,
      }),
    ).toThrow(/declares 256 MB of files; Sidenotes reads indexes of at most 200 MB/);
  });

  it('keeps each index’s cache under its byte budget, evicting the oldest first', async () => {
    const db = await openLibraryDb();
    // The manifest (~3 KB) and a few of the 16 shards (~1 KB each).
    const budget = 6000;
    let now = 1_000_000;
    const cache = idbRemoteCache(db, 20_000, `${url}|`, budget);
    const remote = new RemoteIndex(url, cache, {
      now: () => now++,
      cacheBudgetBytes: budget,
      fetch: countingFetch,
    });
    for (let i = 0; i < 50; i += 3) {
      await lookup(remote, `arxiv:2101.${10000 + i}`);
      expect(await cache.usage!()).toBeLessThanOrEqual(budget);
    }
    const kept = await db.getAll('remote');
    expect(kept.reduce((n, f) => n + f.text.length, 0)).toBeLessThanOrEqual(budget);
    expect(kept.length).toBeGreaterThan(1);
    // More was fetched than the budget holds: the oldest went.
    const fetched = requests.filter((r) => r.includes('/shards/')).length;
    expect(fetched).toBeGreaterThan(kept.filter((f) => f.key.includes('|shards/')).length);
    expect(kept.filter((f) => f.key.includes('|shards/')).length).toBeGreaterThan(0);
    // The figure the options page shows.
    expect(remote.status).toMatchObject({
      cachedBytes: await cache.usage!(),
      cacheBudgetBytes: budget,
    });
    // The newest look-up's shard is the one kept.
    expect((await lookup(remote, 'arxiv:2101.10048')).summaries[0]!.body).toBe('Summary 48');
  });

  it('does not start a download for offline use that the budget cannot hold', async () => {
    const remote = new RemoteIndex(
      url,
      idbRemoteCache(await openLibraryDb(), 20_000, `${url}|`, 1000),
      {
        cacheBudgetBytes: 1000,
        fetch: countingFetch,
      },
    );
    await expect(remote.syncAll()).rejects.toThrow(
      /keeps at most 1 MB of one index in this browser, so it cannot be downloaded whole/,
    );
    expect(requests.filter((r) => r.includes('/shards/'))).toEqual([]);
  });
});

describe("a remote index's own words and what it counts for", () => {
  it('loses bidi and format characters in its name before anything shows it', async () => {
    await publishIndex(dir, [line('2007.12223', 'x')], 'Lab \u202eten.live\u202c\u200b notes');
    const remote = new RemoteIndex(url, idbRemoteCache(await openLibraryDb()));
    await lookup(remote);
    expect(remote.status.name).toBe('Lab ten.live notes');
  });

  it('is kept whole only once every shard is downloaded, not after the shards pages opened', async () => {
    const remote = new RemoteIndex(url, idbRemoteCache(await openLibraryDb()));
    expect(await remote.keptWhole()).toBe(false);
    await lookup(remote);
    expect(await remote.keptWhole()).toBe(false);
    await remote.syncAll();
    expect(await remote.keptWhole()).toBe(true);
  });
});
