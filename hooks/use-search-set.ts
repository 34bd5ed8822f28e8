import { useLayoutEffect, useState } from 'preact/hooks';
import { errorMessage } from '@/utils/core/guards';
import { loadBundledSearch } from '@/utils/sources/bundled-search';
import { SearchSet } from '@/utils/search/search-set';
import { afterNextPaint } from './use-after-paint';

/**
 * What the popup and side panel search: the bundled index first (results at
 * once), joined by the kept ShortScience feed and the remote indexes
 * downloaded for offline use. Those read IndexedDB and settings: their code
 * is loaded once the bundled index's results are painted, not before.
 */
export function useSearchSet(): { engine: SearchSet | null; error: string | null } {
  const [engine, setEngine] = useState<SearchSet | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A layout effect runs before the first paint, a plain one only after it: the
  // index's bytes are usually read by then, and results make the first frame.
  useLayoutEffect(() => {
    loadBundledSearch().then(
      (bundled) => {
        setEngine(new SearchSet([bundled]));
        // After the frame that shows its results: in Firefox, import() itself takes ~10 ms.
        afterNextPaint()
          .then(() => import('@/utils/sources/search-engines'))
          .then((kept) => Promise.all([kept.loadFeedSearch(), kept.loadRemoteIndexSearches()]))
          .then(
            ([feed, remote]) => {
              const more = [...(feed ? [feed] : []), ...remote];
              if (more.length) setEngine(new SearchSet([bundled, ...more]));
            },
            (e: unknown) => console.warn('Sidenotes: kept sources could not be searched', e),
          );
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, []);
  return { engine, error };
}
