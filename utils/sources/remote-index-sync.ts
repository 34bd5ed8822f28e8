import type { Manifest } from '@/utils/index-format/format';
import { toBase64 } from '@/utils/core/base64';
import { errorMessage } from '@/utils/core/guards';
import { fileKey } from './remote-index-cache';
import { fetchChecked } from './remote-index-fetch';
import type { IndexContext } from './remote-index-status';
import { checkWholeFits } from './remote-index-usage';

/** Before a download starts: one its budget cannot hold is refused, and the status says why. */
export function refuseIfTooLarge(ctx: IndexContext, manifest: Manifest): void {
  try {
    checkWholeFits(manifest, ctx.options.cacheBudgetBytes);
  } catch (error) {
    ctx.record({ message: errorMessage(error) });
    throw error;
  }
}

/**
 * "Download all for offline use" (./remote-index.ts): every shard not kept
 * yet, then the search file, with progress (the search file counts as one
 * step). `readShard` reads a shard as look-ups do, keeping it.
 */
export async function downloadWhole(
  ctx: IndexContext,
  manifest: Manifest,
  readShard: (file: string) => Promise<unknown>,
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  const shards = Object.values(manifest.shards);
  const total = shards.length + (manifest.search ? 1 : 0);
  let done = 0;
  for (const { file } of shards) {
    await readShard(file);
    onProgress(++done, total);
  }
  if (manifest.search) {
    await keepSearch(ctx, manifest.search);
    onProgress(++done, total);
  }
}

/** The search file, kept as base64 (the cache holds text) unless it is kept already. */
async function keepSearch(
  ctx: IndexContext,
  search: NonNullable<Manifest['search']>,
): Promise<void> {
  const key = fileKey(ctx.base, search.file, search.sha256);
  if (await ctx.cache.get(key)) return;
  const bytes = await fetchChecked(ctx, search.file, search);
  await ctx.cache.put({ key, text: toBase64(bytes), etag: null, fetchedAt: ctx.now() });
}
