import { describe, expect, it, vi } from 'vitest';
import { pageHandlers } from '@/entrypoints/background/page-handlers';
import type { PaperStates } from '@/utils/lookup/paper-states';
import { PAGE_PAYLOADS } from '@/utils/messaging/page-to-worker';
import { checked } from '@/utils/messaging/router';

/**
 * The worker's listing handlers with stand-ins, behind the page map's payload
 * checks as the router runs them: what they count, what they refuse, what they never do.
 */
function handlers() {
  const counted: string[][] = [];
  const tables: Array<[string, string]> = [];
  const remote = { syncFeedIfDue: vi.fn(async () => undefined) };
  const papers = { detected: vi.fn(async () => 1), forget: vi.fn() };
  const titles = { local: vi.fn(), remote: vi.fn() };
  const h = checked(
    PAGE_PAYLOADS,
    pageHandlers(
      papers as unknown as PaperStates,
      remote as never,
      async () => undefined,
      async (keys) => {
        counted.push([...keys]);
        return Object.fromEntries(
          keys.filter((k) => k === 'arxiv:2007.12223').map((k) => [k, { human: 1, machine: 0 }]),
        );
      },
      titles as never,
      async (site, pageUrl) => {
        tables.push([site.id, pageUrl]);
        return { prefix: 'https://arxiv.org/abs/', suffix: '', ids: { '2007.12223': [1, 0] } };
      },
      async () => undefined,
    ),
  );
  return { h, counted, remote, papers, titles, tables };
}

const LIST = { id: 'ext', tab: { id: 7 }, frameId: 0, url: 'https://arxiv.org/list/cs.LG/new' };

describe('page:listing', () => {
  it('reads each link’s key itself, of the kind the page lists, and answers per link', async () => {
    const { h, counted, remote } = handlers();
    const answer = await h['page:listing'](
      {
        links: [
          'https://arxiv.org/abs/2007.12223',
          'https://arxiv.org/abs/2007.12223v2',
          'https://arxiv.org/abs/2406.10000',
          'https://aclanthology.org/P19-1001/',
          'https://evil.example/abs/2007.12223',
          'not a url',
        ],
      },
      LIST,
    );
    expect(answer).toEqual({
      ok: true,
      value: {
        'https://arxiv.org/abs/2007.12223': { key: 'arxiv:2007.12223', human: 1, machine: 0 },
        'https://arxiv.org/abs/2007.12223v2': { key: 'arxiv:2007.12223', human: 1, machine: 0 },
      },
    });
    // One count for the batch, each key once; an ACL link on an arXiv list names nothing.
    expect(counted).toEqual([['arxiv:2007.12223', 'arxiv:2406.10000']]);
    // Badges never cause a request: no feed sync, no source asked.
    expect(remote.syncFeedIfDue).not.toHaveBeenCalled();
  });

  it('refuses what is not a batch of links', async () => {
    const { h, counted } = handlers();
    for (const payload of [
      null,
      { links: 'https://arxiv.org/abs/2007.12223' },
      { links: [1, 2] },
      { links: Array.from({ length: 10_001 }, () => 'https://arxiv.org/abs/2007.12223') },
      { links: ['x'.repeat(5000)] },
    ])
      expect((await h['page:listing'](payload, LIST)).ok).toBe(false);
    expect(counted).toEqual([]);
  });
});

describe('page:listing-table', () => {
  it('answers the table of the list the sender is on, whatever the page sends', async () => {
    const { h, tables, remote } = handlers();
    expect(await h['page:listing-table']({ site: 'openreview' }, LIST)).toMatchObject({
      ok: true,
      value: { prefix: 'https://arxiv.org/abs/' },
    });
    expect(tables).toEqual([['arxiv', LIST.url]]);
    // A page that is no list gets none.
    const paper = { ...LIST, url: 'https://arxiv.org/abs/2007.12223' };
    expect(await h['page:listing-table']({}, paper)).toEqual({ ok: true, value: null });
    expect(tables).toHaveLength(1);
    expect(remote.syncFeedIfDue).not.toHaveBeenCalled();
  });
});

describe('page:open-listed', () => {
  it('opens only a paper the entry link names, as a URL Sidenotes would open', async () => {
    const { h, papers } = handlers();
    for (const url of [
      'javascript:alert(1)//arxiv.org/abs/2007.12223',
      'https://evil.example/abs/2007.12223',
      'https://aclanthology.org/P19-1001/',
      'https://arxiv.org/abs/2007.12223 x',
      42,
    ])
      expect((await h['page:open-listed']({ url }, LIST)).ok).toBe(false);
    expect(papers.detected).not.toHaveBeenCalled();
  });
});
