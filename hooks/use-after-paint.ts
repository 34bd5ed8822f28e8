import { useEffect, useState } from 'preact/hooks';

/**
 * False until the page's first frame is painted: work that can wait (the
 * saved list, this tab's paper) starts after the first search results, not
 * beside them.
 */
export function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    const id = requestAnimationFrame(() => setTimeout(() => setPainted(true)));
    return () => cancelAnimationFrame(id);
  }, []);
  return painted;
}
