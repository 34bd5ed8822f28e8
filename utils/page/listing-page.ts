/**
 * The paper script's DOMContentLoaded work on a listing page waits for the
 * page's first frame after it. The listing script, on finding a list,
 * leaves here how to wait (`afterFrame`); the paper script reads it at
 * DOMContentLoaded. Both run in the extension's one isolated world of the
 * page (a global there is theirs alone, never the page's), the listing
 * script registered after the paper script, both at document_start. Where
 * the two did not share it, the paper script would only do its work at
 * DOMContentLoaded, as it does on paper pages; the waiting's code stays in
 * the listing script's size budget.
 */
type Later = (then: () => void) => void;
/** How long work after the frame waits, at most, for the page to be idle. */
export const AFTER_FRAME_MAX_MS = 300;
const shared = globalThis as { sidenotesLater?: Later };

/** Once the page has drawn its next frame and is idle (`max` ms at most after it). */
export const afterFrame =
  (max: number): Later =>
  (then) =>
    requestAnimationFrame(() => requestIdleCallback(then, { timeout: max }));

/** The listing script: whether this page is a list (the paper script's work then waits). */
export function markListingPage(on: boolean): void {
  shared.sidenotesLater = on ? afterFrame(AFTER_FRAME_MAX_MS) : undefined;
}

/** The paper script: `then` now, or on a listing page once it has drawn its frame. */
export const unlessListing = (then: () => void): void =>
  (shared.sidenotesLater ?? ((now) => now()))(then);
