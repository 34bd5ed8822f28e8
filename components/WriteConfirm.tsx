import { useEffect } from 'preact/hooks';
import {
  CONFIRM_BUTTON_ATTRIBUTE,
  usePendingConfirm,
  writeConfirm,
} from '@/hooks/use-write-confirm';
import { CONFIRM_BOX } from '@/hooks/write-confirm';

/**
 * The confirmation a write waits for where the browser cannot tell whether
 * the page covers the sidebar (hooks/write-confirm.ts): at its random place,
 * counted from its first painted frame.
 */
export function WriteConfirm() {
  const pending = usePendingConfirm();
  const id = pending?.id;
  useEffect(() => {
    if (id === undefined) return;
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => writeConfirm.shown(id));
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, [id]);
  if (!pending) return null;
  return (
    <div
      class="write-confirm"
      role="alertdialog"
      aria-labelledby="write-confirm-label"
      aria-describedby="write-confirm-why"
      data-testid="write-confirm"
      style={{
        left: `${pending.at.x}px`,
        top: `${pending.at.y}px`,
        width: `${CONFIRM_BOX.width}px`,
        minHeight: `${CONFIRM_BOX.height}px`,
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation(); // the frame's own Esc folds the sidebar
        writeConfirm.cancel();
      }}
    >
      <p id="write-confirm-label" class="write-confirm-label">
        {pending.label}
      </p>
      <div class="write-confirm-actions">
        <button
          type="button"
          class="write-confirm-yes"
          {...{ [CONFIRM_BUTTON_ATTRIBUTE]: '' }}
          data-testid="write-confirm-button"
          onFocus={() => writeConfirm.focused()}
          onClick={(e) => writeConfirm.activate(e.detail > 0)}
        >
          Confirm
        </button>
        <button
          type="button"
          class="link-button"
          data-testid="write-confirm-cancel"
          onClick={() => writeConfirm.cancel()}
        >
          Cancel
        </button>
      </div>
      <p id="write-confirm-why" class="write-confirm-why">
        This browser cannot tell Sidenotes whether the page hides the sidebar, so changes made here
        are confirmed here.
      </p>
    </div>
  );
}
