/**
 * What crosses a process boundary (content script ↔ worker ↔ extension
 * pages): a success or a failure object, because Errors do not serialize.
 */
export type ErrorCode = 'not-found' | 'offline' | 'quota' | 'bad-data' | 'bad-request' | 'bug';

export type Result<T> =
  { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

export class MessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

/** A response's value, or a MessageError with its code and message. */
export function unwrap<T>(result: unknown): T {
  const r = result as Result<T> | undefined;
  if (!r || typeof r !== 'object' || !('ok' in r)) {
    throw new MessageError('bug', 'The extension did not answer. Reload the page and try again.');
  }
  if (!r.ok) throw new MessageError(r.error.code, r.error.message);
  return r.value;
}
