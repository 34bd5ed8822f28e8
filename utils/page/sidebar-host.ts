import { browser } from 'wxt/browser';
import { SIDEBAR_CSS } from './sidebar-host.css';
import { readSidebarPrefs, writeSidebarPrefs, type SitePrefs } from './sidebar-prefs';

const DEFAULT_WIDTH_PX = 400;
/** A frame hidden this long (a background tab) is released; it comes back when the tab is looked at. */
const RELEASE_HIDDEN_FRAME_MS = 30 * 60_000;
const MIN_WIDTH_PX = 280;
const maxWidthPx = () => Math.max(MIN_WIDTH_PX, Math.round(innerWidth * 0.7));
const clampWidth = (px: number) => Math.min(maxWidthPx(), Math.max(MIN_WIDTH_PX, Math.round(px)));

/**
 * The sidebar beside the paper: a host element with a shadow root (page CSS
 * stays out), holding a collapsed tab, a resize handle, and an iframe of the
 * extension's sidebar page. The summaries and the user's library live only
 * in that extension-origin frame, which page scripts cannot read. The panel
 * overlays the page (position: fixed inside the shadow root) so the page's
 * own layout never shifts.
 */
export class SidebarHost {
  private readonly host: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly tab: HTMLButtonElement;
  private readonly tabCount: HTMLElement;
  private readonly title: HTMLElement;
  private readonly handle: HTMLElement;
  private frame: HTMLIFrameElement | undefined;
  private collapsed = true;
  private view = '';
  /** Whether public knowledge has summaries of this paper (the panel may open by itself). */
  private opens = false;
  private widthPx = DEFAULT_WIDTH_PX;
  private count = 0;
  private prefs: SitePrefs = {};
  /** A frame started by preload() whose page view show() has not answered yet. */
  private preloading = false;

