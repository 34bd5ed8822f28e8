import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLater } from '@/hooks/use-later';
import { renderHook, settle } from './render-hook';

afterEach(() => vi.restoreAllMocks());

describe('useLater', () => {
  it('loads nothing until asked, then once, and returns what loaded', async () => {
    const load = vi.fn(() => Promise.resolve({ part: 'editor' }));
    const { result, rerender, unmount } = renderHook(({ when }) => useLater(when, load), {
      when: false,
    });
    await settle();
    expect(load).not.toHaveBeenCalled();
    expect(result.current).toBeNull();
    rerender({ when: true });
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    expect(result.current).toEqual({ part: 'editor' });
    // Loaded stays loaded: turning the condition off and on again loads nothing more.
    rerender({ when: false });
    rerender({ when: true });
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    expect(result.current).toEqual({ part: 'editor' });
    unmount();
  });

  it('keeps a falsy module as loaded', async () => {
    const load = vi.fn(() => Promise.resolve(0));
    const { result, unmount } = renderHook(() => useLater(true, load), {});
    await settle();
    expect(result.current).toBe(0);
    unmount();
  });

  it('warns and stays empty when the module cannot load', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { result, unmount } = renderHook(
      () => useLater(true, () => Promise.reject(new Error('offline'))),
      {},
    );
    await settle();
    expect(result.current).toBeNull();
    expect(warn).toHaveBeenCalledWith(
      'Sidenotes: a part of this view could not be loaded',
      expect.any(Error),
    );
    unmount();
  });

  it('drops what loads after the view is gone', async () => {
    let resolve!: (v: string) => void;
    const load = () => new Promise<string>((r) => (resolve = r));
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { result, unmount } = renderHook(() => useLater(true, load), {});
    unmount();
    resolve('late');
    await settle();
    expect(result.current).toBeNull();
    expect(error).not.toHaveBeenCalled();
  });
});
