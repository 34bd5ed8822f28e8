// @vitest-environment node
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchBounded, NetError, parseJsonFrom, retryAt } from '@/utils/net/fetch-bounded';
import { serveIndex } from '@/scripts/serve-index';

/** A real HTTP server on 127.0.0.1 that misbehaves on purpose, path by path. */
let server: Server;
let base = '';
let other = '';
let otherServer: Server;
let otherHits = 0;
let index: Server;
let indexBase = '';

const listen = (s: Server) =>
  new Promise<string>((r) =>
    s.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)),
  );

beforeAll(async () => {
  otherServer = createServer((_req, res) => {
    otherHits++;
    res.end('{"elsewhere": true}');
  });
  other = (await listen(otherServer)).replace('127.0.0.1', 'localhost');
  server = createServer((req, res) => {
    const path = req.url ?? '';
    if (path === '/ok') return res.end('{"ok": true}');
    if (path === '/slow') return void setTimeout(() => res.end('late'), 2_000);
    if (path === '/error') return res.writeHead(503).end('down');
    if (path === '/missing')
      return res.writeHead(404).end('{"error": "Paper with id 0 not found"}');
    if (path === '/busy') return res.writeHead(429, { 'Retry-After': '30' }).end();
    if (path === '/malformed') return res.end('{"tldr": {"text": "cut sh');
    if (path === '/huge-declared')
      return res.writeHead(200, { 'Content-Length': '99999999' }).end();
    if (path === '/huge-streamed') {
      res.writeHead(200);
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const timer = setInterval(() => {
        if (res.destroyed || sent > 100) return clearInterval(timer);
        res.write(chunk);
        sent++;
      }, 1);
      return;
    }
    if (path === '/redirect-away') return res.writeHead(302, { Location: `${other}/x` }).end();
    if (path === '/redirect-home') return res.writeHead(302, { Location: `${base}/ok` }).end();
    res.writeHead(404).end();
  });
  base = await listen(server);
  const dir = mkdtempSync(join(tmpdir(), 'sidenotes-serve-'));
  writeFileSync(join(dir, 'manifest.json'), '{"format": 1}');
  index = await serveIndex(dir, 0);
  indexBase = `http://127.0.0.1:${(index.address() as AddressInfo).port}`;
});
afterAll(() => {
  server?.close();
  otherServer?.close();
  index?.close();
});

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof NetError) return error;
    throw error;
  }
  throw new Error('expected a NetError');
};

describe('fetchBounded against a real server', () => {
  it('reads an answer', async () => {
    const r = await fetchBounded(`${base}/ok`);
    expect([r.status, r.text]).toEqual([200, '{"ok": true}']);
  });

  it('gives up on a slow server after its time limit', async () => {
    const e = await failure(fetchBounded(`${base}/slow`, { timeoutMs: 200 }));
    expect(e.code).toBe('timeout');
    expect(e.message).toMatch(/did not answer in time/);
  });

  it('reports 5xx, 404 and a closed port plainly', async () => {
    expect((await failure(fetchBounded(`${base}/error`))).code).toBe('server');
    expect((await failure(fetchBounded(`${base}/missing`))).code).toBe('not-found');
    expect(
      (await failure(fetchBounded('http://127.0.0.1:9/nothing', { timeoutMs: 2000 }))).code,
    ).toBe('offline');
  });

  it('backs off on 429 until Retry-After', async () => {
    const e = await failure(fetchBounded(`${base}/busy`, { now: () => 1_000_000 }));
    expect(e.code).toBe('rate-limited');
    expect(e.retryAt).toBe(1_030_000);
  });

  it('refuses huge answers, declared or streamed', async () => {
    expect((await failure(fetchBounded(`${base}/huge-declared`, { maxBytes: 1024 }))).code).toBe(
      'too-large',
    );
    expect(
      (await failure(fetchBounded(`${base}/huge-streamed`, { maxBytes: 256 * 1024 }))).code,
    ).toBe('too-large');
  });

  it('never follows a redirect to another host (no request is made there)', async () => {
    const e = await failure(fetchBounded(`${base}/redirect-away`));
    expect(e.code).toBe('redirected');
    expect(e.message).toMatch(/sent Sidenotes to another site \(http:\/\/localhost:\d+\)/);
    expect(otherHits).toBe(0);
    expect((await fetchBounded(`${base}/redirect-home`)).text).toBe('{"ok": true}');
  });

  it('says malformed JSON is malformed', async () => {
    const { text } = await fetchBounded(`${base}/malformed`);
    expect(() => parseJsonFrom('api.example', text)).toThrow('not valid JSON');
  });
});

describe('Retry-After', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    [null, 60_000],
    ['soon', 60_000],
    ['99999999', 86_400_000],
  ])('%s', (header, wait) => expect(retryAt(header, 5000)).toBe(5000 + wait));
  it('accepts an HTTP date', () =>
    expect(retryAt('Thu, 01 Jan 1970 00:01:00 GMT', 0)).toBe(60_000));
});

describe('serve:index', () => {
  it('serves files with an ETag and answers a conditional request with 304', async () => {
    const first = await fetchBounded(`${indexBase}/manifest.json`);
    expect(first.text).toBe('{"format": 1}');
    expect(first.etag).toMatch(/^"[0-9a-f]{40}"$/);
    const again = await fetchBounded(`${indexBase}/manifest.json`, {
      headers: { 'If-None-Match': first.etag! },
    });
    expect(again.status).toBe(304);
  });

  it('never serves outside its folder', async () => {
    const res = await fetch(`${indexBase}/..%2f..%2fetc%2fpasswd`);
    expect(res.status).toBe(404);
    expect((await failure(fetchBounded(`${indexBase}/nothing.json`))).code).toBe('not-found');
  });
});
