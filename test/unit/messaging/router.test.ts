// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ok } from '@/utils/core/result';
import {
  checked,
  createRouter,
  isPageSender,
  isViewSender,
  type Handlers,
  type Payloads,
  type Self,
} from '@/utils/messaging/router';
import { PAGE_MESSAGES, PAGE_PAYLOADS, type PageToWorker } from '@/utils/messaging/page-to-worker';
import { VIEW_MESSAGES, VIEW_PAYLOADS } from '@/utils/messaging/view-to-worker';

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

describe('payload checks, carried by each message map and applied before any handler', () => {
  const HOSTILE: unknown[] = [
    undefined,
    null,
    'x',
    42,
    [],
    {},
    JSON.parse('{"__proto__": {"polluted": true}}'),
  ];
  /** Messages whose payload is checked elsewhere, each with why. */
  const ELSEWHERE: Record<string, string> = {
    'view:collapse-sidebar': 'it carries nothing; its handler checks the sender is in a tab',
    'page:listing-table': 'it carries nothing; its handler answers for the sender’s own address',
    'page:scholarly': 'it carries nothing; its handler acts on the sender’s own tab and document',
    'sync:changed': 'it carries nothing',
    'sync:now': 'its handler reads only `restore === true`',
    'sync:disconnect': 'it carries nothing',
    'sync:probe': 'its handler checks the account (utils/sync reads the key derivation)',
    'sync:preview': 'its handler checks the connect request (utils/sync reads it)',
    'sync:connect': 'its handler checks the connect request (utils/sync reads it)',
  };

  function spied<M>(payloads: Payloads<M>) {
    const calls: string[] = [];
    const handlers = Object.fromEntries(
      Object.keys(payloads).map((type) => [
        type,
        async () => {
          calls.push(type);
          return ok(null);
        },
      ]),
    ) as unknown as Handlers<M>;
    return { run: checked(payloads, handlers), calls };
  }

  it.each([...PAGE_MESSAGES, ...VIEW_MESSAGES].filter((m) => !(m in ELSEWHERE)))(
    '%s: a malformed payload is refused as a bad request, its handler never called',
    async (type) => {
      const { run, calls } = type.startsWith('page:') ? spied(PAGE_PAYLOADS) : spied(VIEW_PAYLOADS);
      for (const payload of HOSTILE) {
        const answer = await (run as Record<string, (p: unknown, s: object) => Promise<unknown>>)[
          type
        ]!(payload, page);
        expect(answer, JSON.stringify(payload)).toMatchObject({
          ok: false,
          error: { code: 'bad-request' },
        });
      }
      expect(calls).toEqual([]);
    },
  );

  it('hands the handler the checked payload, rebuilt where it came from outside', async () => {
    const seen: unknown[] = [];
    const handlers = {
      'page:open-listed': async (payload: unknown) => {
        seen.push(payload);
        return ok(null);
      },
    } as unknown as Handlers<PageToWorker>;
    const open = checked(PAGE_PAYLOADS, handlers)['page:open-listed'];
    await open({ url: ' https://arxiv.org/abs/2007.12223 ', extra: 'dropped' }, page);
    expect(seen).toEqual([{ url: 'https://arxiv.org/abs/2007.12223' }]);
  });

  it('every message of both maps has a check', () => {
    expect(Object.keys(PAGE_PAYLOADS).sort()).toEqual([...PAGE_MESSAGES].sort());
    expect(Object.keys(VIEW_PAYLOADS).sort()).toEqual([...VIEW_MESSAGES].sort());
    for (const type of Object.keys(ELSEWHERE))
      expect([...PAGE_MESSAGES, ...VIEW_MESSAGES]).toContain(type);
  });
});
