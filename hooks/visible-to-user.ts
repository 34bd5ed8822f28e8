/**
 * Whether the user can really see this page, and has for a moment. Inside a
 * web page, the sidebar frame can be covered, made transparent or moved by
 * the page to trick a click onto ☆ Save or Always ask (clickjacking), or
 * uncovered just before a click it provoked. Intersection Observer v2
 * reports what is visible (`isVisible`); actions that write or ask for a
 * permission refuse unless the frame has been seen for MIN_VISIBLE_MS, as
 * Chrome's own prompts wait before they accept a click. A top-level
 * extension page (side panel, popup) cannot be covered by a web page. Where
 * the browser cannot tell (no v2: Firefox), the answer is yes, and
 * visibilityUnknown() says so: writes then wait for a confirmation that a
 * page cannot foresee (hooks/write-confirm.ts).
 */
const MIN_VISIBLE_MS = 300;

interface V2Entry extends IntersectionObserverEntry {
  isVisible?: boolean;
}

/** Since when the frame has been visible (ms, performance clock; -Infinity: always); null while it is not. */
let visibleSince: number | null = -Infinity;
/** In a frame whose browser cannot say whether the page covers it. */
let unknown = false;

if (window.top !== window && typeof IntersectionObserver !== 'function') unknown = true;
else if (window.top !== window) {
  visibleSince = null; // until the observer has said so
  try {
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries as V2Entry[]) {
          if (entry.isVisible === undefined) {
            visibleSince = -Infinity;
            unknown = true;
          } else if (!entry.isVisible) visibleSince = null;
          else visibleSince ??= performance.now();
        }
        // For tests, which act as a person who reads first (the page cannot read this frame).
        document.documentElement.dataset.seenSince =
          visibleSince === null ? '' : String(visibleSince);
      },
      { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    observer.observe(document.documentElement);
  } catch (error) {
    visibleSince = -Infinity;
    unknown = true;
    console.warn('Sidenotes: cannot watch whether the sidebar is visible', error);
  }
}

export const visibleToUser = (): boolean =>
  visibleSince !== null && performance.now() - visibleSince >= MIN_VISIBLE_MS;

/** True in an in-page frame where visibleToUser() cannot know (no Intersection Observer v2). */
export const visibilityUnknown = (): boolean => unknown;

export const HIDDEN_BY_PAGE =
  'This page covers or hides the Sidenotes sidebar, so nothing was changed. Open Sidenotes in the side panel (Alt+Shift+P) to do this.';
