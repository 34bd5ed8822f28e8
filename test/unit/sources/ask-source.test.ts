// @vitest-environment node
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RemoteCache } from '@/utils/db/remote-cache';
import { askLiveSource, type BackoffStore } from '@/utils/sources/ask-source';
import { openReview } from '@/utils/sources/openreview';
import { semanticScholar } from '@/utils/sources/semantic-scholar';
import type { LiveSource } from '@/utils/sources/types';
import { readFixture } from '../../helpers/fixtures';

/**
 * Live sources asked through a real HTTP server on 127.0.0.1 that plays
 * each failure: the source modules are the real ones, pointed at it.
 */
let server: Server;
let base = '';
/** What the server does next, per path. */
const behaviour = new Map<string, (res: import('node:http').ServerResponse) => void>();
const hits: string[] = [];
const recorded = readFixture('api-responses/Paper.trimmed.json');

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const act = behaviour.get(req.url ?? '');
    if (act) return act(res);
    res.writeHead(404).end('{"error":"not found"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server?.close());

let cacheFiles: Map<string, { key: string; text: string; etag: string | null; fetchedAt: number }>;
let cache: RemoteCache;
let backoffs: Map<string, number>;
let backoff: BackoffStore;
let now: number;
beforeEach(() => {
  behaviour.clear();
  hits.length = 0;
  cacheFiles = new Map();
  cache = { get: async (k) => cacheFiles.get(k), put: async (f) => void cacheFiles.set(f.key, f) };
  backoffs = new Map();
  backoff = {
    get: async (id) => backoffs.get(id),
    set: async (id, at) => void backoffs.set(id, at),
  };
  now = Date.UTC(2026, 10, 26, 12);
});

const at = (path: string): LiveSource => ({ ...semanticScholar, requestUrls: () => [base + path] });
const ask = (source: LiveSource, extra = {}) =>
  askLiveSource(
    source,
    { keys: ['doi:10.1093/mind/lix.236.433'] },
    {
      cache,
      backoff,
      now: () => now,
      // Long enough for a 3 MB answer on a loaded machine; the slow server never answers.
      timeoutMs: 1500,
      ...extra,
    },
  );
const ok = (body: string) => (res: import('node:http').ServerResponse) =>
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);

