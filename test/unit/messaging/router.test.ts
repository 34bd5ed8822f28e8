// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ok } from '@/utils/core/result';
import { createRouter, isPageSender, isViewSender, type Self } from '@/utils/messaging/router';
import { PAGE_MESSAGES } from '@/utils/messaging/page-to-worker';
import { VIEW_MESSAGES } from '@/utils/messaging/view-to-worker';

const self: Self = { id: 'ext', origin: 'chrome-extension://ext/' };
const page = { id: 'ext', url: 'https://arxiv.org/abs/2007.12223', frameId: 0, tab: { id: 3 } };
const pageSubframe = { ...page, frameId: 5 };
const sidebarFrame = {
  id: 'ext',
  url: 'chrome-extension://ext/sidebar.html',
  frameId: 7,
  tab: { id: 3 },
};
const popup = { id: 'ext', url: 'chrome-extension://ext/popup.html' };
const otherExtension = { id: 'evil', url: 'chrome-extension://evil/x.html' };

function router() {
  const calls: string[] = [];
  const handler = (name: string) => async () => {
    calls.push(name);
    return ok(name);
  };
  const route = createRouter(
    [
      {
        name: 'page',
        accepts: (s) => isPageSender(self, s),
        handlers: { 'page:visit': handler('page:visit') },
      },
      {
        name: 'view',
        accepts: (s) => isViewSender(self, s),
        handlers: { 'library:toggle-save': handler('library:toggle-save') },
      },
    ],
    () => {
      throw new Error('no handler should throw here');
    },
  );
  return { route, calls };
}

describe('message maps, one per direction', () => {
  it('lets a page send only page messages, and only from its top frame', async () => {
    const { route, calls } = router();
    expect(await route({ type: 'page:visit', payload: {} }, page)).toEqual(ok('page:visit'));
    expect(await route({ type: 'library:toggle-save', payload: {} }, page)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await route({ type: 'page:visit', payload: {} }, pageSubframe)).toMatchObject({
      ok: false,
    });
    expect(calls).toEqual(['page:visit']);
  });

  it('lets extension pages send view messages, even the sidebar frame inside a tab, but not page messages', async () => {
    const { route, calls } = router();
    expect(await route({ type: 'library:toggle-save' }, sidebarFrame)).toEqual(
      ok('library:toggle-save'),
    );
    expect(await route({ type: 'library:toggle-save' }, popup)).toEqual(ok('library:toggle-save'));
    expect(await route({ type: 'page:visit' }, sidebarFrame)).toMatchObject({ ok: false });
    expect(calls).toEqual(['library:toggle-save', 'library:toggle-save']);
  });

  it('refuses other extensions and ignores unknown or malformed messages', async () => {
    const { route, calls } = router();
    expect(await route({ type: 'library:toggle-save' }, otherExtension)).toMatchObject({
      ok: false,
    });
    expect(route({ type: 'nope' }, popup)).toBeUndefined();
    expect(route({ type: 'toString' }, popup)).toBeUndefined();
    expect(route(null, popup)).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('keeps the two maps apart: no message name is in both', () => {
    expect(PAGE_MESSAGES.filter((m) => (VIEW_MESSAGES as readonly string[]).includes(m))).toEqual(
      [],
    );
    expect(PAGE_MESSAGES.every((m) => m.startsWith('page:'))).toBe(true);
    expect(VIEW_MESSAGES.some((m) => m.startsWith('page:'))).toBe(false);
  });
});
