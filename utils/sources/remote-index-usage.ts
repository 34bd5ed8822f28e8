import type { Manifest } from '@/utils/index-format/format';
import { IndexFormatError } from '@/utils/index-format/validate';
import type { RemoteCache } from '@/utils/db/remote-cache';
import type { RemoteStatus } from './remote-index-status';

/** What a remote index's kept files take, against the budget of its cache. */

const megabytes = (bytes: number) => `${Math.ceil(bytes / 1024 / 1024)} MB`;

/** What the index's kept files take, against its budget; no request. */
export async function cacheUsage(
  cache: RemoteCache,
  budgetBytes: number | undefined,
): Promise<Pick<RemoteStatus, 'cachedBytes' | 'cacheBudgetBytes'>> {
  const cachedBytes = await cache.usage?.().catch(() => undefined);
  return {
    ...(cachedBytes !== undefined ? { cachedBytes } : {}),
    ...(budgetBytes ? { cacheBudgetBytes: budgetBytes } : {}),
  };
}

/**
 * Refuses to download a whole index its budget cannot hold (it would evict
 * itself as it went); its papers are still looked up one by one.
 */
export function checkWholeFits(manifest: Manifest, budgetBytes: number | undefined): void {
  if (budgetBytes === undefined) return;
  // As kept: shards as text, the search file as base64 (4 characters per 3 bytes).
  const kept =
    Object.values(manifest.shards).reduce((n, s) => n + s.bytes, 0) +
    Math.ceil(((manifest.search?.bytes ?? 0) * 4) / 3);
  if (kept > budgetBytes)
    throw new IndexFormatError(
      `This index takes ${megabytes(kept)} in all; Sidenotes keeps at most ${megabytes(budgetBytes)} of one index in this browser, so it cannot be downloaded whole. Its papers are still looked up as you open them.`,
    );
}
