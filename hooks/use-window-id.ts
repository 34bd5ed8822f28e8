import { useEffect, useState } from 'preact/hooks';
import { browser } from '@/utils/platform/browser';

/** The window this page belongs to, or the one named by `?window=<id>` when opened as a tab. */
export function useWindowId(): number | undefined {
  const named = Number(new URLSearchParams(location.search).get('window')) || undefined;
  const [windowId, setWindowId] = useState<number | undefined>(named);
  useEffect(() => {
    if (named === undefined) void browser.windows.getCurrent().then((w) => setWindowId(w.id));
  }, []);
  return windowId;
}
