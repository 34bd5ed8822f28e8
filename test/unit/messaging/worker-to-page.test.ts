import { describe, expect, it, vi } from 'vitest';
import { dispatchToPage, type PageHandlers } from '@/utils/messaging/worker-to-page';

/** The page's side of the worker's messages: typed handlers behind one payload check. */
function handlers() {
  return {
    'tab:toggle-sidebar': vi.fn(),
    'tab:collapse-sidebar': vi.fn(),
    'tab:show-paper': vi.fn(),
    'tab:set-title': vi.fn(),
    'tab:set-count': vi.fn(),
  } satisfies PageHandlers;
}

describe('dispatchToPage', () => {
  it('hands each known message its payload, to be answered', () => {
    const h = handlers();
    expect(dispatchToPage(h, { type: 'tab:toggle-sidebar', payload: {} })).toBe(true);
    expect(h['tab:toggle-sidebar']).toHaveBeenCalledOnce();
    const shown = { paperKey: 'arxiv:2007.12223', count: 3, view: 'v1' };
    expect(dispatchToPage(h, { type: 'tab:show-paper', payload: shown })).toBe(true);
    expect(h['tab:show-paper']).toHaveBeenCalledWith(shown);
    expect(dispatchToPage(h, { type: 'tab:set-count', payload: { paperKey: 'k', count: 2 } })).toBe(
      true,
    );
    expect(h['tab:set-count']).toHaveBeenCalledWith({ paperKey: 'k', count: 2 });
  });

  it('leaves unknown messages, malformed payloads and prototype names unanswered', () => {
    const h = handlers();
    for (const message of [
      undefined,
      null,
      'tab:toggle-sidebar',
      { type: 'tab:unknown', payload: {} },
      { type: 'toString', payload: {} },
      { type: 'constructor', payload: {} },
      { type: 'tab:set-count', payload: { paperKey: 'k', count: '2' } },
      { type: 'tab:set-title', payload: { paperKey: 'k' } },
      { type: 'tab:show-paper', payload: null },
    ])
      expect(dispatchToPage(h, message)).toBe(false);
    for (const handler of Object.values(h)) expect(handler).not.toHaveBeenCalled();
  });
});
