import { useEffect, useState } from 'preact/hooks';

/** Resolves once the next frame is painted and the task after it has run. */
export const afterNextPaint = (): Promise<void> =>
  new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));

/**
 * False until `when` is true and the frame after that is painted: work that
 * can wait (the saved list, this tab's paper) starts after the first search
 * results, not beside them, and not in the effects run after their frame
 * (where the popup notes that its results are on screen).
 */
export function useAfterPaint(when = true): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!when || painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const id = requestAnimationFrame(() => (timer = setTimeout(() => setPainted(true))));
    return () => {
      cancelAnimationFrame(id);
      clearTimeout(timer);
    };
  }, [when]);
  return painted;
}
