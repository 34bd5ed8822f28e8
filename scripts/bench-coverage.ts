/**
 * Coverage, measured (issue 11, item 7): how many papers get at least one
 * summary from the bundled index, by id and by title, for the 74,728-paper
 * arXiv corpus and for LongSumm's papers, with and without LongSumm, looked
 * up through the extension's own reader (IndexReader + lookupSummaries) on
 * the files in public/index. Then what each live source would add, said only
 * as far as it can be known offline. Run from scripts/bench.ts, or alone:
 * `npx tsx scripts/bench-coverage.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeTitle, titleKey } from '../utils/detect/title';
import { buildIndex } from '../utils/index-format/build';
import { IndexReader } from '../utils/index-format/reader';
import { lookupSummaries } from '../utils/index-format/lookup';
import { huggingFace } from '../utils/sources/huggingface';
import { openReview } from '../utils/sources/openreview';
import { semanticScholar } from '../utils/sources/semantic-scholar';
import type { LiveSource } from '../utils/sources/types';
import {
  BUNDLED_BUILT,
  BUNDLED_INPUT,
  BUNDLED_OUTPUT,
  bundledInputs,
  readInputs,
} from './build-index';
import { CORPUS_FILE, readCorpus } from './corpus';
import { paperFromUrl, readLongSumm } from './import-datasets';

const LONGSUMM_DIR = join(
  process.env.SIDENOTES_SHARED ?? '../shared',
  'data/longsumm/abstractive_summaries/by_clusters',
);
/** Every LongSumm summary's source id starts so (scripts/import-datasets.ts). */
const isLongSumm = (sourceId: string) => sourceId.startsWith('longsumm-');

/** A paper as its page would present it: id keys, and the title key when the title is known. */
interface PageRef {
  ids: string[];
  title: string | null;
}

interface Counts {
  byId: number;
  byTitle: number;
  either: number;
}

type Index = { name: string; reader: IndexReader };

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '–');
const num = (n: number) => n.toLocaleString('en-US');

/**
 * Papers with at least one summary: by their id keys alone, by their title key
 * alone, and by both as the extension asks on the paper's page (where a
 * same-titled paper with another id of the same kind is refused).
 */
async function coverage(refs: readonly PageRef[], index: Index): Promise<Counts> {
  const counts: Counts = { byId: 0, byTitle: 0, either: 0 };
  const found = async (keys: string[]) =>
    keys.length > 0 && (await lookupSummaries({ keys }, [index])).summaries.length > 0;
  for (const ref of refs) {
    const title = ref.title ? [ref.title] : [];
    if (await found(ref.ids)) counts.byId++;
    if (await found(title)) counts.byTitle++;
    if (await found([...ref.ids, ...title])) counts.either++;
  }
  return counts;
}

/** The committed bundle, read from public/index as the extension reads its packaged files. */
function bundledIndex(): Index {
  const dir = join(process.cwd(), BUNDLED_OUTPUT);
  const reader = new IndexReader(async (path) => readFileSync(join(dir, path), 'utf8'), {
    maxCachedShards: 4096,
  });
  return { name: 'bundled', reader };
}

/** The same builder on the same input without LongSumm's source, kept in memory. */
async function bundleWithoutLongSumm(): Promise<{
  index: Index;
  papers: number;
  summaries: number;
}> {
  const records = readInputs(bundledInputs()).filter((r) => !isLongSumm(r.summary.source.id));
  const { files, manifest } = await buildIndex(records, {
    name: 'Sidenotes bundled index',
    built: BUNDLED_BUILT,
    search: false,
  });
  const reader = new IndexReader(
    async (path) => {
      const text = files.get(path);
      if (typeof text !== 'string') throw new Error(`no ${path}`);
      return text;
    },
    { maxCachedShards: 4096 },
  );
  return {
    index: { name: 'without LongSumm', reader },
    papers: manifest.counts.papers,
    summaries: manifest.counts.summaries,
  };
}

/**
 * LongSumm's papers as their pages would show them: the keys their PDF URL
 * names (arXiv, DOI, ACL, OpenReview, PMLR, NeurIPS), and the title the
 * import found for them (the post's header, a NeurIPS URL, the blog's file
 * name…) as a stand-in for the page's title; none when it found none.
 */
