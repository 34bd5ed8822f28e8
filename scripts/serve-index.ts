/**
 * npm run serve:index -- <index-dir> [--port 8787]
 * A static server for an index folder, as any static host or CDN would serve
 * it: ETag and If-None-Match (304), CORS open, `index.html` for a folder's
 * address, no directory listings. For trying a remote index locally; publish
 * the same folder to any static host.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export function serveIndex(dir: string, port = 8787, host = '127.0.0.1'): Promise<Server> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      // A malformed %-escape: refused, never a crash of the server.
      res.writeHead(400).end();
      return;
    }
    // A folder's address shows its page, as static hosts do.
    const path = normalize(pathname.endsWith('/') ? `${pathname}index.html` : pathname).replace(
      /^([/\\])+/,
      '',
    );
    const file = join(root, path);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (!file.startsWith(root + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const body = readFileSync(file);
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((done) => server.listen(port, host, () => done(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, ...rest] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: npm run serve:index -- <index-dir> [--port 8787]');
    process.exit(2);
  }
  const portAt = rest.indexOf('--port');
  const port = portAt >= 0 ? Number(rest[portAt + 1]) : 8787;
  const server = await serveIndex(dir, port);
  const address = server.address();
  console.log(
    `Serving ${resolve(dir)} at http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/ (Ctrl+C to stop)`,
  );
}
