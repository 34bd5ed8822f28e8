// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { libraryHandlers } from '@/entrypoints/background/library-handlers';
import { library } from '@/utils/db/open';
import { allItems, saveOwnSummary } from '@/utils/library/library';
import { checked } from '@/utils/messaging/router';
import { VIEW_PAYLOADS } from '@/utils/messaging/view-to-worker';
import { freshIndexedDb, makeSummary } from '../library/helpers';

/** The worker's library handlers behind the view map's payload checks, as the router runs them. */
describe('library:toggle-save', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    freshIndexedDb();
  });

  // Security review finding: a remote card could delete the user's own summary by naming its id.
  it('refuses to toggle the user’s own summary, or an item of another source with the same id', async () => {
    const db = await library();
    const own = await saveOwnSummary(
      db,
      { keys: ['arxiv:1706.03762'], url: 'https://arxiv.org/abs/1706.03762', title: 'Attention' },
      'My notes.',
    );
    const toggle = checked(VIEW_PAYLOADS, libraryHandlers())['library:toggle-save'];
    const forged = makeSummary({
      id: own.id,
      source: {
        id: 'lab',
        name: 'Your summary',
        url: 'https://lab.example',
        licence: 'x',
        kind: 'human',
      },
    });
    expect(await toggle({ summary: forged }, {})).toMatchObject({ ok: false });
    expect((await allItems(db)).map((i) => i.id)).toEqual([own.id]);
    // A card may not create a "you:" item either.
    const planted = makeSummary({ id: 'you:arxiv:2001.00001' });
    expect(await toggle({ summary: planted }, {})).toMatchObject({ ok: false });
    // An honest card saves and unsaves itself.
    const honest = makeSummary();
    expect(await toggle({ summary: honest }, {})).toEqual({ ok: true, value: { saved: true } });
    const sameIdOtherSource = { ...honest, source: { ...honest.source, id: 'other' } };
    expect(await toggle({ summary: sameIdOtherSource }, {})).toMatchObject({ ok: false });
    expect(await toggle({ summary: honest }, {})).toEqual({ ok: true, value: { saved: false } });
  });
});
