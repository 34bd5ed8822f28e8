import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { useAfterPaint } from '@/hooks/use-after-paint';
import { renderHook } from './render-hook';

/** Frames the test gives by hand. */
let frames: Map<number, FrameRequestCallback>;
beforeEach(() => {
  frames = new Map();
  let next = 1;
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    frames.set(next, cb);
    return next++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const paint = () =>
  act(() => {
    const due = [...frames.values()];
    frames.clear();
    for (const cb of due) cb(performance.now());
  });

describe('useAfterPaint', () => {
  it('is false until the first frame is painted and the task after it runs', () => {
    const { result, unmount } = renderHook(() => useAfterPaint(), {});
    expect(result.current).toBe(false);
    act(() => {
      vi.runAllTimers();
    }); // no frame yet: nothing
    expect(result.current).toBe(false);
    paint();
    expect(result.current).toBe(false); // in the frame itself: still before its paint
    act(() => {
      vi.runAllTimers();
    });
    expect(result.current).toBe(true);
    unmount();
  });

  it('waits for its condition, then for the frame painted after it', () => {
    let ready = false;
    const { result, rerender, unmount } = renderHook(() => useAfterPaint(ready), {});
    paint();
    act(() => {
      vi.runAllTimers();
    });
    expect(result.current).toBe(false); // frames painted before the condition do not count
    expect(frames.size).toBe(0);
    ready = true;
    rerender({});
    expect(result.current).toBe(false);
    paint();
    act(() => {
      vi.runAllTimers();
    });
    expect(result.current).toBe(true);
    unmount();
  });

  it('asks for no frame any more once the view is gone', () => {
    const { unmount } = renderHook(() => useAfterPaint(), {});
    expect(frames.size).toBe(1);
    unmount();
    expect(frames.size).toBe(0);
  });
});
