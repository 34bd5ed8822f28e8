import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { renderHook, settle } from './render-hook';

const loaders = {
  bundled: vi.fn<() => Promise<unknown>>(),
  feed: vi.fn<() => Promise<unknown>>(),
  remote: vi.fn<() => Promise<unknown[]>>(),
};
vi.mock('@/utils/sources/bundled-search', () => ({
  loadBundledSearch: () => loaders.bundled(),
}));
vi.mock('@/utils/sources/search-engines', () => ({
  loadFeedSearch: () => loaders.feed(),
  loadRemoteIndexSearches: () => loaders.remote(),
}));

const { useSearchSet } = await import('@/hooks/use-search-set');

/** Frames the test paints by hand. */
let frames: FrameRequestCallback[];
beforeEach(() => {
  for (const l of Object.values(loaders)) l.mockReset();
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** The frame with the bundled results is painted, and the task after it runs. */
const paint = async () => {
  act(() => {
    for (const cb of frames.splice(0)) cb(performance.now());
    vi.runAllTimers();
  });
  await settle();
};

describe('useSearchSet', () => {
  it('searches the bundled index at once, then, once its results are painted, it joined by the feed and the remote indexes', async () => {
    let more!: () => void;
    loaders.bundled.mockResolvedValue('bundled');
    loaders.feed.mockImplementation(() => new Promise((r) => (more = () => r('feed'))));
    loaders.remote.mockResolvedValue(['remote-a', 'remote-b']);
    const { result, unmount } = renderHook(() => useSearchSet(), {});
    await settle();
    expect(result.current.engine?.engines).toEqual(['bundled']);
    // Their code (IndexedDB, settings) is not loaded in front of that frame: once the module is
    // in (the test's own import of it), a hook that had asked for it at once would have used it.
    await import('@/utils/sources/search-engines');
    await settle();
    expect(loaders.feed).not.toHaveBeenCalled();
    expect(loaders.remote).not.toHaveBeenCalled();
    await paint();
    await vi.waitFor(() => expect(loaders.feed).toHaveBeenCalled());
    more();
    await settle();
    expect(result.current.engine?.engines).toEqual(['bundled', 'feed', 'remote-a', 'remote-b']);
    expect(result.current.error).toBeNull();
    unmount();
  });

  it('keeps the bundled set when nothing more is kept, or when it cannot be read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    loaders.bundled.mockResolvedValue('bundled');
    loaders.feed.mockResolvedValue(null);
    loaders.remote.mockResolvedValue([]);
    const first = renderHook(() => useSearchSet(), {});
    await settle();
    const engine = first.result.current.engine;
    expect(engine?.engines).toEqual(['bundled']);
    await paint();
    await vi.waitFor(() => expect(loaders.remote).toHaveBeenCalled());
    await settle();
    expect(first.result.current.engine).toBe(engine); // not replaced by an equal set
    first.unmount();

    loaders.remote.mockRejectedValue(new Error('quota'));
    const second = renderHook(() => useSearchSet(), {});
    await settle();
    await paint();
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    expect(second.result.current.engine?.engines).toEqual(['bundled']);
    expect(second.result.current.error).toBeNull();
    expect(warn).toHaveBeenCalledWith(
      'Sidenotes: kept sources could not be searched',
      expect.any(Error),
    );
    second.unmount();
    warn.mockRestore();
  });

  it('reports why the bundled index cannot be searched', async () => {
    loaders.bundled.mockRejectedValue(new Error('index missing'));
    const { result, unmount } = renderHook(() => useSearchSet(), {});
    await settle();
    expect(result.current.engine).toBeNull();
    expect(result.current.error).toBe('index missing');
    await paint();
    expect(loaders.feed).not.toHaveBeenCalled();
    unmount();
  });
});
