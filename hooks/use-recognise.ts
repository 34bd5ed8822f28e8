import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '@/utils/core/guards';
import { sendToWorker } from '@/utils/messaging/client';
import { browser } from '@/utils/platform/browser';
import { onPermissionsChanged } from '@/utils/platform/permission-events';
import { hostOfPattern } from '@/utils/core/url';
import {
  EVERY_SITE,
  hostPatternOf,
  isWatched,
  loadRecognise,
  RECOGNISE_KEY,
  saveRecognise,
  watchedPatterns,
  type RecogniseSettings,
} from '@/utils/sources/recognise';

/** What the popup offers on a page of a site Sidenotes does not watch, once it found a paper there. */
export interface AlwaysOnProps {
  /** The site's host, for people (`dl.acm.org`). */
  host: string;
  /** Sidenotes recognises papers on this host by itself. */
  on: boolean;
  /** "Recognise papers on every site" is on: nothing to offer per host. */
  everySite: boolean;
  error: string | null;
  onToggle(on: boolean): void;
}

export interface RecogniseState {
  settings: RecogniseSettings;
  /** Whether the browser granted the all-sites permission; null until it has said. */
  everySiteGranted: boolean | null;
  /** The chosen hosts the browser (still) grants. */
  grantedHosts: ReadonlySet<string>;
  error: string | null;
  /** Call from the user's click: the permission request must be in the click's task. */
  setHost(pattern: string, on: boolean): void;
  setEverySite(on: boolean): void;
}

/**
 * Where Sidenotes recognises papers beyond the paper sites (utils/sources/recognise.ts),
 * kept current when the choice or the browser's grants change elsewhere. The
 * worker registers the probe from the same two facts; this only edits them.
 */
export function useRecognise(): RecogniseState {
  const [settings, setSettings] = useState<RecogniseSettings>({ hosts: [], everySite: false });
  const [everySiteGranted, setEverySiteGranted] = useState<boolean | null>(null);
  const [grantedHosts, setGrantedHosts] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const refresh = async () => {
      const current = await loadRecognise();
      const granted = new Set<string>();
      for (const host of current.hosts)
        if (await browser.permissions.contains({ origins: [host] })) granted.add(host);
      setSettings(current);
      setGrantedHosts(granted);
      setEverySiteGranted(await browser.permissions.contains({ origins: EVERY_SITE }));
    };
    const show = () => void refresh().catch((e: unknown) => setError(errorMessage(e)));
    show();
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && changes[RECOGNISE_KEY]) show();
    };
    browser.storage.onChanged.addListener(onChange);
    const unsubscribe = onPermissionsChanged(show);
    return () => {
      browser.storage.onChanged.removeListener(onChange);
      unsubscribe();
    };
  }, []);

  /** Saves a change (the worker follows it); shown at once, whatever the browser says later. */
  const save = (next: RecogniseSettings) => {
    setSettings(next);
    return saveRecognise(next).catch((e: unknown) => setError(errorMessage(e)));
  };

  /**
   * Gives a permission back unless a remote source the user turned on, or
   * the connected sync folder, still needs it.
   */
  const release = async (origins: string[]) => {
    // Loaded on demand: the popup's first paint does not wait for the sources' catalogue.
    const [{ neededOrigins }, { loadSettings }, { syncOrigins }] = await Promise.all([
      import('@/utils/sources/catalog'),
      import('@/utils/sources/settings-store'),
      import('@/utils/sync/config'),
    ]);
    const needed = neededOrigins(await loadSettings());
    const kept = await syncOrigins();
    const unused = origins.filter((o) => !needed.has(o) && !kept.includes(o));
    // Hosts the build requires (the end-to-end build's) cannot be given back: fine.
    if (unused.length) await browser.permissions.remove({ origins: unused }).catch(() => false);
  };

  return {
    settings,
    everySiteGranted,
    grantedHosts,
    error,
    setHost(pattern, on) {
      setError(null);
      const hosts = settings.hosts.filter((h) => h !== pattern);
      if (!on) {
        void save({ ...settings, hosts }).then(() => release([pattern]));
        return;
      }
      // Saved first and asked in the same task: Firefox closes the popup when it prompts.
      void save({ ...settings, hosts: [...hosts, pattern] });
      browser.permissions.request({ origins: [pattern] }).then(
        (granted) => {
          if (granted) return setGrantedHosts(new Set([...grantedHosts, pattern]));
          setError(
            `The browser did not let Sidenotes read ${new URL(pattern.replace('*', '')).host}.`,
          );
          void save({ ...settings, hosts });
        },
        (e: unknown) => setError(errorMessage(e)),
      );
    },
    setEverySite(on) {
      setError(null);
      if (!on) {
        void save({ ...settings, everySite: false }).then(() => release(EVERY_SITE));
        return;
      }
      // Granted already (or once before): no prompt.
      if (everySiteGranted) {
        void save({ ...settings, everySite: true });
        return;
      }
      void save({ ...settings, everySite: true });
      browser.permissions.request({ origins: EVERY_SITE }).then(
        (granted) => {
          setEverySiteGranted(granted);
          if (granted) return;
          setError('Stays off: the browser did not let Sidenotes read every site.');
          void save({ ...settings, everySite: false });
        },
        (e: unknown) => setError(errorMessage(e)),
      );
    },
  };
}

/**
 * The popup's toolbar click on a page no script of Sidenotes watches: the
 * click lent the extension this tab (activeTab), and the worker looks once
 * for a paper there, once per tab the popup shows (the worker leaves watched
 * pages and papers it knows alone).
 */
export function useRecogniseTab(tabId: number | null): void {
  // Once per tab: the click lent that page, not the ones the tab moves on to while this is open.
  const asked = useRef<number | null>(null);
  useEffect(() => {
    if (tabId === null || asked.current === tabId) return;
    asked.current = tabId;
    sendToWorker('view:recognise-tab', { tabId })
      .catch((e: unknown) => console.warn('Sidenotes: recognise', e))
      // For tests: the worker has answered for this tab (a positive signal, not a wait).
      .finally(() => (document.documentElement.dataset.recognisedTab = String(tabId)));
  }, [tabId]);
}

/** The popup's "Always on <host>" offer for the paper shown, or null where none is made. */
export function useAlwaysOnOffer(paperUrl: string | undefined): AlwaysOnProps | null {
  const recognise = useRecognise();
  const pattern = alwaysOnPattern(paperUrl);
  if (!pattern) return null;
  return {
    host: hostOfPattern(pattern),
    on: recognise.settings.hosts.includes(pattern) && recognise.grantedHosts.has(pattern),
    everySite: recognise.settings.everySite && recognise.everySiteGranted === true,
    error: recognise.error,
    onToggle: (on) => recognise.setHost(pattern, on),
  };
}

/** The "Always on" offer for a tab's page: its host pattern, unless the manifest watches it already. */
export function alwaysOnPattern(url: string | undefined): string | null {
  if (!url || isWatched(url, watchedPatterns())) return null;
  return hostPatternOf(url);
}
