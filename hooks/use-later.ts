import { useEffect, useState } from 'preact/hooks';

/**
 * A module loaded only once `when` is true (e.g. after the first paint):
 * code a view does not need for its first frame is then neither fetched
 * nor compiled before it. null until loaded.
 */
export function useLater<T>(when: boolean, load: () => Promise<T>): T | null {
  const [loaded, setLoaded] = useState<{ value: T } | null>(null);
  useEffect(() => {
    if (!when || loaded) return;
    let live = true;
    load().then(
      (value) => live && setLoaded({ value }),
      (e: unknown) => console.warn('Sidenotes: a part of this view could not be loaded', e),
    );
    return () => {
      live = false;
    };
  }, [when]);
  return loaded?.value ?? null;
}
