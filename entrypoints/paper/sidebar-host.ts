import { browser } from 'wxt/browser';
import { SIDEBAR_CSS } from './sidebar-host.css';

/** Per-site choices, so arXiv and OpenReview can each keep their own. */
interface SitePrefs {
  collapsed?: boolean;
  widthPx?: number;
}

const DEFAULT_WIDTH_PX = 400;
/** A frame hidden this long (a background tab) is released; it comes back when the tab is looked at. */
const RELEASE_HIDDEN_FRAME_MS = 5 * 60_000;
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
  private widthPx = DEFAULT_WIDTH_PX;
  private count = 0;
  private prefs: SitePrefs = {};
  private readonly prefsKey: string;

  constructor(site: string) {
    this.prefsKey = `sidebar:${site}`;
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
   * Frames cost memory (~15 MB each): a tab restored in the background gets
   * its tab and count only, and its frame when first looked at; a frame in
   * a tab hidden for long is let go.
   */
  private releaseTimer: ReturnType<typeof setTimeout> | undefined;
  private onVisibility() {
    clearTimeout(this.releaseTimer);
    if (document.visibilityState === 'visible') {
      if (!this.collapsed) this.ensureFrame();
    } else if (this.frame) {
      this.releaseTimer = setTimeout(() => {
        this.frame?.remove();
        this.frame = undefined;
      }, RELEASE_HIDDEN_FRAME_MS);
    }
  }

  private ensureFrame() {
    if (this.frame || document.visibilityState !== 'visible') return;
    this.frame = document.createElement('iframe');
    this.frame.className = 'frame';
    this.frame.title = 'Sidenotes summaries';
    // The page view it shows: the frame ignores states of an earlier one.
    this.frame.src = browser.runtime.getURL(`/sidebar.html#view=${this.view}`);
    this.panel.append(this.frame);
  }

  /**
   * Starts the frame before the look-up has answered, hidden: Chrome takes
   * 40–90 ms to commit an extension frame, and a stopped worker as long to
   * answer, so the two run side by side. show() reveals it when the paper
   * has summaries and drops it when not.
   */
  preload(view: string): void {
    if (this.prefs.collapsed || document.visibilityState !== 'visible') return;
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
    this.prefs = await this.readPrefs();
  }

  /** Mounts (or updates) the sidebar for a paper with `count` summaries, in one page view. */
  show(paperKey: string, count: number, view: string): void {
    this.host.dataset.sidenotesPaper = paperKey;
    this.setCount(count);
    const prefs = this.prefs;
    this.widthPx = clampWidth(prefs.widthPx ?? DEFAULT_WIDTH_PX);
    // With nothing to show, never cover the page: start as the small tab.
    const collapsed = count === 0 ? true : (prefs.collapsed ?? false);
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
   * Remote sources found more: the tab shows the new count, and a sidebar
   * that stayed folded only for lack of summaries opens as the site's
   * setting says. The frame is kept: it streams the same answers itself.
   */
  updateCount(paperKey: string, count: number): void {
    if (this.host.dataset.sidenotesPaper !== paperKey) return;
    const wasEmpty = this.count === 0;
    this.setCount(count);
    if (wasEmpty && count > 0 && this.collapsed && !this.prefs.collapsed)
      this.setCollapsed(false, false);
  }

  private setCount(count: number) {
    this.count = count;
    this.tabCount.textContent = String(count);
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

  private async readPrefs(): Promise<SitePrefs> {
    const stored = (await browser.storage.local.get(this.prefsKey))[this.prefsKey];
    return typeof stored === 'object' && stored !== null ? (stored as SitePrefs) : {};
  }

  /** One write at a time, in order: a quick close-then-open must not be stored as closed. */
  private writing: Promise<void> = Promise.resolve();
  private writePrefs(change: SitePrefs): Promise<void> {
    this.writing = this.writing
      .then(async () => {
        this.prefs = { ...(await this.readPrefs()), ...change };
        await browser.storage.local.set({ [this.prefsKey]: this.prefs });
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
