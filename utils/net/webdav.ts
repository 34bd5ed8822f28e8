import { NetError, readCapped } from './fetch-bounded';

/**
 * A small WebDAV client for one folder on the user's own server (Nextcloud,
 * ownCloud, Fastmail, Koofr, a NAS, `rclone serve webdav`): list, read,
 * write and delete the files directly in it. Every request has a time limit,
 * follows no redirect and reports what went wrong in words for people.
 */
export interface DavAccount {
  /** The folder, with a trailing slash. */
  url: string;
  user: string;
  password: string;
}

export interface DavFile {
  name: string;
  size: number;
  etag: string | null;
  modified: string | null;
}

export interface DavOptions {
  fetch?: typeof fetch;
  /** For a listing or a small file; larger transfers get more time per megabyte. */
  timeoutMs?: number;
}

/** The folder's address as the user may type it: https (http only on this computer), ending in `/`. */
export function folderUrl(typed: string): string {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    throw new NetError('bad-data', 'That is not a web address (it should start with https://).');
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    throw new NetError(
      'bad-data',
      'The folder must be on an https:// address (http:// only for a server on this computer): your password would otherwise cross the network readable.',
    );
  if (url.username || url.password)
    throw new NetError('bad-data', 'Give the user name and password in their own fields.');
  url.hash = '';
  url.search = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

const utf8Base64 = (text: string): string => {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeXml = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(parseInt(e.slice(e[1] === 'x' ? 2 : 1), e[1] === 'x' ? 16 : 10))
      : (ENTITIES[e] ?? whole),
  );

/** The text of the first `<prefix:tag>` in `xml` (any namespace prefix). */
const element = (xml: string, tag: string): string | null => {
  const m = new RegExp(
    `<(?:[\\w.-]+:)?${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w.-]+:)?${tag}\\s*>`,
    'i',
  ).exec(xml);
  return m ? decodeXml(m[1]!.trim()) : null;
};

/**
 * The files directly in a folder, from a PROPFIND multistatus answer.
 * Parsed by hand: a service worker has no DOMParser.
 */
export function parseListing(xml: string, folder: string): DavFile[] {
  const base = new URL(folder).pathname;
  const files: DavFile[] = [];
  const responses = xml.match(/<(?:[\w.-]+:)?response[\s>][\s\S]*?<\/(?:[\w.-]+:)?response\s*>/gi);
  for (const response of responses ?? []) {
    const href = element(response, 'href');
    if (!href) continue;
    let path: string;
    try {
      path = decodeURIComponent(new URL(href, folder).pathname);
    } catch {
      continue;
    }
    if (/<(?:[\w.-]+:)?collection\b/i.test(element(response, 'resourcetype') ?? '')) continue;
    const decodedBase = decodeURIComponent(base);
    if (!path.startsWith(decodedBase)) continue;
    const name = path.slice(decodedBase.length);
    if (!name || name.includes('/')) continue;
    // A propstat with 404 for a property leaves it out; the rest stands.
    const size = Number(element(response, 'getcontentlength') ?? NaN);
    files.push({
      name,
      size: Number.isFinite(size) ? size : -1,
      etag: element(response, 'getetag'),
      modified: element(response, 'getlastmodified'),
    });
  }
  return files;
}

export class WebDav {
  private readonly doFetch: typeof fetch;
  private readonly timeoutMs: number;
  readonly host: string;
  /** The folder's address (ends in `/`). */
  readonly folder: string;
  /** Requests made, for tests and the benchmark. */
  requests = 0;

  constructor(
    private readonly account: DavAccount,
    options: DavOptions = {},
  ) {
    this.doFetch = options.fetch ?? ((...args) => fetch(...args));
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.host = new URL(account.url).host;
    this.folder = account.url;
  }

  private async request(
    method: string,
    name: string,
    init: { body?: Uint8Array | string; headers?: Record<string, string>; bytes?: number } = {},
  ): Promise<Response> {
    const url = new URL(encodeURIComponent(name), this.account.url).href;
    const controller = new AbortController();
    const timeoutMs = this.timeoutMs + Math.ceil((init.bytes ?? 0) / 1_000_000) * 5_000;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    this.requests++;
    let response: Response;
    try {
      response = await this.doFetch(url, {
        method,
        headers: {
          Authorization: `Basic ${utf8Base64(`${this.account.user}:${this.account.password}`)}`,
          ...init.headers,
        },
        body: init.body as BodyInit | undefined,
        signal: controller.signal,
        redirect: 'manual',
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      clearTimeout(timer);
      throw controller.signal.aborted
        ? new NetError('timeout', `${this.host} did not answer in time.`)
        : new NetError('offline', `Can't reach ${this.host}.`);
    }
    // The body is read by the caller under the same timer.
    const done = () => clearTimeout(timer);
    if (response.ok || response.status === 207) {
      (response as Response & { done?: () => void }).done = done;
      return response;
    }
    done();
    await response.body?.cancel().catch(() => undefined);
    throw this.statusError(response.status);
  }

  private statusError(status: number): NetError {
    if (status === 401 || status === 403)
      return new NetError(
        'unauthorized',
        `${this.host} refused the user name or password (or this user may not use the folder).`,
      );
    if (status === 404 || status === 409)
      return new NetError('not-found', `${this.host} has no such folder.`);
    if (status === 507)
      return new NetError(
        'quota',
        `The storage on ${this.host} is full; nothing more can be written.`,
      );
    if (status === 429) return new NetError('rate-limited', `${this.host} asks to wait a while.`);
    if (status === 412) return new NetError('exists', `${this.host} already has that file.`);
    if (status >= 300 && status < 400)
      return new NetError(
        'redirected',
        `${this.host} redirected the request; give the folder's final address.`,
      );
    return new NetError('server', `${this.host} answered with an error (${status}).`);
  }

  /** A response's bytes, never more than `maxBytes` held (a server may omit or understate its length). */
  private async body(response: Response, maxBytes: number): Promise<Uint8Array> {
    const tooLarge = () =>
      new NetError('too-large', `A file on ${this.host} is larger than expected.`);
    try {
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
      if (!response.body) return new Uint8Array(0);
      const bytes = await readCapped(response.body, maxBytes);
      if (!bytes) throw tooLarge();
      return bytes;
    } catch (error) {
      if (error instanceof NetError) throw error;
      throw new NetError('offline', `${this.host} stopped answering midway.`);
    } finally {
      (response as Response & { done?: () => void }).done?.();
    }
  }

  /** The files directly in the folder (one PROPFIND, depth 1). */
  async list(): Promise<DavFile[]> {
    const response = await this.request('PROPFIND', '', {
      headers: { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' },
      body:
        '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop>' +
        '<d:resourcetype/><d:getcontentlength/><d:getetag/><d:getlastmodified/></d:prop></d:propfind>',
    });
    const text = new TextDecoder().decode(await this.body(response, 16 * 1024 * 1024));
    if (response.status !== 207 || !/multistatus/i.test(text))
      throw new NetError(
        'bad-data',
        `${this.host} did not answer as a WebDAV server does. Is this the address of a WebDAV folder?`,
      );
    return parseListing(text, this.account.url);
  }

  async get(name: string, maxBytes: number): Promise<Uint8Array> {
    return this.body(await this.request('GET', name), maxBytes);
  }

  /**
   * Writes a file. `createOnly`: only if no file has that name yet
   * (`If-None-Match: *`); false when one had (412), so two browsers making
   * the same folder at once cannot overwrite each other's header.
   */
  async put(
    name: string,
    bytes: Uint8Array,
    options: { contentType?: string; createOnly?: boolean } = {},
  ): Promise<boolean> {
    let response: Response;
    try {
      response = await this.request('PUT', name, {
        body: bytes,
        bytes: bytes.length,
        headers: {
          'Content-Type': options.contentType ?? 'application/octet-stream',
          ...(options.createOnly ? { 'If-None-Match': '*' } : {}),
        },
      });
    } catch (error) {
      if (options.createOnly && error instanceof NetError && error.code === 'exists') return false;
      throw error;
    }
    await this.body(response, 1024 * 1024);
    return true;
  }

  /** Deletes a file; one already gone is fine. */
  async delete(name: string): Promise<void> {
    try {
      await this.body(await this.request('DELETE', name), 1024 * 1024);
    } catch (error) {
      if (!(error instanceof NetError && error.code === 'not-found')) throw error;
    }
  }

  /** Makes the folder itself (its parent must exist). */
  async makeFolder(): Promise<void> {
    await this.body(await this.request('MKCOL', ''), 1024 * 1024);
  }
}
