import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing';
import { useListedMatches } from '@/hooks/use-listed-matches';
import { announceLibraryChange } from '@/utils/db/open';
import { browser } from '@/utils/platform/browser';
import { renderHook, settle } from './render-hook';

afterEach(() => settle());

describe('useListedMatches', () => {
  const asked: unknown[] = [];
  let inFeed = 0;
  beforeEach(() => {
    fakeBrowser.reset();
    asked.length = 0;
    inFeed = 0;
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(async (m) => {
      asked.push(m);
      return { ok: true, value: { inLibrary: [], inFeed: ++inFeed } };
    });
  });

  it("asks the worker for its tab's listing, again on a library change, and not for no tab", async () => {
    const { result, rerender, unmount } = renderHook(
      (t: number | null) => useListedMatches(t),
      4 as number | null,
    );
    await settle();
    expect(asked).toEqual([{ type: 'view:listed-matches', payload: { tabId: 4 } }]);
    expect(result.current).toEqual({ inLibrary: [], inFeed: 1 });
    act(() => announceLibraryChange());
    await settle();
    expect(result.current).toEqual({ inLibrary: [], inFeed: 2 });
    rerender(null);
    await settle();
    expect(result.current).toBeNull();
    act(() => announceLibraryChange());
    await settle();
    expect(asked).toHaveLength(2);
    unmount();
  });
});
