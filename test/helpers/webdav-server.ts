import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real WebDAV server for sync tests: Debian's rclone (`rclone serve
 * webdav`) over a temporary folder on 127.0.0.1. It can be stopped and
 * started again on the same port, as a server that goes away and returns.
 */
export interface WebDavServer {
  /** The sync folder's address (a folder inside the served root). */
  url: string;
  root: string;
  user: string;
  password: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export const RCLONE = process.env.RCLONE_PATH ?? 'rclone';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

export async function startWebDav(folder = 'Sidenotes'): Promise<WebDavServer> {
  const root = mkdtempSync(join(tmpdir(), 'sidenotes-webdav-'));
  const port = await freePort();
  const user = 'reader';
  const password = 'correct horse battery staple';
  let child: ChildProcess | undefined;

  const start = async () => {
    const proc = spawn(
      RCLONE,
      [
        'serve',
        'webdav',
        root,
        '--addr',
        `127.0.0.1:${port}`,
        '--user',
        user,
        '--pass',
        password,
        '--config',
        '/dev/null',
        // Tests change files behind the server's back (a damaged file): list what is on disk.
        '--dir-cache-time',
        '0s',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child = proc;
    let err = '';
    proc.stderr!.on('data', (c: Buffer) => (err += String(c)));
    const exited = new Promise<never>((_, reject) =>
      proc.once('exit', (code) => reject(new Error(`rclone exited (${code}):\n${err}`))),
    );
    exited.catch(() => undefined);
    // Ready when it answers a request (a positive signal, not a sleep).
    const deadline = Date.now() + 15_000;
    for (;;) {
      const answered = await Promise.race([
        fetch(`http://127.0.0.1:${port}/`, { method: 'OPTIONS' }).then(
          () => true,
          () => false,
        ),
        exited,
      ]);
      if (answered) break;
      if (Date.now() > deadline) throw new Error(`rclone did not start:\n${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await gone;
  };

  await start();
  const url = `http://127.0.0.1:${port}/${folder}/`;
  await fetch(url, {
    method: 'MKCOL',
    headers: { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
  });
  return {
    url,
    root,
    user,
    password,
    port,
    stop,
    start,
    async close() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
