import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { OWN_SOURCE, type LibraryItem } from '@/utils/core/library-item';
import type { Summary } from '@/utils/core/summary';

/** A fresh, empty IndexedDB for each test (fake-indexeddb). */
export function freshIndexedDb() {
  globalThis.indexedDB = new IDBFactory();
  globalThis.IDBKeyRange = IDBKeyRange;
}

let n = 0;
export function makeSummary(overrides: Partial<Summary> = {}): Summary {
  n++;
  return {
    id: `shortscience:arxiv:2007.${String(10000 + n)}:0`,
    paperKeys: [`arxiv:2007.${String(10000 + n)}`],
    paper: {
      title: `A paper about things number ${n}`,
      authors: ['Ada Lovelace', 'Alan Turing'],
      year: 2020,
    },
    body: `Summary ${n} with $x_i$ math and **bold**.`,
    format: 'markdown',
    author: null,
    date: null,
    votes: null,
    link: `https://www.shortscience.org/paper?bibtexKey=journals/corr/2007.${10000 + n}`,
    source: {
      id: 'shortscience',
      name: 'ShortScience.org',
      url: 'https://www.shortscience.org',
      licence: '© its author',
      kind: 'human',
    },
    ...overrides,
  };
}

/** Deterministic pseudo-random items: unicode, long bodies, tags, notes, both kinds. */
export function generateItems(count: number, seed = 1): LibraryItem[] {
  let x = seed;
  const rand = (m: number) => (x = (x * 1103515245 + 12345) % 2 ** 31) % m;
  const pieces = [
    'Lottery',
    'tickets',
    'Ünïcödé',
    '中文',
    '🙂',
    '$\\alpha$',
    '<b>html</b>',
    '"quotes"',
    '\\n',
    'line\nbreak',
  ];
  const text = (len: number) =>
    Array.from({ length: len }, () => pieces[rand(pieces.length)]).join(' ');
  return Array.from({ length: count }, (_, i) => {
    const own = rand(5) === 0;
    const id = own
      ? `you:arxiv:2101.${String(10000 + i)}`
      : `src${rand(3)}:arxiv:2101.${String(10000 + i)}:0`;
    const date = new Date(Date.UTC(2020, 0, 1) + rand(2000) * 86_400_000).toISOString();
    return {
      id,
      kind: own ? 'own' : 'saved',
      summary: {
        ...makeSummary(),
        id,
        paperKeys: [`arxiv:2101.${String(10000 + i)}`],
        paper: {
          title: text(6),
          authors: [text(2)],
          ...(rand(2) ? { year: 2000 + rand(26) } : {}),
          ...(rand(2) ? { venue: text(2) } : {}),
        },
        body: text(5 + rand(200)),
        ...(rand(2) ? { label: text(2) } : {}),
        votes: rand(3) ? null : rand(100),
        date: rand(2) ? date : null,
        source: {
          id: `src${rand(3)}`,
          name: text(1),
          url: 'https://example.org',
          licence: 'CC BY 4.0',
          kind: rand(4) ? 'human' : 'machine',
        },
        // An own summary is one by its id and its source (utils/core/own-summary.ts).
        ...(own ? { source: { ...OWN_SOURCE } } : {}),
      },
      savedAt: date,
      updatedAt: date,
      tags: rand(2) ? [text(1), text(1)].filter((t, j, a) => a.indexOf(t) === j) : [],
      note: rand(2) ? text(10) : '',
      revision: 1 + rand(5),
    } satisfies LibraryItem;
  });
}
