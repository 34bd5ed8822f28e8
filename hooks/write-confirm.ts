/**
 * A second, unforeseeable click before a write from the in-page sidebar,
 * where the browser cannot say whether the page covers the frame (no
 * Intersection Observer v2: Firefox). A page can lay a `pointer-events:
 * none` decoy over the sidebar and lure one click onto ☆ Save, but the write
 * then waits for a Confirm button that
 * - appears only after that click, at a random place in the frame away from
 *   where the click landed (a decoy cannot know where to lure the next one),
 * - takes only a pointer press that starts on it at least CONFIRM_MIN_MS
 *   after it was painted (no double click, no press made before it was there),
 * - is cancelled by any press anywhere else (one guess per lure, not a game
 *   of whack-a-mole over the whole frame).
 * Keyboard: Enter or Space on the button counts once it has been focused
 * after it appeared (the page cannot move focus or type inside the frame).
 * Pure: the clock and the dice are given, the frame listens and paints
 * (hooks/use-write-confirm.ts, components/WriteConfirm.tsx).
 */
export const CONFIRM_MIN_MS = 500;
/** The confirm's footprint (CSS px) where it is placed; the component keeps to it. */
export const CONFIRM_BOX = { width: 240, height: 150 } as const;
/** How far (CSS px) from the first click the confirm's box stays. */
const AWAY_PX = 40;
const MARGIN_PX = 8;

export interface Point {
  x: number;
  y: number;
}
export interface Size {
  width: number;
  height: number;
}

/** What the frame shows while a write waits for its confirmation. */
export interface PendingConfirm {
  id: number;
  label: string;
  /** The box's top-left corner in the frame (CSS px). */
  at: Point;
}

/**
 * A top-left corner for a `box` inside `area`, uniformly at random among
 * those whose box stays AWAY_PX from `avoid` (the click that asked). With
 * no room away from it (a tiny frame), anywhere: the delay still holds.
 */
export function placeConfirm(
  area: Size,
  avoid: Point | null,
  random: () => number,
  box: Size = CONFIRM_BOX,
): Point {
  const maxX = Math.max(MARGIN_PX, area.width - box.width - MARGIN_PX);
  const maxY = Math.max(MARGIN_PX, area.height - box.height - MARGIN_PX);
  const pick = (): Point => ({
    x: Math.round(MARGIN_PX + random() * (maxX - MARGIN_PX)),
    y: Math.round(MARGIN_PX + random() * (maxY - MARGIN_PX)),
  });
  const clear = (p: Point) =>
    !avoid ||
    avoid.x < p.x - AWAY_PX ||
    avoid.x > p.x + box.width + AWAY_PX ||
    avoid.y < p.y - AWAY_PX ||
    avoid.y > p.y + box.height + AWAY_PX;
  for (let i = 0; i < 64; i++) {
    const p = pick();
    if (clear(p)) return p;
  }
  return pick();
}

export interface ConfirmGate {
  /** Asks for a confirmation of `run`; a pending one is cancelled first. */
  request(label: string, run: () => void, cancelled: () => void, area: Size): PendingConfirm;
  /** The confirm has been painted: the delay starts now. */
  shown(id: number): void;
  /** A trusted pointer press in the frame: on the confirm button, or elsewhere (a miss). */
  pointerDown(onButton: boolean): void;
  /** The button was focused (by the user: nothing else can focus inside the frame). */
  focused(): void;
  /**
   * The button's click: `byPointer` (detail > 0) or by the keyboard. Runs the
   * write, in the click's own task (a permission request needs its gesture),
   * if the click was earned; cancels otherwise. True if it ran.
   */
  activate(byPointer: boolean): boolean;
  cancel(): void;
  current(): PendingConfirm | null;
  subscribe(listener: (pending: PendingConfirm | null) => void): () => void;
  /** Where the last trusted press landed (the click that asks is placed away from). */
  pressedAt(point: Point): void;
}

export function createConfirmGate({
  now,
  random,
}: {
  now: () => number;
  random: () => number;
}): ConfirmGate {
  let pending:
    | (PendingConfirm & {
        run: () => void;
        cancelled: () => void;
        shownAt: number | null;
        pressedOnButtonAt: number | null;
        focusedAt: number | null;
      })
    | null = null;
  let lastPress: Point | null = null;
  let nextId = 1;
  const listeners = new Set<(pending: PendingConfirm | null) => void>();
  const view = (): PendingConfirm | null =>
    pending && { id: pending.id, label: pending.label, at: pending.at };
  const emit = () => listeners.forEach((l) => l(view()));
  const earned = (since: number | null) =>
    pending?.shownAt != null && since !== null && since - pending.shownAt >= CONFIRM_MIN_MS;

  const gate: ConfirmGate = {
    request(label, run, cancelled, area) {
      if (pending) gate.cancel();
      pending = {
        id: nextId++,
        label,
        at: placeConfirm(area, lastPress, random),
        run,
        cancelled,
        shownAt: null,
        pressedOnButtonAt: null,
        focusedAt: null,
      };
      const made = view()!;
      emit();
      return made;
    },
    shown(id) {
      if (pending?.id === id && pending.shownAt === null) pending.shownAt = now();
    },
    pointerDown(onButton) {
      if (!pending) return;
      const at = now();
      // A press too soon, or anywhere else, spends the confirmation.
      if (onButton && earned(at)) pending.pressedOnButtonAt = at;
      else gate.cancel();
    },
    focused() {
      if (pending?.shownAt != null && pending.focusedAt === null) pending.focusedAt = now();
    },
    activate(byPointer) {
      if (!pending) return false;
      const ok = byPointer
        ? pending.pressedOnButtonAt !== null
        : pending.focusedAt !== null && earned(now());
      if (!ok) {
        gate.cancel();
        return false;
      }
      const { run } = pending;
      pending = null;
      emit();
      run();
      return true;
    },
    cancel() {
      if (!pending) return;
      const { cancelled } = pending;
      pending = null;
      emit();
      cancelled();
    },
    current: view,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pressedAt(point) {
      lastPress = point;
    },
  };
  return gate;
}
