import { sha256Hex } from '@/utils/index-format/format';
import { IndexFormatError } from '@/utils/index-format/validate';
import {
  fetchBounded,
  NetError,
  type BoundedResponse,
  type BoundedFetchOptions,
} from '@/utils/net/fetch-bounded';

/**
 * Fetching a remote index's files, apart from keeping them (./remote-index.ts):
 * each file by its path under the index's address, never more than a limit,
 * and a file the manifest names checked against what it declares.
 */
export type FileFetchOptions = Pick<BoundedFetchOptions, 'fetch' | 'timeoutMs'>;

/** One file of the index at `base` (which ends in `/`), at most `maxBytes`. */
export function fetchIndexFile(
  base: string,
  path: string,
  maxBytes: number,
  options: FileFetchOptions = {},
  headers: Record<string, string> = {},
): Promise<BoundedResponse> {
  return fetchBounded(new URL(path, base).href, {
    maxBytes,
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
}

/**
 * A file the manifest names, fetched and checked: no more than its declared
 * size is downloaded, a size other than declared is refused before it is
 * hashed, then the SHA-256.
 */
export async function fetchVerified(
  base: string,
  file: string,
  declared: { sha256: string; bytes: number },
  options: FileFetchOptions = {},
): Promise<Uint8Array> {
  const refused = (size: string) =>
    new IndexFormatError(
      `The remote index's ${file} is ${size} than the ${declared.bytes.toLocaleString('en')} bytes its manifest declares; it was not used.`,
    );
  let bytes: Uint8Array;
  try {
    ({ bytes } = await fetchIndexFile(base, file, declared.bytes, options));
  } catch (error) {
    throw error instanceof NetError && error.code === 'too-large' ? refused('larger') : error;
  }
  if (bytes.length !== declared.bytes) throw refused('smaller');
  if ((await sha256Hex(bytes)) !== declared.sha256) {
    throw new IndexFormatError(
      `The remote index's ${file} does not match its checksum; it was changed or cut short, and was not used.`,
    );
  }
  return bytes;
}
