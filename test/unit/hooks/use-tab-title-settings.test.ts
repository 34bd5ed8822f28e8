import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { renderHook, settle } from './render-hook';

type Listener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;
const listeners = new Set<Listener>();
vi.mock('@/utils/platform/browser', () => ({
  browser: {
    storage: {
      onChanged: {
        addListener: (fn: Listener) => listeners.add(fn),
        removeListener: (fn: Listener) => listeners.delete(fn),
      },
    },
  },
}));
const grant = vi.fn<(origins: string[]) => Promise<boolean>>();
vi.mock('@/utils/sources/permissions', () => ({ grant: (o: string[]) => grant(o) }));
const saved = vi.fn<(s: { askArxiv: boolean }) => Promise<void>>();
let stored = { askArxiv: false };
vi.mock('@/utils/sources/arxiv-titles', async (original) => ({
  ...(await original<typeof import('@/utils/sources/arxiv-titles')>()),
  loadTabTitleSettings: () => Promise.resolve(stored),
  saveTabTitleSettings: (s: { askArxiv: boolean }) => saved(s),
}));

const { useTabTitleSettings } = await import('@/hooks/use-tab-title-settings');
const { ARXIV_API_ORIGINS, TAB_TITLES_KEY } = await import('@/utils/sources/arxiv-titles');

beforeEach(() => {
  listeners.clear();
  grant.mockReset();
  saved.mockReset().mockResolvedValue(undefined);
  stored = { askArxiv: false };
});

describe('useTabTitleSettings', () => {
  it('shows what is stored and follows changes made elsewhere, until unmounted', async () => {
    stored = { askArxiv: true };
    const { result, unmount } = renderHook(() => useTabTitleSettings(), {});
    await settle();
    expect(result.current.settings).toEqual({ askArxiv: true });
    act(() => listeners.forEach((fn) => fn({ other: { newValue: 1 } }, 'local')));
    expect(result.current.settings).toEqual({ askArxiv: true });
    act(() => listeners.forEach((fn) => fn({ [TAB_TITLES_KEY]: { newValue: {} } }, 'sync')));
    expect(result.current.settings).toEqual({ askArxiv: true });
    act(() =>
      listeners.forEach((fn) =>
        fn({ [TAB_TITLES_KEY]: { newValue: { askArxiv: false } } }, 'local'),
      ),
    );
    expect(result.current.settings).toEqual({ askArxiv: false });
    unmount();
    expect(listeners.size).toBe(0);
  });

  it("turns on only with export.arxiv.org's permission", async () => {
    grant.mockResolvedValue(false);
    const { result, unmount } = renderHook(() => useTabTitleSettings(), {});
    await settle();
    result.current.toggle(true);
    await settle();
    expect(grant).toHaveBeenCalledWith(ARXIV_API_ORIGINS);
    expect(saved).not.toHaveBeenCalled();
    expect(result.current.settings).toEqual({ askArxiv: false });
    expect(result.current.error).toMatch(/^Stays off: /);
    grant.mockResolvedValue(true);
    result.current.toggle(true);
    await settle();
    expect(saved).toHaveBeenCalledWith({ askArxiv: true });
    expect(result.current.settings).toEqual({ askArxiv: true });
    expect(result.current.error).toBeNull();
    unmount();
  });

  it('turns off without asking the browser, and says why a save failed', async () => {
    stored = { askArxiv: true };
    const { result, unmount } = renderHook(() => useTabTitleSettings(), {});
    await settle();
    saved.mockRejectedValueOnce(new Error('storage full'));
    result.current.toggle(false);
    await settle();
    expect(grant).not.toHaveBeenCalled();
    expect(result.current.error).toBe('storage full');
    expect(result.current.settings).toEqual({ askArxiv: true });
    result.current.toggle(false);
    await settle();
    expect(result.current.settings).toEqual({ askArxiv: false });
    unmount();
  });
});
