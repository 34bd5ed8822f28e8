import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsStandIn {
  /** Firefox preferences that send https requests through the stand-in (with acceptInsecureCerts). */
  prefs: Record<string, unknown>;
  /** Every request it answered, as `https://<host><path>`. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A stand-in for https hosts the add-on's background asks (Semantic Scholar…)
 * in Firefox, where the tests cannot route the background's requests as
 * Chromium's can: an https proxy that tunnels `hosts` to a local https server
 * (a self-signed certificate, which the session accepts) answering with
 * `handler`, and refuses every other host, so nothing reaches the real web.
 */
export async function tlsStandIn(
  hosts: readonly string[],
  handler: RequestListener,
): Promise<TlsStandIn> {
  const dir = mkdtempSync(join(tmpdir(), 'sidenotes-tls-'));
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2'],
      ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      ...[
        '-subj',
        `/CN=${hosts[0]}`,
        '-addext',
        `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
      ],
    ],
    { stdio: 'ignore' },
  );
  const requests: string[] = [];
  const https = createHttpsServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (req, res) => {
      requests.push(`https://${req.headers.host}${req.url}`);
      handler(req, res);
    },
  );
  await new Promise<void>((done) => https.listen(0, '127.0.0.1', done));
  const httpsPort = (https.address() as AddressInfo).port;
  const proxy = createHttpServer((_req, res) => res.writeHead(403).end());
  proxy.on('connect', (req, socket) => {
    const host = (req.url ?? '').replace(/:443$/, '');
    if (!hosts.includes(host)) return void socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const tunnel = connect(httpsPort, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      tunnel.pipe(socket).pipe(tunnel);
    });
    tunnel.on('error', () => socket.destroy());
    socket.on('error', () => tunnel.destroy());
  });
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
  return {
    prefs: {
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': (proxy.address() as AddressInfo).port,
      'network.proxy.share_proxy_settings': false,
    },
    requests,
    async close() {
      proxy.closeAllConnections?.();
      https.closeAllConnections();
      await Promise.all([
        new Promise((done) => proxy.close(done)),
        new Promise((done) => https.close(done)),
      ]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
