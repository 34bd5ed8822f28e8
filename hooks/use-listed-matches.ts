import { useEffect, useState } from 'preact/hooks';
import type { ListedMatches } from '@/utils/core/tab-state';
import { onLibraryChange } from '@/utils/db/open';
import { sendToWorker } from '@/utils/messaging/client';

/**
 * Which papers on a tab's listing page are in the user's library: asked of
 * the worker by this extension page, never shown to the listing page
 * itself (its badges come from the bundled index only). Null for no tab.
 */
export function useListedMatches(tabId: number | null): ListedMatches | null {
  const [matches, setMatches] = useState<ListedMatches | null>(null);
  useEffect(() => {
    setMatches(null);
    if (tabId === null || tabId < 0) return;
    const load = () =>
      sendToWorker('view:listed-matches', { tabId })
        .then(setMatches)
        .catch((error: unknown) => console.warn('Sidenotes: listed papers', error));
    void load();
    return onLibraryChange(() => void load());
  }, [tabId]);
  return matches;
}
