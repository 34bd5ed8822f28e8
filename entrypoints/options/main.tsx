import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { RemoteIndexRow, AddRemoteIndex } from '@/components/RemoteIndexSettings';
import { SourceRow } from '@/components/SourceRow';
import { browser } from '@/utils/platform/browser';
import { errorMessage } from '@/utils/core/guards';
import { library } from '@/utils/db/open';
import { clearRemoteCache } from '@/utils/db/remote-cache';
import type { RemoteStatus } from '@/utils/sources/remote-index';
import {
  defaultSettings,
  hostsOf,
  originPattern,
  type SourceSettings,
} from '@/utils/sources/settings';
import { loadSettings, saveSettings } from '@/utils/sources/settings-store';
import { SOURCE_DESCRIPTIONS } from '@/utils/sources/catalog';
import { syncFeedAndRecord } from '@/utils/sources/sync-feed';
import {
  feedStatus,
  indexStatuses,
  saveIndexStatus,
  type FeedStatus,
} from '@/utils/sources/status-store';
import { grant, releaseUnused, withoutPermission } from '@/utils/sources/permissions';
import '@/styles/options.css';

/**
 * Options → Sources: every remote source, off until the user turns it on,
 * each saying what it sends and to whom. Turning one on asks the browser for
 * that host permission then; turning it off gives the permission back.
 */
function OptionsPage() {
  const [settings, setSettings] = useState<SourceSettings>(defaultSettings());
  const [loaded, setLoaded] = useState(false);
  const [statuses, setStatuses] = useState<Record<string, RemoteStatus>>({});
  const [feed, setFeed] = useState<FeedStatus | null>(null);
  /** Sources switched on whose host permission was since taken back (browser settings). */
  const [unpermitted, setUnpermitted] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);

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
    const onPermissions = () => show();
    browser.storage.onChanged.addListener(onChange);
    browser.permissions.onRemoved.addListener(onPermissions);
    browser.permissions.onAdded.addListener(onPermissions);
    return () => {
      browser.storage.onChanged.removeListener(onChange);
      browser.permissions.onRemoved.removeListener(onPermissions);
      browser.permissions.onAdded.removeListener(onPermissions);
    };
  }, []);

  const update = async (next: SourceSettings, released: string[] = []) => {
    await saveSettings(next);
    setSettings(next);
    await releaseUnused(next, released);
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

  return (
    <main class="options-page">
      <header class="app-head">
        <h1 class="app-name">Sidenotes · Sources</h1>
        <nav class="app-links">
          <a href={browser.runtime.getURL('/library.html')}>Your library</a>
        </nav>
      </header>
      <p class="intro">
        Summaries of a few thousand papers come inside Sidenotes and never need the network. Each
        source below is <strong>off until you turn it on</strong>; with every switch off, nothing
        leaves your browser. Turning one on asks your browser for permission to contact its site,
        and only that site.
      </p>
      {notice && (
        <p
          class={`notice${notice.error ? ' notice-error' : ''}`}
          role={notice.error ? 'alert' : 'status'}
          data-testid="options-notice"
        >
          {notice.text}
        </p>
      )}
      <section aria-labelledby="live-heading">
        <h2 id="live-heading">Sources</h2>
        {SOURCE_DESCRIPTIONS.map((source) => (
          <SourceRow
            key={source.id}
            source={source}
            on={settings.enabled[source.id]}
            disabled={!loaded}
            onToggle={(on) => void toggle(source.id, on)}
          >
            {unpermitted.has(source.id) && (
              <p class="notice notice-error" data-testid="permission-missing">
                The browser's permission to contact {hostsOf(source.origins)} was taken back, so
                this source is not asked. Switch it off and on to grant it again.
              </p>
            )}
            {source.id === 'shortscience' && settings.enabled.shortscience && feed && (
              <p class="source-sync" data-testid="feed-status">
                {feed.lastSync
                  ? `${feed.summaries.toLocaleString()} summar${feed.summaries === 1 ? 'y' : 'ies'} kept here; checked ${new Date(feed.lastSync).toLocaleString()}.`
                  : 'Not downloaded yet.'}
                {feed.message && (
                  <span class="notice-error"> Last attempt failed: {feed.message}</span>
                )}{' '}
                <button
                  type="button"
                  class="link-button"
                  onClick={() =>
                    void syncFeedAndRecord(true).then(setFeed, (e: unknown) =>
                      setNotice({ text: errorMessage(e), error: true }),
                    )
                  }
                >
                  Check now
                </button>
              </p>
            )}
          </SourceRow>
        ))}
      </section>
      <section aria-labelledby="index-heading">
        <h2 id="index-heading">Remote indexes</h2>
        <p class="hint">
          A remote index is a folder of summaries in Sidenotes' format on any static host — yours,
          your lab's or your reading group's (build one with <code>npm run build:index</code>, see
          the README). Sidenotes reads its list of files, then fetches only the part that holds the
          paper you open, checks it, and keeps it for offline use. It sends the index's host the
          requests for those files: no paper ids, but which part of the index you needed.
        </p>
        {settings.remoteIndexes.map((url) => (
          <RemoteIndexRow
            key={url}
            url={url}
            status={statuses[url]}
            onRemove={() =>
              void removeIndex(url).catch((e: unknown) =>
                setNotice({ text: errorMessage(e), error: true }),
              )
            }
          />
        ))}
        <AddRemoteIndex
          existing={settings.remoteIndexes}
          onAdd={async (url) => {
            const current = await loadSettings();
            await update({ ...current, remoteIndexes: [...current.remoteIndexes, url] });
          }}
          permissionFor={(url) => grant([originPattern(url)])}
          onGiveUp={async (url) => releaseUnused(await loadSettings(), [originPattern(url)])}
        />
      </section>
    </main>
  );
}

render(<OptionsPage />, document.getElementById('app')!);
