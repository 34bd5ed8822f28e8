/**
 * The scale corpus: 74,728 real arXiv cs papers (CC0 metadata) from
 * ../shared/data/corpus. It has no summaries, so each paper's abstract
 * stands in as its summary text (source "arXiv abstract"), which is longer
 * than most summaries: a harder test of index size and speed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { InputRecord } from '../utils/index-format/input';

export const CORPUS_FILE = join(
  process.env.SIDENOTES_SHARED ?? '../shared',
  'data/corpus/arxiv-cs-2025-03_2026-07.jsonl.gz',
);

interface CorpusPaper {
  id: string;
  title: string;
  authors: string[];
  abstract: string;
  listed: string;
}

export function readCorpus(file = CORPUS_FILE): InputRecord[] {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const source = {
    id: 'arxiv-abstract',
    name: 'arXiv abstract',
    url: 'https://arxiv.org',
    licence: 'CC0-1.0',
    kind: 'human' as const,
  };
  return lines
    .filter((l) => l.trim())
    .map((l) => {
      const p = JSON.parse(l) as CorpusPaper;
      return {
        keys: [`arxiv:${p.id}`],
        paper: {
          title: p.title,
          authors: p.authors,
          year: Number(p.listed.slice(0, 4)),
          url: `https://arxiv.org/abs/${p.id}`,
        },
        summary: {
          body: p.abstract,
          format: 'text',
          author: null,
          date: p.listed,
          votes: null,
          link: null,
          source,
        },
      };
    });
}
