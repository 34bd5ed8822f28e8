import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SidebarHost } from '@/utils/page/sidebar-host';

/**
 * A tab opened in the background has its sidebar ready when it is looked
 * at (its frame is made at once), and many paper tabs stay light: a frame
 * hidden for half an hour is let go and made again when the tab is looked
 * at. (test/e2e/sidebar.test.ts opens a real background tab.)
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
    fakeBrowser.reset();
    vi.useRealTimers();
    vi.restoreAllMocks();
    document.documentElement.querySelector('sidenotes-sidebar')?.remove();
  });

  it('makes the frame of a tab opened in the background at once, ready to be looked at', () => {
    setVisibility('hidden');
    const host = new SidebarHost('arxiv');
    host.preload('view-1');
    expect(frames()).toBe(1);
    host.show('arxiv:2007.12223', 3, 'view-1', true);
    expect(panelOpen()).toBe(true);
    expect(frames()).toBe(1);
    expect(root.querySelector('iframe')!.src).toContain('/sidebar.html#view=view-1');
    setVisibility('visible');
    expect(frames()).toBe(1);
  });

  it("lets a background tab's frame go after half an hour hidden, and makes it again when looked at", () => {
    setVisibility('hidden');
    const host = new SidebarHost('arxiv');
    host.preload('view-1');
    host.show('arxiv:2007.12223', 3, 'view-1', true);
    vi.advanceTimersByTime(29 * 60_000);
    expect(frames()).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(frames()).toBe(0);
    setVisibility('visible');
    expect(frames()).toBe(1);
    expect(root.querySelector('iframe')!.src).toContain('/sidebar.html#view=view-1');
  });

  it('keeps the frame of a tab hidden briefly: each look starts the half hour again', () => {
    const host = new SidebarHost('arxiv');
    host.preload('view-1');
    host.show('arxiv:2007.12223', 3, 'view-1', true);
    expect(frames()).toBe(1);
    setVisibility('hidden');
    vi.advanceTimersByTime(25 * 60_000);
    setVisibility('visible');
    setVisibility('hidden');
    vi.advanceTimersByTime(25 * 60_000);
    expect(frames()).toBe(1);
    vi.advanceTimersByTime(5 * 60_000);
    expect(frames()).toBe(0);
    setVisibility('visible');
    expect(frames()).toBe(1);
  });

  it('lets go of the frame of a page view the tab has left, not the new one', () => {
    setVisibility('hidden');
    const host = new SidebarHost('arxiv');
    host.preload('view-1');
    host.show('arxiv:2007.12223', 3, 'view-1', true);
    vi.advanceTimersByTime(20 * 60_000);
    host.preload('view-2'); // an in-page navigation to another paper
    host.show('arxiv:1706.03762', 2, 'view-2', true);
    vi.advanceTimersByTime(20 * 60_000);
    expect(frames()).toBe(1);
    expect(root.querySelector('iframe')!.src).toContain('#view=view-2');
    vi.advanceTimersByTime(10 * 60_000);
    expect(frames()).toBe(0);
  });

  it("starts the frame before the site's choices are read, and drops it where the reader folded the sidebar", async () => {
    await fakeBrowser.storage.local.set({ 'sidebar:arxiv': { collapsed: true } });
    const host = new SidebarHost('arxiv');
    host.preload('view-1');
    expect(frames()).toBe(1);
    await host.loadPrefs();
    expect(frames()).toBe(0);
    host.show('arxiv:2007.12223', 3, 'view-1', true);
    expect(panelOpen()).toBe(false);
    expect(frames()).toBe(0);
    // The next page view on this site starts none.
    host.preload('view-2');
    expect(frames()).toBe(0);
  });

  it('keeps the preloaded frame where the sidebar was left open', async () => {
    await fakeBrowser.storage.local.set({ 'sidebar:arxiv': { collapsed: false, widthPx: 500 } });
    const host = new SidebarHost('arxiv');
    host.preload('view-1');
    const frame = root.querySelector('iframe');
    await host.loadPrefs();
    host.show('arxiv:2007.12223', 3, 'view-1', true);
    expect(panelOpen()).toBe(true);
    expect(root.querySelector('iframe')).toBe(frame);
    expect((root.querySelector('.panel') as HTMLElement).style.width).toBe('500px');
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
