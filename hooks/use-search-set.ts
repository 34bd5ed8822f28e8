import { useLayoutEffect, useState } from 'preact/hooks';
import { errorMessage } from '@/utils/core/guards';
import {
  loadBundledSearch,
  loadFeedSearch,
  loadRemoteIndexSearches,
} from '@/utils/sources/search-engines';
import { SearchSet } from '@/utils/search/search-set';

/**
 * What the popup and side panel search: the bundled index first (results at
 * once), joined by the kept ShortScience feed and the remote indexes
 * downloaded for offline use.
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
        Promise.all([loadFeedSearch(), loadRemoteIndexSearches()]).then(
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