  constructor(private readonly site: string) {
    this.host = document.createElement('sidenotes-sidebar');
    // Inline !important beats any page stylesheet rule aimed at the host.
    this.host.style.setProperty('all', 'initial', 'important');
    this.host.style.setProperty('display', 'block', 'important');
    // Closed: page scripts cannot read the count, the frame's address or restyle the parts.
    const root = this.host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = SIDEBAR_CSS;

    this.tab = el('button', 'tab');
    this.tab.type = 'button';
    this.tab.append(el('span', 'tab-label', 'Sidenotes'));
    this.tabCount = el('span', 'tab-count');
    this.tab.append(this.tabCount);
    this.tab.addEventListener('click', () => this.setCollapsed(false, true));

    this.panel = el('aside', 'panel');
    this.panel.setAttribute('aria-label', 'Sidenotes: summaries of this paper');
    this.handle = el('div', 'resize');
    this.handle.tabIndex = 0;
    this.handle.setAttribute('role', 'separator');
    this.handle.setAttribute('aria-orientation', 'vertical');
    this.handle.setAttribute('aria-label', 'Resize the sidebar (arrow keys)');
    this.bindResize();
    const bar = el('div', 'bar');
    this.title = el('span', 'bar-title', 'Sidenotes');
    const close = el('button', 'close', '⟩');
    close.type = 'button';
    close.title = 'Hide the sidebar (Esc)';
    close.setAttribute('aria-label', 'Hide the Sidenotes sidebar');
    close.addEventListener('click', () => this.setCollapsed(true, true));
    bar.append(this.title, close);
    this.panel.append(this.handle, bar);
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.setCollapsed(true, true);
    });

    root.append(style, this.tab, this.panel);
    document.addEventListener('visibilitychange', () => this.onVisibility());
  }

  /**
   * A tab opened or restored in the background gets its frame at once, so
   * that the sidebar is on screen the moment the tab is looked at: made
   * only then, it took 80–190 ms to show, against ~25 ms made before, for
   * ~2–3 MB more per background tab (`npm run bench`, "restored session").
   * A frame in a tab hidden for half an hour is let go, and comes back when
   * the tab is looked at.
   */
  private releaseTimer: ReturnType<typeof setTimeout> | undefined;
  private onVisibility() {
    if (document.visibilityState !== 'visible') return this.releaseLater();
    clearTimeout(this.releaseTimer);
    if (!this.collapsed) this.ensureFrame();
  }

  private releaseLater() {
    clearTimeout(this.releaseTimer);
    if (!this.frame) return;
    this.releaseTimer = setTimeout(() => {
      this.frame?.remove();
      this.frame = undefined;
    }, RELEASE_HIDDEN_FRAME_MS);
  }

  private ensureFrame() {
    if (this.frame) return;
    const frame = (this.frame = document.createElement('iframe'));
    frame.className = 'frame';
    frame.title = 'Sidenotes summaries';
    // The page view it shows: the frame ignores states of an earlier one.
    frame.src = browser.runtime.getURL(`/sidebar.html#view=${this.view}`);
    // The shell's background covers the panel only until the frame paints its
    // own: painted by the page over the panel's height, it costs every tab.
    frame.addEventListener(
      'load',
      () => requestAnimationFrame(() => requestAnimationFrame(() => frame.classList.add('loaded'))),
      { once: true },
    );
    this.panel.append(frame);
    if (document.visibilityState !== 'visible') this.releaseLater();
  }

  /**
   * Starts the frame before the look-up has answered, hidden: Chrome takes
   * 40–90 ms to commit an extension frame, and a stopped worker as long to
   * answer, so the two run side by side. It starts before this site's
   * choices are read too (loadPrefs drops it if the reader folded the
   * sidebar here). show() reveals it when the paper has summaries and drops
   * it when not.
   */
  preload(view: string): void {
    if (this.prefs.collapsed) return;
    this.preloading = true;
    this.view = view;
    this.frame?.remove();
    this.frame = undefined;
    this.tab.hidden = true;
    this.panel.hidden = true;
    this.widthPx = clampWidth(this.prefs.widthPx ?? DEFAULT_WIDTH_PX);
    this.panel.style.width = `${this.widthPx}px`;
    this.mount();
    this.ensureFrame();
  }

  private mount() {
    // From document_start the <html> element exists before anything else (Chrome, Firefox).
    if (!this.host.isConnected) (document.documentElement ?? document).append(this.host);
  }

  /** Reads this site's choices; call before show(), alongside the look-up. */
  async loadPrefs(): Promise<void> {
    this.prefs = await readSidebarPrefs(this.site);
    if (this.preloading && this.prefs.collapsed) {
      this.frame?.remove();
      this.frame = undefined;
    }
  }

  /**
   * Mounts (or updates) the sidebar for a paper with `count` summaries, in
   * one page view. It opens by itself only when `opens` (the bundled index,
   * public knowledge, has summaries): the page can see the panel open, so
   * whether it does must not tell the page about the user's own summaries
   * or private sources; those show in the tab's count, which it cannot read.
   */
  show(paperKey: string, count: number, view: string, opens: boolean): void {
    this.preloading = false;
    this.host.dataset.sidenotesPaper = paperKey;
    this.setCount(count);
    const prefs = this.prefs;
    this.widthPx = clampWidth(prefs.widthPx ?? DEFAULT_WIDTH_PX);
    // With nothing public to show, never cover the page: start as the small tab.
    this.opens = opens;
    const collapsed = !opens || (prefs.collapsed ?? false);
    this.mount();
    // A frame preloaded for this page view is kept; any other (a single-page
    // navigation's previous paper) goes, and so does one with nothing to show.
    if (this.view !== view || collapsed) {
      this.frame?.remove();
      this.frame = undefined;
    }
    this.view = view;
    this.setCollapsed(collapsed, false);
  }

  /**
   * The count changed: the tab shows it. The panel opens only when the page
   * view's public knowledge now has summaries (`opens`: the metadata's title
   * found the paper in the bundled index) and it stayed folded for lack of
   * them; never for sources' answers (see show()).
   */
  updateCount(paperKey: string, count: number, opens = false): void {
    if (this.host.dataset.sidenotesPaper !== paperKey) return;
    const couldNotOpen = !this.opens;
    this.opens ||= opens;
    this.setCount(count);
    if (couldNotOpen && this.opens && this.collapsed && !this.prefs.collapsed)
      this.setCollapsed(false, false);
  }

  private setCount(count: number) {
    this.count = count;
    this.tabCount.textContent = count > 99 ? '99+' : String(count);
    this.tab.title = `${count} summar${count === 1 ? 'y' : 'ies'} of this paper — open Sidenotes`;
    this.title.textContent = count ? `Sidenotes · ${count}` : 'Sidenotes';
  }

  toggle(byUser: boolean): void {
    this.setCollapsed(!this.collapsed, byUser);
  }

  setCollapsed(collapsed: boolean, byUser: boolean): void {
    this.collapsed = collapsed;
    this.panel.hidden = collapsed;
    this.tab.hidden = !collapsed;
    this.panel.style.width = `${this.widthPx}px`;
    if (!collapsed) this.ensureFrame();
    if (byUser) {
      (collapsed ? this.tab : this.frame)?.focus();
      // Only choices made where there is something to read are remembered;
      // opening an empty sidebar once must not make every empty page open it.
      if (this.count > 0) void this.writePrefs({ collapsed });
    }
  }

  remove(): void {
    this.host.remove();
  }

  private bindResize() {
    let startX = 0;
    let startWidth = 0;
    this.handle.addEventListener('pointerdown', (e) => {
      startX = e.clientX;
      startWidth = this.widthPx;
      this.handle.setPointerCapture(e.pointerId);
      this.panel.classList.add('resizing');
    });
    this.handle.addEventListener('pointermove', (e) => {
      if (!this.handle.hasPointerCapture(e.pointerId)) return;
      this.widthPx = clampWidth(startWidth + (startX - e.clientX));
      this.panel.style.width = `${this.widthPx}px`;
    });
    const end = (e: PointerEvent) => {
      if (!this.handle.hasPointerCapture(e.pointerId)) return;
      this.handle.releasePointerCapture(e.pointerId);
      this.panel.classList.remove('resizing');
      void this.writePrefs({ widthPx: this.widthPx });
    };
    this.handle.addEventListener('pointerup', end);
    this.handle.addEventListener('pointercancel', end);
    this.handle.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowLeft' ? 24 : e.key === 'ArrowRight' ? -24 : 0;
      if (!step) return;
      e.preventDefault();
      this.widthPx = clampWidth(this.widthPx + step);
      this.panel.style.width = `${this.widthPx}px`;
      void this.writePrefs({ widthPx: this.widthPx });
    });
  }

  /** One write at a time, in order: a quick close-then-open must not be stored as closed. */
  private writing: Promise<void> = Promise.resolve();
  private writePrefs(change: SitePrefs): Promise<void> {
    this.writing = this.writing
      .then(async () => {
        this.prefs = { ...(await readSidebarPrefs(this.site)), ...change };
        await writeSidebarPrefs(this.site, this.prefs);
      })
      .catch((error: unknown) =>
        console.warn('Sidenotes: could not keep the sidebar state', error),
      );
    return this.writing;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const node = document.createElement(tag);
  node.className = className;
  if (text) node.textContent = text;
  return node;
}
