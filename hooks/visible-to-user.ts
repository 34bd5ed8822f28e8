/**
 * Whether the user can really see this page. Inside a web page, the
 * sidebar frame can be made transparent, covered or transformed by the
 * page to trick a click onto ☆ Save (clickjacking); Intersection Observer
 * v2 reports that (`isVisible`), and actions that write refuse while it is
 * false. Where the browser cannot tell (no v2), the answer is yes.
 */
let visible = true;

interface V2Entry extends IntersectionObserverEntry {
  isVisible?: boolean;
}

if (typeof IntersectionObserver === 'function' && window.top !== window) {
  try {
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries as V2Entry[]) visible = entry.isVisible ?? true;
      },
      { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    observer.observe(document.documentElement);
  } catch (error) {
    console.warn('Sidenotes: cannot watch whether the sidebar is visible', error);
  }
}

export const visibleToUser = (): boolean => visible;

export const HIDDEN_BY_PAGE =
  'This page covers or hides the Sidenotes sidebar, so nothing was changed. Open Sidenotes in the side panel (Alt+Shift+P) to do this.';
