// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaperRef } from '@/utils/core/paper-ref';
import { readFixture } from '../../helpers/fixtures';

/** The extension API as the worker sees it: storage.local and host permissions, nothing else. */
const fake = vi.hoisted(() => {
  const local: Record<string, unknown> = {};
  const granted = new Set<string>();
  return {
    local,
    granted,
    removed: [] as string[],
    browser: {
      storage: {
        local: {
          get: async (key: string) => ({ [key]: local[key] }),
          set: async (items: Record<string, unknown>) => void Object.assign(local, items),
        },
        onChanged: { addListener: () => undefined },
      },
      permissions: {
        contains: async ({ origins }: { origins: string[] }) =>
          origins.every((o) => granted.has(o)),
        remove: async ({ origins }: { origins: string[] }) => {
          for (const o of origins) {
            granted.delete(o);
            fake.removed.push(o);
          }
          return true;
        },
      },
    },
  };
});
vi.mock('@/utils/platform/browser', () => ({ browser: fake.browser }));
// The answer cache: nothing cached, and a write that fails (askLiveSource shrugs it off).
vi.mock('@/utils/db/open', () => ({
  library: async () => ({
    get: async () => undefined,
    transaction: () => {
      throw new Error('no database in this test');
    },
  }),
}));

const { remoteSources } = await import('@/utils/sources/worker-sources');

const S2 = ['https://api.semanticscholar.org/*'];
const ARXIV: PaperRef = {
  keys: ['arxiv:2405.00011', 'title:frugal training of sparse transformers'],
  title: 'Frugal Training of Sparse Transformers',
  authors: ['Lovelace, Ada'],
  url: 'https://arxiv.org/abs/2405.00011',
};
const requests: string[] = [];

beforeEach(() => {
  for (const k of Object.keys(fake.local)) delete fake.local[k];
  fake.granted.clear();
  fake.removed.length = 0;
  requests.length = 0;
  vi.stubGlobal('IDBKeyRange', { bound: () => null });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      requests.push(url);
      const recorded = JSON.parse(readFixture('api-responses/Paper.trimmed.json')) as object;
      return new Response(JSON.stringify({ ...recorded, paperId: 's2-x' }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the worker’s sources: offers, Ask once, Always ask', () => {
  it('offers every live source that could answer and is off, with what it would send', async () => {
    const remote = remoteSources();
    const offers = await remote.offers(ARXIV);
    expect(offers.map((o) => [o.id, o.kind])).toEqual([
      ['openreview', 'human'],
      ['semanticscholar', 'machine'],
      ['huggingface', 'machine'],
    ]);
    expect(offers[1]).toMatchObject({
      sends: ['the arXiv id 2405.00011 to api.semanticscholar.org'],
      origins: S2,
    });
    // A DOI alone: Semantic Scholar only (and OpenReview by title when there is one).
    const byDoi = await remote.offers({ keys: ['doi:10.1/x'] });
    expect(byDoi.map((o) => o.id)).toEqual(['semanticscholar']);
    expect(await remote.plan(ARXIV)).toEqual([]);
  });

  it('asks once only with the browser’s permission, and gives it back afterwards', async () => {
    const remote = remoteSources();
    const refused = await remote.ask(ARXIV, 'semanticscholar', false, true);
    expect(refused).toMatchObject({ failed: true, summaries: [] });
    expect(refused.note).toBe(
      'The browser does not let Sidenotes contact api.semanticscholar.org.',
    );
    expect(requests).toEqual([]);

    fake.granted.add(S2[0]!);
    fake.removed.length = 0;
    const answer = await remote.ask(ARXIV, 'semanticscholar', false, true);
    expect(answer.failed).toBe(false);
    expect(answer.summaries[0]!.source.kind).toBe('machine');
    expect(requests).toHaveLength(1);
    await settle();
    // Nothing remembered: the switch is still off and the permission is given back.
    expect(fake.removed).toEqual(S2);
    expect(fake.granted.has(S2[0]!)).toBe(false);
    expect(fake.local.sources).toBeUndefined();
    expect(await remote.plan(ARXIV)).toEqual([]);
  });

  it('never asks a source that is off unless asked once', async () => {
    fake.granted.add(S2[0]!);
    const remote = remoteSources();
    const answer = await remote.ask(ARXIV, 'semanticscholar', false, false);
    expect(answer.note).toBe('Semantic Scholar is turned off in the options.');
    expect(requests).toEqual([]);
  });

  it('turns a source on for Always ask only with its permission, then plans it', async () => {
    const remote = remoteSources();
    expect(await remote.enable('semanticscholar')).toBe(false);
    expect(fake.local.sources).toBeUndefined();
    fake.granted.add(S2[0]!);
    expect(await remote.enable('semanticscholar')).toBe(true);
    expect(fake.local.sources).toMatchObject({ enabled: { semanticscholar: true } });
    expect(await remote.plan(ARXIV)).toEqual([{ id: 'semanticscholar', name: 'Semantic Scholar' }]);
    expect((await remote.offers(ARXIV)).map((o) => o.id)).toEqual(['openreview', 'huggingface']);
  });
});
