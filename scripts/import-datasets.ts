/**
 * Copies the data the extension ships from ../shared/data into data/bundled,
 * as builder input (JSONL of {paper, summary}) with each dataset's licence.
 * Run once when a dataset changes: `npx tsx scripts/import-datasets.ts [shared-data-dir]`.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const shared = resolve(process.argv[2] ?? '../shared/data');
const out = resolve('data/bundled');
mkdirSync(join(out, 'licences'), { recursive: true });

const lines = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

// 1. ShortScience seed: already builder input, copied unchanged.
copyFileSync(join(shared, 'seed/shortscience-seed.jsonl'), join(out, 'shortscience-seed.jsonl'));

// 2. SciTLDR: the first target is the authors' TL;DR, the rest derive from peer reviews.
const scitldrSource = {
  id: 'scitldr',
  name: 'SciTLDR',
  url: 'https://github.com/allenai/scitldr',
  licence: 'Apache-2.0',
  kind: 'human',
};
const scitldr: unknown[] = [];
for (const split of ['train', 'dev', 'test']) {
  for (const line of readFileSync(join(shared, `scitldr/${split}.jsonl`), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { paper_id: string; title: string; target: string[] };
    const url = `https://openreview.net/forum?id=${row.paper_id}`;
    row.target.forEach((tldr, i) => {
      scitldr.push({
        paper: { openreviewId: row.paper_id, title: row.title, url },
        summary: {
          id: `scitldr:${row.paper_id}:${i}`,
          body: tldr,
          format: 'text',
          label: i === 0 ? 'TL;DR by the authors' : 'TL;DR written from the peer reviews',
          author: i === 0 ? "the paper's authors" : 'SciTLDR annotators',
          link: url,
          source: scitldrSource,
        },
      });
    });
  }
}
writeFileSync(join(out, 'scitldr.jsonl'), lines(scitldr));
copyFileSync(join(shared, 'scitldr/LICENSE'), join(out, 'licences/scitldr-LICENSE'));
copyFileSync(join(shared, 'scitldr/SOURCE.txt'), join(out, 'licences/scitldr-SOURCE.txt'));

// 3. ScisummNet: line 1 is the title, the rest the summary, one sentence a line.
const scisummSource = {
  id: 'scisummnet',
  name: 'ScisummNet',
  url: 'https://cs.stanford.edu/~myasu/projects/scisumm_net/',
  licence: 'CC BY 4.0',
  kind: 'human',
};
const scisumm: unknown[] = [];
const dir = join(shared, 'scisummnet/summaries');
for (const file of readdirSync(dir).sort()) {
  const aclId = file.replace(/\.scisummnet_human\.txt$/, '');
  const [title = '', ...sentences] = readFileSync(join(dir, file), 'utf8').split(/\r?\n/);
  const body = sentences
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
  if (!title.trim() || !body) continue;
  scisumm.push({
    paper: { aclId, title: title.trim(), url: `https://aclanthology.org/${aclId}/` },
    summary: {
      id: `scisummnet:${aclId}`,
      body,
      format: 'text',
      label: 'Abstract and citation-based summary',
      author: 'ScisummNet annotators',
      link: `https://aclanthology.org/${aclId}/`,
      source: scisummSource,
    },
  });
}
writeFileSync(join(out, 'scisummnet.jsonl'), lines(scisumm));
copyFileSync(join(shared, 'scisummnet/LICENCE'), join(out, 'licences/scisummnet-LICENCE'));
copyFileSync(join(shared, 'scisummnet/SOURCE.txt'), join(out, 'licences/scisummnet-SOURCE.txt'));

console.log(
  `data/bundled: seed, ${scitldr.length} SciTLDR, ${scisumm.length} ScisummNet summaries`,
);
