import { describe, expect, it } from 'vitest';
import { sortSummaries, type Summary } from '../../../utils/core/summary';

const make = (
  id: string,
  kind: 'human' | 'machine',
  votes: number | null,
  date: string | null,
): Summary => ({
  id,
  paperKeys: ['arxiv:2007.12223'],
  paper: { title: 'T', authors: [] },
  body: id,
  format: 'markdown',
  author: null,
  date,
  votes,
  link: null,
  source: { id: 's', name: 'S', url: 'https://s', licence: 'x', kind },
});

describe('sortSummaries', () => {
  it('puts human before machine, then votes, then newer', () => {
    const sorted = sortSummaries([
      make('machine-many-votes', 'machine', 100, '2026-01-01'),
      make('human-old', 'human', 3, '2019-01-01'),
      make('human-no-votes', 'human', null, '2026-01-01'),
      make('human-new', 'human', 3, '2024-01-01'),
      make('human-top', 'human', 10, null),
      make('machine-none', 'machine', null, null),
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
    const items = ['a', 'b', 'c'].map((id) => make(id, 'human', null, null));
    expect(sortSummaries(items).map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
});
