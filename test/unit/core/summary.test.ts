import { describe, expect, it } from 'vitest';
import {
  distinctSummaries,
  sameSummaryText,
  sortSummaries,
  type Summary,
} from '@/utils/core/summary';
import { keyCountsOf } from '@/utils/index-format/key-counts';
import { mergeSummaries } from '@/utils/lookup/merge';

const summary = (id: string, body: string, kind: 'human' | 'machine' = 'human'): Summary => ({
  id,
  paperKeys: ['arxiv:2007.12223'],
  paper: { title: 'T', authors: [] },
  body,
  format: 'markdown',
  author: null,
  date: null,
  votes: null,
  link: null,
  source: { id: `s-${kind}`, name: 'S', url: 'https://s.example', licence: 'CC0', kind },
});

/** Copies that differ only in what the rule folds, and ones it must keep apart. */
const copies = [
  summary('scitldr:1', 'We prune  BERT\nat pre-training.'),
  summary('openreview:1', 'we prune bert at PRE-TRAINING.'),
  summary('lab:1', 'Wé prune BERT at pre-training.'),
  summary('scitldr:1', 'A second text under a known id.'),
  summary('lab:2', 'We prune BERT at fine-tuning.'),
  summary('s2:1', 'We prune BERT at fine-tuning!', 'machine'),
];

describe('the same summary', () => {
  it('is the same id, or the same words however cased, accented or spaced', () => {
    expect(sameSummaryText(' Wé  prune\n\tBERT ')).toBe(sameSummaryText('we prune bert'));
    expect(sameSummaryText('we prune bert.')).not.toBe(sameSummaryText('we prune bert!'));
    expect(distinctSummaries(copies).map((s) => s.id)).toEqual(['scitldr:1', 'lab:2', 's2:1']);
  });

  it('keeps the first-listed copy, in the order given', () => {
    const [scitldr, openreview, , , lab] = copies;
    const kept = distinctSummaries([openreview!, lab!, scitldr!]);
    expect(kept.map((s) => s.id)).toEqual(['openreview:1', 'lab:2']);
  });

  it('is what both the sidebar shows and a listing badge counts', () => {
    const shown = mergeSummaries(copies.slice(0, 3), copies.slice(3));
    const counts = keyCountsOf([
      {
        entries: {
          'arxiv:2007.12223': {
            entry: {
              keys: ['arxiv:2007.12223'],
              paper: { title: 'T', authors: [] },
              summaries: copies,
            },
          },
        },
      },
    ]);
    const [human, machine] = counts['arxiv:2007.12223'] ?? [0, 0];
    expect([human, machine]).toEqual([
      shown.filter((s) => s.source.kind === 'human').length,
      shown.filter((s) => s.source.kind === 'machine').length,
    ]);
    expect(human + machine).toBe(3);
  });
});

/** A summary of a given kind, votes and date: what sortSummaries ranks by. */
const ranked = (
  id: string,
  kind: 'human' | 'machine',
  votes: number | null,
  date: string | null,
): Summary => ({ ...summary(id, id, kind), votes, date });

describe('sortSummaries', () => {
  it('puts human before machine, then votes, then newer', () => {
    const sorted = sortSummaries([
      ranked('machine-many-votes', 'machine', 100, '2026-01-01'),
      ranked('human-old', 'human', 3, '2019-01-01'),
      ranked('human-no-votes', 'human', null, '2026-01-01'),
      ranked('human-new', 'human', 3, '2024-01-01'),
      ranked('human-top', 'human', 10, null),
      ranked('machine-none', 'machine', null, null),
    ]);
    expect(sorted.map((s) => s.id)).toEqual([
      'human-top',
      'human-new',
      'human-old',
      'human-no-votes',
      'machine-many-votes',
      'machine-none',
    ]);
  });

  it('keeps index order on ties', () => {
    const items = ['a', 'b', 'c'].map((id) => ranked(id, 'human', null, null));
    expect(sortSummaries(items).map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
});
