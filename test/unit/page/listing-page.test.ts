import { afterEach, describe, expect, it, vi } from 'vitest';
import { markListingPage, unlessListing } from '@/utils/page/listing-page';

/**
 * The paper script's DOMContentLoaded work waits for the listing page's
 * first frame (and idle) only where the listing script found a list: on
 * paper pages it runs at once, as before.
 */
describe('unlessListing', () => {
  afterEach(() => {
    markListingPage(false);
    vi.unstubAllGlobals();
  });

  it('runs at once where the listing script found no list, or did not run', () => {
    const work = vi.fn();
    unlessListing(work);
    markListingPage(false);
    unlessListing(work);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('waits on a list for the next frame, then for idle (300 ms at most)', () => {
    const frames: Array<() => void> = [];
    const idle: Array<[() => void, IdleRequestOptions | undefined]> = [];
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
    vi.stubGlobal('requestIdleCallback', (f: () => void, o?: IdleRequestOptions) =>
      idle.push([f, o]),
    );
    markListingPage(true);
    const work = vi.fn();
    unlessListing(work);
    expect(work).not.toHaveBeenCalled();
    frames.shift()!();
    expect(work).not.toHaveBeenCalled();
    expect(idle[0]![1]).toEqual({ timeout: 300 });
    idle[0]![0]();
    expect(work).toHaveBeenCalledOnce();
  });
});
