import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '@/utils/core/guards';
import { library } from '@/utils/db/open';
import { clearRemoteCache } from '@/utils/db/remote-cache';
import { browser } from '@/utils/platform/browser';
import { onPermissionsChanged } from '@/utils/platform/permission-events';
import { SOURCE_DESCRIPTIONS, type SourceDescription } from '@/utils/sources/catalog';
import { grant, withoutPermission } from '@/utils/sources/permissions';
import type { RemoteStatus } from '@/utils/sources/remote-index';
import {
  defaultSettings,
  hostsOf,
  originPattern,
  type SourceSettings,
} from '@/utils/sources/settings';
import { loadSettings, saveSettings } from '@/utils/sources/settings-store';
import {
  feedStatus,
  indexStatuses,
  saveIndexStatus,
  type FeedStatus,
} from '@/utils/sources/status-store';
import { syncFeedAndRecord } from '@/utils/sources/sync-feed';
import { releaseUnusedHosts } from '@/utils/sync/release';
import { syncSoon } from './use-sync';
import type { Notice } from './notice';

/**
 * The source settings as the options page edits them: every switch, the
 * remote indexes and their status, kept current when the settings or the
 * browser's permissions change elsewhere. Turning a source on asks the
 * browser for its hosts (call it from the user's click); off gives them back.
 */
export function useSourceSettings() {
  const [settings, setSettings] = useState<SourceSettings>(defaultSettings());
  const [loaded, setLoaded] = useState(false);
  const [statuses, setStatuses] = useState<Record<string, RemoteStatus>>({});
  const [feed, setFeed] = useState<FeedStatus | null>(null);
  /** Sources switched on whose host permission was since taken back (browser settings). */
  const [unpermitted, setUnpermitted] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<Notice>(null);

  useEffect(() => {
    const refresh = async () => {
      const current = await loadSettings();
      setSettings(current);
      setUnpermitted(await withoutPermission(current));
      setStatuses(await indexStatuses());
      setFeed(await feedStatus());
      setLoaded(true);
    };
    const show = () =>
      void refresh().catch((e: unknown) => setNotice({ text: errorMessage(e), error: true }));
    show();
    const onChange = (_changes: unknown, area: string) => {
      if (area === 'local') show();
    };
    browser.storage.onChanged.addListener(onChange);
    const unsubscribe = onPermissionsChanged(show);
    return () => {
      browser.storage.onChanged.removeListener(onChange);
      unsubscribe();
    };
  }, []);

  const update = async (next: SourceSettings, released: string[] = []) => {
    await saveSettings(next);
    setSettings(next);
    // The list of remote indexes syncs (utils/sync/): tell the worker it changed.
    syncSoon();
    await releaseUnusedHosts(next, released);
  };

  const toggle = async (id: (typeof SOURCE_DESCRIPTIONS)[number]['id'], on: boolean) => {
    const source = SOURCE_DESCRIPTIONS.find((s) => s.id === id)!;
    setNotice(null);
    try {
      if (on && !(await grant(source.origins))) {
        setNotice({
          text: `${source.name} stays off: the browser did not give permission to contact ${hostsOf(source.origins)}.`,
          error: true,
        });
        return;
      }
      const current = await loadSettings();
      await update({ ...current, enabled: { ...current.enabled, [id]: on } });
      if (on && id === 'shortscience') setFeed(await syncFeedAndRecord(true));
    } catch (e) {
      setNotice({ text: errorMessage(e), error: true });
    }
  };

  const removeIndex = async (url: string) => {
    const current = await loadSettings();
    await update({ ...current, remoteIndexes: current.remoteIndexes.filter((u) => u !== url) }, [
      originPattern(url),
    ]);
    await saveIndexStatus(url, null);
    await clearRemoteCache(await library(), `${url}|`);
    setNotice({
      text: `Removed the index at ${new URL(url).host} and its cached files.`,
      error: false,
    });
  };

  const checkFeed = () =>
    void syncFeedAndRecord(true).then(setFeed, (e: unknown) =>
      setNotice({ text: errorMessage(e), error: true }),
    );
  const addIndex = async (url: string) => {
    const current = await loadSettings();
    await update({ ...current, remoteIndexes: [...current.remoteIndexes, url] });
  };
  return {
    settings,
    loaded,
    statuses,
    feed,
    unpermitted,
    notice,
    toggle: (id: SourceDescription['id'], on: boolean) => void toggle(id, on),
    removeIndex: (url: string) =>
      void removeIndex(url).catch((e: unknown) =>
        setNotice({ text: errorMessage(e), error: true }),
      ),
    addIndex,
    checkFeed,
    permissionFor: (url: string) => grant([originPattern(url)]),
    giveUp: async (url: string) => releaseUnusedHosts(await loadSettings(), [originPattern(url)]),
    libraryUrl: browser.runtime.getURL('/library.html'),
    welcomeUrl: browser.runtime.getURL('/welcome.html'),
    /** Every source, with the hosts it contacts in words. */
    sources: SOURCE_DESCRIPTIONS.map((d) => ({ ...d, hosts: hostsOf(d.origins) })),
  };
}

export type SourceSettingsState = ReturnType<typeof useSourceSettings>;
