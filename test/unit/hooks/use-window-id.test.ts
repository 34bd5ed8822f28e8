import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderHook, settle } from './render-hook';

const getCurrent = vi.fn(() => Promise.resolve({ id: 12 }));
vi.mock('@/utils/platform/browser', () => ({ browser: { windows: { getCurrent } } }));

const { useWindowId } = await import('@/hooks/use-window-id');

afterEach(() => {
  history.replaceState(null, '', '/');
  getCurrent.mockClear();
});

describe('useWindowId', () => {
  it("is the page's own window", async () => {
    const { result, unmount } = renderHook(() => useWindowId(), {});
    await settle();
    expect(result.current).toBe(12);
    unmount();
  });

  it('is the window named by ?window= when opened as a tab, without asking', async () => {
    history.replaceState(null, '', '/sidepanel.html?window=7');
    const { result, unmount } = renderHook(() => useWindowId(), {});
    expect(result.current).toBe(7);
    await settle();
    expect(result.current).toBe(7);
    expect(getCurrent).not.toHaveBeenCalled();
    unmount();
  });
});
