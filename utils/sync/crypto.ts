import { fromBase64, toBase64 } from '@/utils/core/base64';
import { isObject } from '@/utils/core/guards';
import type { KdfParams } from '@/utils/core/sync';
import { readCapped } from '@/utils/net/fetch-bounded';

export type { KdfParams } from '@/utils/core/sync';

/**
 * End-to-end encryption of the sync folder. Every file the server stores is
 * AES-256-GCM ciphertext of gzip-compressed JSON, bound to its file name
 * (the name is the additional data, so the server cannot pass one file off
 * as another). The key comes from the user's passphrase (Argon2id, in
 * utils/sync/passphrase.ts) and a random salt kept in the folder's header,
 * the one file in plain text: it holds the salt, the KDF's parameters and
 * a small encrypted check value that tells a wrong passphrase before any
 * other file is read or written.
 */
export const HEADER_FILE = 'sidenotes-sync.json';
export const HEADER_FORMAT = 'sidenotes-sync';
export const HEADER_VERSION = 1;

/** RFC 9106's second recommended option: 64 MiB, 3 passes, 1 lane. */
export const KDF_PARAMS = { memoryKiB: 65_536, iterations: 3, parallelism: 1 } as const;

export interface FolderHeader {
  format: typeof HEADER_FORMAT;
  version: number;
  kdf: KdfParams;
  /** The check value: `CHECK_TEXT` sealed under the key as file `HEADER_FILE`. */
  check: string;
}

const MAGIC = new Uint8Array([0x53, 0x4e, 0x53, 0x31]); // "SNS1"
const IV_BYTES = 12;
const CHECK_TEXT = 'sidenotes-sync-check-v1';

export class CorruptFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'CorruptFileError';
  }
}

export function importKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
}

/** The most plain JSON one file may unpack to (a snapshot of a very large library fits). */
export const MAX_PLAIN_BYTES = 512 * 1024 * 1024;

async function pipe(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  maxBytes = Infinity,
) {
  const out = await readCapped(
    new Blob([bytes as BlobPart]).stream().pipeThrough(stream) as ReadableStream<Uint8Array>,
    maxBytes,
  );
  if (!out) throw new RangeError('unpacks to more than a sync file may hold');
  return out;
}

/** The bytes stored as `name`: magic, random IV, AES-GCM of the gzipped plaintext. */
export async function seal(key: CryptoKey, name: string, plain: Uint8Array): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const packed = await pipe(plain, new CompressionStream('gzip'));
  const cipher = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(name) },
      key,
      packed as BufferSource,
    ),
  );
  const out = new Uint8Array(MAGIC.length + IV_BYTES + cipher.length);
  out.set(MAGIC);
  out.set(iv, MAGIC.length);
  out.set(cipher, MAGIC.length + IV_BYTES);
  return out;
}

/** The plaintext of a file, or a CorruptFileError: cut short, changed, or not ours. */
export async function unseal(key: CryptoKey, name: string, bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes.length < MAGIC.length + IV_BYTES + 16 || MAGIC.some((b, i) => bytes[i] !== b))
    throw new CorruptFileError(name, 'not a Sidenotes sync file, or cut short');
  let packed: Uint8Array;
  try {
    packed = new Uint8Array(
      await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: bytes.subarray(MAGIC.length, MAGIC.length + IV_BYTES) as BufferSource,
          additionalData: new TextEncoder().encode(name),
        },
        key,
        bytes.subarray(MAGIC.length + IV_BYTES) as BufferSource,
      ),
    );
  } catch {
    throw new CorruptFileError(name, 'damaged or cut short (its authentication failed)');
  }
  try {
    return await pipe(packed, new DecompressionStream('gzip'), MAX_PLAIN_BYTES);
  } catch (error) {
    throw new CorruptFileError(
      name,
      error instanceof RangeError ? error.message : 'its content could not be unpacked',
    );
  }
}

export async function sealJson(key: CryptoKey, name: string, value: unknown) {
  return sealText(key, name, JSON.stringify(value));
}

/** As sealJson, for JSON already written (a file of records, each stringified once). */
export async function sealText(key: CryptoKey, name: string, json: string) {
  return seal(key, name, new TextEncoder().encode(json));
}

export async function unsealJson(key: CryptoKey, name: string, bytes: Uint8Array) {
  const plain = await unseal(key, name, bytes);
  try {
    return JSON.parse(new TextDecoder().decode(plain)) as unknown;
  } catch {
    throw new CorruptFileError(name, 'its content is not valid JSON');
  }
}

export function newSalt(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(16)));
}

export async function makeHeader(key: CryptoKey, kdf: KdfParams): Promise<FolderHeader> {
  const check = await seal(key, HEADER_FILE, new TextEncoder().encode(CHECK_TEXT));
  return { format: HEADER_FORMAT, version: HEADER_VERSION, kdf, check: toBase64(check) };
}

/** The header of a folder, or why it is not one. */
export function parseHeader(bytes: Uint8Array): FolderHeader {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new CorruptFileError(HEADER_FILE, 'not valid JSON');
  }
  if (!isObject(raw) || raw.format !== HEADER_FORMAT)
    throw new CorruptFileError(HEADER_FILE, 'not a Sidenotes sync folder header');
  if (raw.version !== HEADER_VERSION)
    throw new CorruptFileError(
      HEADER_FILE,
      typeof raw.version === 'number' && raw.version > HEADER_VERSION
        ? 'made by a newer Sidenotes; update Sidenotes to sync with this folder'
        : 'of an unknown version',
    );
  const kdf = readKdf(raw.kdf);
  if (!kdf || typeof raw.check !== 'string' || raw.check.length > 512)
    throw new CorruptFileError(HEADER_FILE, 'its key parameters are missing or out of range');
  return { format: HEADER_FORMAT, version: HEADER_VERSION, kdf, check: raw.check };
}

/** Argon2id parameters from outside (a folder's header, a message), within sane bounds; else null. */
export function readKdf(raw: unknown): KdfParams | null {
  if (
    !isObject(raw) ||
    raw.alg !== 'argon2id' ||
    typeof raw.salt !== 'string' ||
    !/^[A-Za-z0-9+/=]{16,64}$/.test(raw.salt) ||
    // Enough to be memory-hard, never so much that a hostile header stalls the browser.
    !isCount(raw.memoryKiB, 16 * 1024, 256 * 1024) ||
    !isCount(raw.iterations, 1, 10) ||
    !isCount(raw.parallelism, 1, 4)
  )
    return null;
  return {
    alg: 'argon2id',
    salt: raw.salt,
    memoryKiB: raw.memoryKiB as number,
    iterations: raw.iterations as number,
    parallelism: raw.parallelism as number,
  };
}

const isCount = (n: unknown, min: number, max: number) =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

/** Whether `key` is the folder's key (false: a wrong passphrase). */
export async function keyFits(key: CryptoKey, header: FolderHeader): Promise<boolean> {
  try {
    const plain = await unseal(key, HEADER_FILE, fromBase64(header.check));
    return new TextDecoder().decode(plain) === CHECK_TEXT;
  } catch {
    return false;
  }
}
