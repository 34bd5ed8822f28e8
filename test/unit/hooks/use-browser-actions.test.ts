import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browserActions } from '@/hooks/browser-actions';
import { browser } from '@/utils/platform/browser';

const opened: string[] = [];
beforeEach(() => {
  fakeBrowser.reset();
  opened.length = 0;
  vi.spyOn(browser.tabs, 'create').mockImplementation(async (p) => {
    opened.push(p.url!);
    return {} as never;
  });
  vi.spyOn(browser.runtime, 'getURL').mockImplementation((p) => `chrome-extension://x${p}`);
});

describe('browserActions', () => {
  it('opens only https links, then closes the popup', () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const actions = browserActions(true);
    actions.openUrl('javascript:alert(1)');
    actions.openUrl('http://example.org/paper');
    expect(opened).toEqual([]);
    expect(close).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(2);
    actions.openUrl('https://arxiv.org/abs/2007.12223');
    expect(opened).toEqual(['https://arxiv.org/abs/2007.12223']);
    expect(close).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    close.mockRestore();
  });

  it("opens the extension's own pages, and leaves the side panel open", () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    browserActions(false).openPage('/library.html');
    expect(opened).toEqual(['chrome-extension://x/library.html']);
    expect(close).not.toHaveBeenCalled();
    close.mockRestore();
  });
});
