import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SidebarHost } from '@/entrypoints/paper/sidebar-host';

/**
 * Many paper tabs stay light: a tab restored in the background gets its
 * small tab and count, and the sidebar frame (an extension page, megabytes
 * each) only once the tab is looked at; a frame hidden for five minutes is
 * let go. Headless Chromium shows every tab as visible, so this is tested
 * here, where the page's visibility can be set.
 */
let visibility: DocumentVisibilityState = 'visible';
let root: ShadowRoot;

function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}
const frames = () => root.querySelectorAll('iframe').length;
const panelOpen = () => !(root.querySelector('.panel') as HTMLElement).hidden;

describe('the sidebar frame in background tabs', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    visibility = 'visible';
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
    // The shadow root is closed to the page; the test keeps a handle on it.
    const attach = HTMLElement.prototype.attachShadow;
    vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (
      this: HTMLElement,
      init: ShadowRootInit,
    ) {
      root = attach.call(this, init);
      return root;
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    document.documentElement.querySelector('sidenotes-sidebar')?.remove();
  });

  it('makes no frame in a tab opened in the background, and makes it when the tab is looked at', () => {
    setVisibility('hidden');
    const host = new SidebarHost('arxiv');
    host.preload('view-1');
    host.show('arxiv:2007.12223', 3, 'view-1', true);
    expect(panelOpen()).toBe(true);
    expect(frames()).toBe(0);
    setVisibility('visible');
    expect(frames()).toBe(1);
    expect(root.querySelector('iframe')!.src).toContain('/sidebar.html#view=view-1');
  });

  it('keeps the frame of a tab hidden briefly, and lets it go after five minutes hidden', () => {
    const host = new SidebarHost('arxiv');
    host.preload('view-1');
    host.show('arxiv:2007.12223', 3, 'view-1', true);
    expect(frames()).toBe(1);
    setVisibility('hidden');
    vi.advanceTimersByTime(4 * 60_000);
    setVisibility('visible');
    setVisibility('hidden');
    vi.advanceTimersByTime(4 * 60_000);
    expect(frames()).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(frames()).toBe(0);
    setVisibility('visible');
    expect(frames()).toBe(1);
  });

  it('makes no frame for a folded sidebar, visible or not', () => {
    const host = new SidebarHost('arxiv');
    host.show('arxiv:2406.10000', 1, 'view-1', false); // nothing public: the small tab only
    expect(panelOpen()).toBe(false);
    setVisibility('hidden');
    setVisibility('visible');
    expect(frames()).toBe(0);
    host.toggle(true);
    expect(frames()).toBe(1);
  });
});
