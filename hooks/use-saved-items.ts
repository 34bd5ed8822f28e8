import { useEffect, useState } from 'preact/hooks';
import type { LibraryItem } from '@/utils/core/library-item';
import { library, onLibraryChange } from '@/utils/db/open';
import { countItems, latestItems } from '@/utils/library/library';

/** The newest saved items and the library's size, kept current across pages; nothing while `count` is 0. */
export function useSavedItems(count: number): { items: LibraryItem[]; total: number } | null {
  const [saved, setSaved] = useState<{ items: LibraryItem[]; total: number } | null>(null);
  useEffect(() => {
    if (!count) return;
    const load = async () => {
      try {
        const db = await library();
        const [items, total] = await Promise.all([latestItems(db, count), countItems(db)]);
        setSaved({ items, total });
      } catch (e) {
        console.warn('Sidenotes: library', e);
      }
    };
    void load();
    return onLibraryChange(() => void load());
  }, [count]);
  return saved;
}