describe('asking a live source', () => {
  it('answers, then answers from its cache until the time-to-live has passed', async () => {
    behaviour.set('/s2', ok(recorded));
    const first = await ask(at('/s2'));
    expect(first).toMatchObject({ name: 'Semantic Scholar', note: null, failed: false });
    expect(first.summaries[0]!.source.kind).toBe('machine');
    now += 3600_000;
    expect((await ask(at('/s2'))).summaries).toEqual(first.summaries);
    expect(hits).toEqual(['/s2']);
    now += 4 * 24 * 3600_000;
    await ask(at('/s2'));
    expect(hits).toEqual(['/s2', '/s2']);
  });

  it('asks again on Retry (force) even when the answer is fresh', async () => {
    behaviour.set('/s2', ok(recorded));
    await ask(at('/s2'));
    await ask(at('/s2'), { force: true });
    expect(hits).toHaveLength(2);
  });

  it('remembers "no such paper" (404) like any answer', async () => {
    expect(await ask(at('/unknown'))).toMatchObject({ summaries: [], failed: false, note: null });
    await ask(at('/unknown'));
    expect(hits).toEqual(['/unknown']);
  });

  it('backs off on 429 for as long as Retry-After says, without a request, even on Retry', async () => {
    behaviour.set('/busy', (res) => res.writeHead(429, { 'Retry-After': '120' }).end());
    const answer = await ask(at('/busy'));
    expect(answer.failed).toBe(true);
    expect(answer.note).toMatch(/^Semantic Scholar asked Sidenotes to wait until /);
    expect(backoffs.get('semanticscholar')).toBe(now + 120_000);
    now += 60_000;
    expect((await ask(at('/busy'), { force: true })).failed).toBe(true);
    expect(hits).toEqual(['/busy']);
    now += 61_000;
    behaviour.set('/busy', ok(recorded));
    expect((await ask(at('/busy'))).summaries).toHaveLength(1);
    expect(hits).toHaveLength(2);
  });

  it('shows the last answer with a note when the source fails later (5xx, timeout)', async () => {
    behaviour.set('/s2', ok(recorded));
    await ask(at('/s2'));
    now += 4 * 24 * 3600_000;
    behaviour.set('/s2', (res) => res.writeHead(503).end('down'));
    const down = await ask(at('/s2'));
    expect(down.failed).toBe(false);
    expect(down.summaries).toHaveLength(1);
    expect(down.note).toMatch(/^Semantic Scholar did not answer\. Showing its answer from /);
    behaviour.set('/s2', () => undefined); // never answers
    const slow = await ask(at('/s2'), { force: true });
    expect(slow.summaries).toHaveLength(1);
    expect(slow.note).toMatch(/did not answer/);
  });

  it('says plainly when a source fails with nothing cached: no answer, a retry', async () => {
    behaviour.set('/slow', () => undefined);
    expect(await ask(at('/slow'))).toMatchObject({
      summaries: [],
      failed: true,
      note: 'Semantic Scholar did not answer.',
    });
    behaviour.set('/bad', ok('{"paperId": "x", "tldr": {"text": "cut sh'));
    expect((await ask(at('/bad'))).note).toMatch(/not valid JSON/);
    behaviour.set('/huge', ok(`{"paperId":"x","pad":"${'x'.repeat(3 * 1024 * 1024)}"}`));
    expect((await ask(at('/huge'))).note).toMatch(/larger than/);
    behaviour.set('/away', (res) =>
      res.writeHead(302, { Location: `${base.replace('127.0.0.1', 'localhost')}/s2` }).end(),
    );
    expect((await ask(at('/away'))).note).toMatch(/sent Sidenotes to another site/);
    expect(hits).not.toContain('/s2');
  });

  it('asks the next address when the first knows nothing (OpenReview API v1 for older venues)', async () => {
    behaviour.set('/v2', ok('{"notes": []}'));
    behaviour.set(
      '/v1',
      ok(
        JSON.stringify({
          notes: [
            {
              id: 'OldVenue1',
              forum: 'OldVenue1',
              content: { title: 'Old paper', 'TL;DR': 'Old TL;DR.' },
            },
          ],
        }),
      ),
    );
    const source = { ...openReview, requestUrls: () => [`${base}/v2`, `${base}/v1`] };
    const answer = await askLiveSource(
      source,
      { keys: ['openreview:OldVenue1'] },
      { cache, backoff },
    );
    expect(answer.summaries.map((s) => s.body)).toEqual(['Old TL;DR.']);
    expect(hits).toEqual(['/v2', '/v1']);
  });

  it('caches an OpenReview answer by title per author list: another paper of that title asks again', async () => {
    const note = JSON.stringify({
      notes: [
        {
          id: 'byTitle1',
          forum: 'byTitle1',
          content: {
            title: { value: 'Curriculum Dropout for Graph Networks' },
            authors: { value: ['Marie Curie'] },
            TLDR: { value: 'Dropped edges, on a curriculum.' },
          },
        },
      ],
    });
    behaviour.set('/title', ok(note));
    const source = { ...openReview, requestUrls: () => [`${base}/title`] };
    const page = (authors: string[]) => ({
      keys: ['arxiv:2405.00021'],
      title: 'Curriculum Dropout for Graph Networks',
      authors,
    });
    const options = { cache, backoff, now: () => now };
    expect((await askLiveSource(source, page(['Curie, Marie']), options)).summaries).toHaveLength(
      1,
    );
    // The same authors: from the cache.
    expect((await askLiveSource(source, page(['Curie, M.']), options)).summaries).toHaveLength(1);
    expect(hits).toEqual(['/title']);
    // Other authors, same title: asked, and refused.
    expect((await askLiveSource(source, page(['Doe, Jane']), options)).summaries).toEqual([]);
    expect(hits).toEqual(['/title', '/title']);
  });

  it('asks nothing for a paper the source cannot look up', async () => {
    const answer = await askLiveSource(
      semanticScholar,
      { keys: ['openreview:abc'] },
      {
        cache,
        backoff,
      },
    );
    expect(answer).toMatchObject({ summaries: [], failed: false });
    expect(cacheFiles.size).toBe(0);
  });
});

describe('a full disk', () => {
  it('loses the cached copy, not the answer', async () => {
    behaviour.set('/s2', ok(recorded));
    const full: RemoteCache = {
      get: async () => undefined,
      put: async () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    };
    const answer = await ask(at('/s2'), { cache: full });
    expect(answer).toMatchObject({ failed: false, note: null });
    expect(answer.summaries).toHaveLength(1);
  });
});
