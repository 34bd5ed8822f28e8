import type { Manifest } from '@/utils/index-format/format';
import { IndexFormatError, MAX_MANIFEST_BYTES } from '@/utils/index-format/validate';
import type { CachedRemoteFile } from '@/utils/db/stores';
import { errorMessage } from '@/utils/core/guards';
import { NetError } from '@/utils/net/fetch-bounded';
import { fetchIndexFile, fetchVerified } from './remote-files';
import { manifestKey, manifestOf } from './remote-index-cache';
import type { IndexContext } from './remote-index-status';

/**
 * A remote index's requests (./remote-index.ts): the manifest, asked
 * conditionally and checked before it replaces the kept copy, and the files
 * it names, checked against it (./remote-files.ts); each failure recorded.
 */

/**
 * The manifest from the host (or confirmed unchanged, 304), checked, then
 * kept in place of `cached`. A broken or too-new manifest throws
 * IndexFormatError and never replaces the one that worked.
 */
export async function fetchManifest(
  { base, cache, options, now }: IndexContext,
  cached: CachedRemoteFile | undefined,
): Promise<{ text: string; manifest: Manifest }> {
  const answer = await fetchIndexFile(
    base,
    'manifest.json',
    MAX_MANIFEST_BYTES,
    options,
    cached?.etag ? { 'If-None-Match': cached.etag } : {},
  );
  const text = answer.status === 304 && cached ? cached.text : answer.text;
  let manifest: Manifest;
  try {
    manifest = manifestOf(text);
  } catch (error) {
    throw error instanceof IndexFormatError
      ? error
      : new IndexFormatError('The remote index manifest is not valid JSON.');
  }
  await cache.put({
    key: manifestKey(base),
    text,
    etag: answer.etag ?? cached?.etag ?? null,
    fetchedAt: now(),
  });
  return { text, manifest };
}

/** A failure to reach the host, after which the kept copy still serves (and says from when). */
export const hostUnreachable = (error: unknown): error is NetError =>
  error instanceof NetError &&
  ['offline', 'timeout', 'server', 'rate-limited'].includes(error.code);

/** A file the manifest names, fetched and checked (./remote-files.ts); failures are recorded. */
export async function fetchChecked(
  { base, options, record }: IndexContext,
  file: string,
  declared: { sha256: string; bytes: number },
): Promise<Uint8Array> {
  try {
    return await fetchVerified(base, file, declared, options);
  } catch (error) {
    record({ offline: error instanceof NetError, message: errorMessage(error) });
    throw error;
  }
}
