import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '@/utils/guards';
import { loadBundledSearch, loadFeedSearch } from '@/utils/search/load';
import { SearchSet } from '@/utils/search/search-set';

/**
 * What the popup and side panel search: the bundled index first (results
 * at once), joined by the synced ShortScience feed once it is built.
 */
export function useSearchSet(): { engine: SearchSet | null; error: string | null } {
  const [engine, setEngine] = useState<SearchSet | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadBundledSearch().then(
      (bundled) => {
        setEngine(new SearchSet([bundled]));
        loadFeedSearch().then(
          (feed) => feed && setEngine(new SearchSet([bundled, feed])),
          (e: unknown) => console.warn('Sidenotes: the ShortScience feed could not be searched', e),
        );
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, []);
  return { engine, error };
}
