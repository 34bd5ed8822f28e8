// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NetError } from '@/utils/net/fetch-bounded';
import { folderUrl, parseListing, WebDav } from '@/utils/net/webdav';
import { HEADER_FILE, importKey, makeHeader, newSalt } from '@/utils/sync/crypto';
import { checkHeader } from '@/utils/sync/engine';
import { startWebDav, type WebDavServer } from '../../helpers/webdav-server';

describe('the WebDAV folder address', () => {
  it('takes https, or http on this computer, and ends in a slash', () => {
    expect(folderUrl(' https://cloud.example.org/dav/Sidenotes ')).toBe(
      'https://cloud.example.org/dav/Sidenotes/',
    );
    expect(folderUrl('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080/x/');
    expect(() => folderUrl('http://nas.local/dav/')).toThrow('https://');
    expect(() => folderUrl('https://me:pw@cloud.example.org/')).toThrow('own fields');
    expect(() => folderUrl('not a url')).toThrow('not a web address');
  });
});

describe('a PROPFIND listing', () => {
  it('reads any namespace prefix, escaped names and missing properties; skips folders and deeper files', () => {
    const xml = `<?xml version="1.0"?>
<ns0:multistatus xmlns:ns0="DAV:">
 <ns0:response><ns0:href>/remote.php/dav/files/me/Side%20notes/</ns0:href>
  <ns0:propstat><ns0:prop><ns0:resourcetype><ns0:collection/></ns0:resourcetype></ns0:prop></ns0:propstat></ns0:response>
 <ns0:response><ns0:href>https://cloud.example.org/remote.php/dav/files/me/Side%20notes/a1b2c3d4e5f60718.00000001.seg</ns0:href>
  <ns0:propstat><ns0:prop><ns0:resourcetype/><ns0:getcontentlength>1234</ns0:getcontentlength>
  <ns0:getetag>&quot;abc&quot;</ns0:getetag><ns0:getlastmodified>Sun, 06 Dec 2026 12:00:00 GMT</ns0:getlastmodified></ns0:prop></ns0:propstat></ns0:response>
 <ns0:response><ns0:href>/remote.php/dav/files/me/Side%20notes/sidenotes-sync.json</ns0:href>
  <ns0:propstat><ns0:prop><ns0:getcontentlength>300</ns0:getcontentlength></ns0:prop></ns0:propstat>
  <ns0:propstat><ns0:prop><ns0:getetag/></ns0:prop><ns0:status>HTTP/1.1 404 Not Found</ns0:status></ns0:propstat></ns0:response>
 <ns0:response><ns0:href>/remote.php/dav/files/me/Side%20notes/sub/deeper.seg</ns0:href>
  <ns0:propstat><ns0:prop><ns0:getcontentlength>1</ns0:getcontentlength></ns0:prop></ns0:propstat></ns0:response>
</ns0:multistatus>`;
    const files = parseListing(
      xml,
      'https://cloud.example.org/remote.php/dav/files/me/Side%20notes/',
    );
    expect(files).toEqual([
      {
        name: 'a1b2c3d4e5f60718.00000001.seg',
        size: 1234,
        etag: '"abc"',
        modified: 'Sun, 06 Dec 2026 12:00:00 GMT',
      },
      { name: 'sidenotes-sync.json', size: 300, etag: null, modified: null },
    ]);
  });
});

describe('a real server (rclone)', () => {
  let server: WebDavServer;
  beforeAll(async () => {
    server = await startWebDav();
  });
  afterAll(() => server?.close());
  const dav = (password = server.password) =>
    new WebDav({ url: server.url, user: server.user, password }, { timeoutMs: 3000 });

  it('writes, lists, reads and deletes; a wrong password is told as such', async () => {
    await dav().put('f.bin', new Uint8Array([1, 2, 3]));
    expect((await dav().list()).map((f) => [f.name, f.size])).toEqual([['f.bin', 3]]);
    expect([...(await dav().get('f.bin', 10))]).toEqual([1, 2, 3]);
    await expect(dav().get('f.bin', 2)).rejects.toMatchObject({ code: 'too-large' });
    await dav().delete('f.bin');
    await dav().delete('f.bin'); // already gone: fine
    expect(await dav().list()).toEqual([]);
    await expect(dav('wrong').list()).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('a stopped server is "offline", and the header of a folder reset with another passphrase is refused', async () => {
    const key = await importKey(new Uint8Array(32).fill(1));
    const kdf = {
      alg: 'argon2id' as const,
      salt: newSalt(),
      // Never derived here (the key is random): only the header's shape counts.
      memoryKiB: 65_536,
      iterations: 3,
      parallelism: 1,
    };
    await dav().put(
      HEADER_FILE,
      new TextEncoder().encode(JSON.stringify(await makeHeader(key, kdf))),
    );
    const sig = await checkHeader(dav(), key, await dav().list());
    // Unchanged: not read again.
    expect(await checkHeader(dav(), key, await dav().list(), sig)).toBe(sig);
    const other = await importKey(new Uint8Array(32).fill(2));
    await dav().put(
      HEADER_FILE,
      new TextEncoder().encode(JSON.stringify(await makeHeader(other, kdf))),
    );
    await expect(checkHeader(dav(), key, await dav().list(), sig)).rejects.toMatchObject({
      code: 'passphrase',
    });
    await server.stop();
    const error = await dav()
      .list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetError);
    expect((error as NetError).code).toBe('offline');
    await server.start();
  });
});

describe('a server that does not say how large a file is, or refuses to overwrite', () => {
  let server: Server;
  let url = '';
  let sent = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.method === 'PUT') {
        req.resume();
        // As a server that honours If-None-Match: * does when the file exists.
        res.writeHead(req.headers['if-none-match'] === '*' ? 412 : 201).end();
        return;
      }
      // Chunked, without a Content-Length: 64 KB at a time, for as long as it is read.
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const more = () => {
        while (!res.destroyed && sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/f/`;
  });
  afterAll(() => server?.close());
  const dav = () => new WebDav({ url, user: 'u', password: 'p' }, { timeoutMs: 5000 });

  it('stops reading past the limit, holding no more than it', async () => {
    await expect(dav().get('big.seg', 1024 * 1024)).rejects.toMatchObject({ code: 'too-large' });
    // It stopped reading: far less than the 64 MB on offer went out.
    expect(sent).toBeLessThan(16 * 1024 * 1024);
  });

  it('a create-only write reports that the file was there (412) instead of overwriting it', async () => {
    expect(await dav().put('h.json', new Uint8Array(3), { createOnly: true })).toBe(false);
    expect(await dav().put('h.json', new Uint8Array(3))).toBe(true);
  });
});
