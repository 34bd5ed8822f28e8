import { PopupTab } from '@/components/PopupTab';
import { SavedList } from '@/components/SavedList';
import { useLater } from '@/hooks/use-later';
import { useListedMatches } from '@/hooks/use-listed-matches';
import { usePaperSiteAccess } from '@/hooks/use-paper-site-access';
import { usePreferences } from '@/hooks/use-preferences';
import { useAlwaysOnOffer, useRecogniseTab } from '@/hooks/use-recognise';
import { useSavedItems } from '@/hooks/use-saved-items';
import { useTabState } from '@/hooks/use-tab-state';

// The popup's parts beside its search, loaded once its first frame is painted (main.tsx).

/** This tab's paper (or its listed papers), followed from the worker. */
export function TabPart(props: { follow: number | undefined; onOpen(url: string): void }) {
  const tab = useTabState({ window: props.follow ?? 'last-focused' });
  const state = tab.status === 'ready' ? tab.state : null;
  const listed = useListedMatches(state && !state.paper ? state.tabId : null);
  // The toolbar click lent this tab (activeTab): on a site nothing watches, look once for a paper.
  useRecogniseTab(state?.tabId ?? null);
  return (
    <PopupTab
      state={state}
      CurrentPaper={useLater(true, () =>
        import('@/components/CurrentPaper').then((m) => m.CurrentPaper),
      )}
      images={usePreferences().images}
      listed={listed}
      access={usePaperSiteAccess()}
      alwaysOn={useAlwaysOnOffer(state?.paper?.url)}
      onOpen={props.onOpen}
    />
  );
}

/** The newest saved items. */
export function SavedPart(props: { onOpenLibrary(): void }) {
  const saved = useSavedItems(5);
  return (
    saved && (
      <SavedList items={saved.items} total={saved.total} onOpenLibrary={props.onOpenLibrary} />
    )
  );
}
