import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { renderHook, settle } from './render-hook';
import type { Preferences } from '@/utils/platform/preferences';

let changed: ((p: Preferences) => void) | null = null;
const unsubscribe = vi.fn(() => (changed = null));
const load = vi.fn<() => Promise<Preferences>>();
const save = vi.fn<(change: Partial<Preferences>) => Promise<Preferences>>();
vi.mock('@/utils/platform/preferences', async (original) => ({
  ...(await original<typeof import('@/utils/platform/preferences')>()),
  loadPreferences: () => load(),
  savePreferences: (c: Partial<Preferences>) => save(c),
  onPreferencesChange: (fn: (p: Preferences) => void) => {
    changed = fn;
    return unsubscribe;
  },
}));

const { usePreferences } = await import('@/hooks/use-preferences');
const { DEFAULT_PREFERENCES } = await import('@/utils/platform/preferences');

beforeEach(() => {
  load.mockReset();
  save.mockReset();
  unsubscribe.mockClear();
});

describe('usePreferences', () => {
  it('starts from the defaults, then shows the stored ones and changes made elsewhere', async () => {
    const stored = { ...DEFAULT_PREFERENCES, images: !DEFAULT_PREFERENCES.images };
    load.mockResolvedValue(stored);
    const { result, unmount } = renderHook(() => usePreferences(), {});
    expect(result.current.images).toBe(DEFAULT_PREFERENCES.images);
    await settle();
    expect(result.current.images).toBe(stored.images);
    act(() => changed!({ ...stored, images: DEFAULT_PREFERENCES.images }));
    expect(result.current.images).toBe(DEFAULT_PREFERENCES.images);
    unmount();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('shows what was saved, and keeps the old ones when saving fails', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    load.mockResolvedValue(DEFAULT_PREFERENCES);
    const flipped = { ...DEFAULT_PREFERENCES, images: !DEFAULT_PREFERENCES.images };
    save.mockRejectedValueOnce(new Error('quota')).mockResolvedValueOnce(flipped);
    const { result, unmount } = renderHook(() => usePreferences(), {});
    await settle();
    result.current.set({ images: flipped.images });
    await settle();
    expect(result.current.images).toBe(DEFAULT_PREFERENCES.images);
    expect(warn).toHaveBeenCalledWith('Sidenotes: preferences', expect.any(Error));
    result.current.set({ images: flipped.images });
    await settle();
    expect(save).toHaveBeenLastCalledWith({ images: flipped.images });
    expect(result.current.images).toBe(flipped.images);
    unmount();
    warn.mockRestore();
  });
});
