/**
 * Every request Sidenotes makes to a remote source goes through here, so a
 * slow, failing, huge or redirecting server is handled the same way
 * everywhere: a time limit, a size limit, no following redirects off the
 * permitted host, and 429/5xx reported with what to do next.
 */
export type NetErrorCode =
  | 'offline'
  | 'timeout'
  | 'rate-limited'
  | 'server'
  | 'not-found'
  | 'too-large'
  | 'redirected'
  | 'bad-data'
  | 'unauthorized'
  | 'quota'
  | 'exists';

export class NetError extends Error {
  constructor(
    readonly code: NetErrorCode,
    message: string,
    /** For 'rate-limited': when asking again is fine (epoch ms). */
    readonly retryAt?: number,
  ) {
    super(message);
    this.name = 'NetError';
  }
}

export interface BoundedFetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  headers?: Record<string, string>;
  /** Origins the response may come from after redirects (default: the request's). */
  allowedOrigins?: readonly string[];
  fetch?: typeof fetch;
  now?: () => number;
}

export interface BoundedResponse {
  status: number;
  /** The body as UTF-8 text (decoded when read). */
  readonly text: string;
  bytes: Uint8Array;
  etag: string | null;
  url: string;
}

/** `Retry-After` in seconds or as an HTTP date → epoch ms; 60 s when absent or odd. */
export function retryAt(header: string | null, now: number): number {
  const seconds = Number(header);
  if (header && Number.isFinite(seconds) && seconds >= 0)
    return now + Math.min(seconds, 86_400) * 1000;
  const date = header ? Date.parse(header) : NaN;
  return Number.isNaN(date) ? now + 60_000 : Math.max(now, date);
}

/**
 * A stream's bytes, never holding more than `maxBytes`: null (the stream
 * cancelled) as soon as it goes past them, whatever its sender declared.
 */
export async function readCapped(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

async function readBounded(response: Response, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new NetError('too-large', `The answer is larger than ${maxBytes.toLocaleString()} bytes.`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!response.body) return new Uint8Array();
  const bytes = await readCapped(response.body, maxBytes);
  if (!bytes) throw tooLarge();
  return bytes;
}

/** GET with limits. 304 is an answer (conditional requests); other non-2xx are NetErrors. */
export async function fetchBounded(
  url: string,
  options: BoundedFetchOptions = {},
): Promise<BoundedResponse> {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const allowed = options.allowedOrigins ?? [new URL(url).origin];
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 10_000);
  const host = new URL(url).host;
  try {
    let response: Response;
    let at = url;
    // Redirects are followed by hand, and only within the permitted origins:
    // a request to another host is never made.
    for (let hops = 0; ; hops++) {
      try {
        response = await doFetch(at, {
          headers: options.headers ?? {},
          signal: controller.signal,
          redirect: 'manual',
          credentials: 'omit',
        });
      } catch (error) {
        if (controller.signal.aborted)
          throw new NetError('timeout', `${host} did not answer in time.`);
        throw new NetError(
          'offline',
          `${host} could not be reached (${error instanceof Error ? error.message : 'network error'}).`,
        );
      }
      const location = response.headers.get('location');
      const redirect =
        response.type === 'opaqueredirect' ||
        (response.status >= 300 && response.status < 400 && response.status !== 304);
      if (!redirect) break;
      await response.body?.cancel();
      // Browsers hide where an extension's manual redirect goes (opaqueredirect).
      const next = location ? new URL(location, at) : null;
      if (!next || !allowed.includes(next.origin) || hops >= 3) {
        throw new NetError(
          'redirected',
          next && !allowed.includes(next.origin)
            ? `${host} sent Sidenotes to another site (${next.origin}); it was not followed.`
            : `${host} answered with a redirect, which Sidenotes does not follow; use the final address.`,
        );
      }
      at = next.href;
    }
    if (response.status === 429) {
      await response.body?.cancel();
      const at = retryAt(response.headers.get('retry-after'), now());
      throw new NetError('rate-limited', `${host} asks to wait before the next request.`, at);
    }
    if (response.status === 404) {
      await response.body?.cancel();
      throw new NetError('not-found', `${host} has no such record.`);
    }
    if (response.status !== 304 && (response.status < 200 || response.status >= 300)) {
      await response.body?.cancel();
      throw new NetError('server', `${host} answered with an error (${response.status}).`);
    }
    const bytes =
      response.status === 304
        ? new Uint8Array()
        : await readBounded(response, options.maxBytes ?? 5 * 1024 * 1024);
    return {
      status: response.status,
      get text() {
        return new TextDecoder().decode(bytes);
      },
      bytes,
      etag: response.headers.get('etag'),
      url: response.url || url,
    };
  } catch (error) {
    if (error instanceof NetError) throw error;
    if (controller.signal.aborted) throw new NetError('timeout', `${host} did not answer in time.`);
    throw new NetError('offline', `${host} stopped answering midway.`);
  } finally {
    clearTimeout(timer);
  }
}

/** Parses JSON from a source, or says plainly that the source sent something else. */
export function parseJsonFrom(host: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new NetError('bad-data', `${host} sent something that is not valid JSON.`);
  }
}