function longsummPapers(): { refs: PageRef[]; summaries: number } {
  const titles = new Map<string, string>();
  const shipped = join(BUNDLED_INPUT, 'longsumm.jsonl');
  for (const line of readFileSync(shipped, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const { paper, summary } = JSON.parse(line) as {
      paper: { title: string };
      summary: { id: string };
    };
    // A paper known only by its id carries the id as its title: that is no title.
    if (!/^(?:arXiv:|DOI |ACL Anthology |OpenReview |PMLR |NeurIPS )/.test(paper.title)) {
      titles.set(summary.id, paper.title);
    }
  }
  const raws = readLongSumm(LONGSUMM_DIR);
  const papers = new Map<string, PageRef>();
  for (const raw of raws) {
    const { keys } = paperFromUrl(raw.pdf_url);
    const title = titles.get(`longsumm:${raw.author_id.toLowerCase()}/${raw.blog_id}`);
    const key = keys[0] ?? (title ? titleKey(title) : null) ?? `url:${raw.pdf_url}`;
    const held = papers.get(key);
    const byTitle = title ? titleKey(title) : null;
    if (held) held.title ??= byTitle;
    else papers.set(key, { ids: keys, title: byTitle });
  }
  return { refs: [...papers.values()], summaries: raws.length };
}

function printCoverage(rows: Array<[string, number, Counts]>) {
  const head = ['papers', 'total', 'by id', 'by title', 'id or title (as on the page)'];
  const cells = rows.map(([label, total, c]) => [
    label,
    num(total),
    `${num(c.byId)} (${pct(c.byId, total)})`,
    `${num(c.byTitle)} (${pct(c.byTitle, total)})`,
    `${num(c.either)} (${pct(c.either, total)})`,
  ]);
  printTable(head, cells);
}

function printTable(head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

/** How many of these papers a live source would be asked about (it has a key to ask by). */
const askable = (source: LiveSource, refs: readonly PageRef[]) =>
  refs.filter((r) => source.requestUrls({ keys: r.ids }).length > 0).length;

export async function benchCoverage(): Promise<void> {
  console.log('\n## Coverage: papers that get at least one summary');
  if (!existsSync(CORPUS_FILE) || !existsSync(LONGSUMM_DIR)) {
    console.log(`needs ${CORPUS_FILE} and ${LONGSUMM_DIR} (set SIDENOTES_SHARED): not measured`);
    return;
  }
  let started = performance.now();
  const corpus = readCorpus().map((r) => ({
    ids: r.keys,
    title: titleKey(r.paper.title),
    normalized: normalizeTitle(r.paper.title),
  }));
  const longsumm = longsummPapers();
  const bundled = bundledIndex();
  const without = await bundleWithoutLongSumm();
  const manifest = JSON.parse(
    readFileSync(join(process.cwd(), BUNDLED_OUTPUT, 'manifest.json'), 'utf8'),
  ) as { counts: { papers: number; summaries: number } };
  console.log(
    `bundled index (public/index): ${num(manifest.counts.papers)} papers, ${num(manifest.counts.summaries)} summaries; ` +
      `without LongSumm (same builder, LongSumm's sources left out): ${num(without.papers)} papers, ${num(without.summaries)} summaries`,
  );
  console.log(
    `corpus: ${num(corpus.length)} arXiv cs papers (2025-03..2026-07), keys as an arXiv abstract page gives them ` +
      `(arXiv id; title key for ${num(corpus.filter((c) => c.title).length)} titles long enough to match)`,
  );
  console.log(
    `LongSumm: ${longsumm.summaries} summaries of ${longsumm.refs.length} papers (by the keys of their PDF URL, else title, else URL); ` +
      `${longsumm.refs.filter((r) => r.ids.length).length} with an id key, ${longsumm.refs.filter((r) => r.title).length} with a title ` +
      `(the post's or URL's, standing in for the page's)`,
  );
  printCoverage([
    ['arXiv corpus, bundle without LongSumm', corpus.length, await coverage(corpus, without.index)],
    ['arXiv corpus, bundle with LongSumm', corpus.length, await coverage(corpus, bundled)],
    [
      'LongSumm papers, bundle without LongSumm',
      longsumm.refs.length,
      await coverage(longsumm.refs, without.index),
    ],
    [
      'LongSumm papers, bundle with LongSumm',
      longsumm.refs.length,
      await coverage(longsumm.refs, bundled),
    ],
  ]);
  console.log(
    `(${((performance.now() - started) / 1000).toFixed(1)} s, ${num(6 * (corpus.length + longsumm.refs.length))} look-ups)`,
  );

  console.log(
    '\n## What each live source would add (offline: only what can be known without asking)',
  );
  started = performance.now();
  const scitldrTitles = new Set<string>();
  for (const line of readFileSync(join(BUNDLED_INPUT, 'scitldr.jsonl'), 'utf8').split('\n')) {
    if (line.trim())
      scitldrTitles.add(
        normalizeTitle((JSON.parse(line) as { paper: { title: string } }).paper.title),
      );
  }
  const inSciTldr = (normalized: string | null | undefined) =>
    Boolean(normalized) && scitldrTitles.has(normalized!);
  const corpusInSciTldr = corpus.filter((c) => inSciTldr(c.normalized)).length;
  const longsummInSciTldr = longsumm.refs.filter((r) =>
    inSciTldr(r.title?.slice('title:'.length)),
  ).length;
  const notMeasured = 'needs network: not measured offline';
  const rows: string[][] = [
    ...[semanticScholar, huggingFace, openReview].map((source) => [
      `${source.info.name} (by id)`,
      source.info.kind,
      `${num(askable(source, corpus))} of ${num(corpus.length)}`,
      `${num(askable(source, longsumm.refs))} of ${num(longsumm.refs.length)}`,
      source === openReview ? `${notMeasured} (an arXiv page has no OpenReview id)` : notMeasured,
    ]),
    [
      'OpenReview (by title, issue 11 item 3)',
      'human',
      `${num(corpus.filter((c) => c.title).length)} of ${num(corpus.length)}`,
      `${num(longsumm.refs.filter((r) => r.title).length)} of ${num(longsumm.refs.length)}`,
      `at least ${num(corpusInSciTldr)} corpus / ${num(longsummInSciTldr)} LongSumm papers: ` +
        'title equal to a SciTLDR (OpenReview) title, which the bundle covers already; the rest ' +
        notMeasured,
    ],
    [
      'ShortScience feed (rss-full.xml)',
      'human',
      'all, once synced',
      'all, once synced',
      `${notMeasured} (the feed is one download)`,
    ],
  ];
  printTable(
    ['live source', 'kind', 'would be asked (corpus)', 'would be asked (LongSumm)', 'would answer'],
    rows,
  );
  console.log(
    'The recorded answers in test/fixtures/api-responses are one Semantic Scholar paper (Turing 1950, by DOI) ' +
      'and one not-found answer: they say how answers look, not how many corpus papers would get one.',
  );
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchCoverage().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
