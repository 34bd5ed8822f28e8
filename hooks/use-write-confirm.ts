import { useEffect, useState } from 'preact/hooks';
import { HIDDEN_BY_PAGE, visibilityUnknown, visibleToUser } from './visible-to-user';
import { createConfirmGate, type PendingConfirm } from './write-confirm';

/** The attribute that marks the confirm button (components/WriteConfirm.tsx). */
export const CONFIRM_BUTTON_ATTRIBUTE = 'data-confirm-write';

const randomUnit = () => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;

/** This frame's one confirmation at a time. */
export const writeConfirm = createConfirmGate({ now: () => performance.now(), random: randomUnit });

// Every trusted press in an in-page frame: where the asking click landed, and whether a
// press while a confirm waits is on its button or a miss. Capture: before any handler.
if (window.top !== window) {
  addEventListener(
    'pointerdown',
    (e) => {
      if (!e.isTrusted) return;
      writeConfirm.pressedAt({ x: e.clientX, y: e.clientY });
      writeConfirm.pointerDown(
        e.target instanceof Element && e.target.closest(`[${CONFIRM_BUTTON_ATTRIBUTE}]`) !== null,
      );
    },
    true,
  );
}

/**
 * A write from the user's click (save, delete, turning a source on): run at
 * once where the frame is known to be seen, refused where it is known to be
 * covered, and confirmed first where the browser cannot tell (Firefox). `run`
 * is called in a click's own task (a permission request keeps its gesture);
 * `refused` gets the reason to show, or null when the confirm was cancelled.
 */
export function guardWrite(
  label: string,
  run: () => void,
  refused: (why: string | null) => void,
): void {
  if (visibilityUnknown()) {
    writeConfirm.request(label, run, () => refused(null), {
      width: innerWidth,
      height: innerHeight,
    });
  } else if (!visibleToUser()) {
    // For tests, a positive signal that this click was turned down in its own task
    // (the page cannot read this frame): how many writes it has refused so far.
    const root = document.documentElement;
    root.dataset.refusedWrites = String(Number(root.dataset.refusedWrites ?? 0) + 1);
    refused(HIDDEN_BY_PAGE);
  } else run();
}

/** The confirmation the frame waits for, if any. */
export function usePendingConfirm(): PendingConfirm | null {
  const [pending, setPending] = useState(writeConfirm.current());
  useEffect(() => writeConfirm.subscribe(setPending), []);
  return pending;
}
