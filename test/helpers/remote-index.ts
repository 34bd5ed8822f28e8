import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildIndex } from '@/utils/index-format/build';
import { parseInputLine } from '@/utils/index-format/input';

/** One input line of a reading group's index (the builder's JSONL shape). */
export const readingGroupLine = (arxivId: string, title: string, body: string) =>
  JSON.stringify({
    paper: { arxivId, title },
    summary: {
      body,
      author: 'reading group',
      source: {
        id: 'lab',
        name: 'Our reading group',
        url: 'https://lab.example',
        licence: 'CC BY 4.0',
        kind: 'human',
      },
    },
  });

/** Builds an index of `lines` into `dir`, as `npm run build:index` would for a static host. */
export async function publishIndex(dir: string, lines: string[], name: string): Promise<void> {
  const { files } = await buildIndex(lines.map(parseInputLine), {
    name,
    built: '2026-11-26',
    shardPrefixLength: 1,
  });
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}
