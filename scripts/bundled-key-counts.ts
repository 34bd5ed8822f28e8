/**
 * tsx scripts/bundled-key-counts.ts <public dir>
 * Prints the bundled index's summary counts per key
 * (utils/index-format/key-counts.ts): the extension build's
 * build:publicAssets hook (wxt.config.ts) adds them beside the index. Run
 * apart because WXT loads its config without the `@/` paths.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyCountsOf } from '@/utils/index-format/key-counts';

const dir = join(process.argv[2] ?? 'public', 'index/shards');
const shards = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map(
    (f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { entries: Record<string, unknown> },
  );
process.stdout.write(JSON.stringify(keyCountsOf(shards)));
