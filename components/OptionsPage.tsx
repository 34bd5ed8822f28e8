import type { PreferencesState } from '@/hooks/use-preferences';
import type { RecogniseState } from '@/hooks/use-recognise';
import type { SyncSettingsState } from '@/hooks/use-sync';
import type { SourceSettingsState } from '@/hooks/use-source-settings';
import type { TabTitleSettingsState } from '@/hooks/use-tab-title-settings';
import { RecogniseSettings } from './RecogniseSettings';
import { AddRemoteIndex, RemoteIndexRow } from './RemoteIndexSettings';
import { SourceRow } from './SourceRow';
import { SyncSettings } from './SyncSettings';
import { TabTitlesRow } from './TabTitlesRow';

/**
 * Options → Sources: every remote source, off until the user turns it on,
 * each saying what it sends and to whom; then the remote indexes.
 */
export function OptionsPage({
  sourceSettings,
  prefs,
  titles,
  sync,
  recognise,
}: {
  sourceSettings: SourceSettingsState;
  prefs: PreferencesState;
  titles?: TabTitleSettingsState;
  sync?: SyncSettingsState;
  recognise?: RecogniseState;
}) {
  return (
    <main class="options-page">
      <header class="app-head">
        <h1 class="app-name">Sidenotes · Sources</h1>
        <nav class="app-links">
          <a href={sourceSettings.libraryUrl}>Your library</a>{' '}
          <a href={sourceSettings.welcomeUrl} data-testid="welcome-link">
            Getting started
          </a>
        </nav>
      </header>
      <p class="intro">
        Summaries of a few thousand papers come inside Sidenotes and never need the network. Each
        source below is <strong>off until you turn it on</strong>; with every switch off, nothing
        leaves your browser. Turning one on asks your browser for permission to contact its site,
        and only that site.
      </p>
      {sourceSettings.notice && (
        <p
          class={`notice${sourceSettings.notice.error ? ' notice-error' : ''}`}
          role={sourceSettings.notice.error ? 'alert' : 'status'}
          data-testid="options-notice"
        >
          {sourceSettings.notice.text}
        </p>
      )}
      <section aria-labelledby="live-heading">
        <h2 id="live-heading">Sources</h2>
        {sourceSettings.sources.map((source) => (
          <SourceRow
            key={source.id}
            source={source}
            on={sourceSettings.settings.enabled[source.id]}
            disabled={!sourceSettings.loaded}
            onToggle={(on) => sourceSettings.toggle(source.id, on)}
          >
            {sourceSettings.unpermitted.has(source.id) && (
              <p class="notice notice-error" data-testid="permission-missing">
                The browser's permission to contact {source.hosts} was taken back, so this source is
                not asked. Switch it off and on to grant it again.
              </p>
            )}
            {source.id === 'shortscience' &&
              sourceSettings.settings.enabled.shortscience &&
              sourceSettings.feed && (
                <p class="source-sync" data-testid="feed-status">
                  {sourceSettings.feed.lastSync
                    ? `${sourceSettings.feed.summaries.toLocaleString()} summar${sourceSettings.feed.summaries === 1 ? 'y' : 'ies'} kept here; checked ${new Date(sourceSettings.feed.lastSync).toLocaleString()}.`
                    : 'Not downloaded yet.'}
                  {sourceSettings.feed.note && (
                    <span class="source-note" data-testid="feed-note">
                      {' '}
                      {sourceSettings.feed.note}
                    </span>
                  )}
                  {sourceSettings.feed.message && (
                    <span class="notice-error">
                      {' '}
                      Last attempt failed: {sourceSettings.feed.message}
                    </span>
                  )}{' '}
                  <button type="button" class="link-button" onClick={sourceSettings.checkFeed}>
                    Check now
                  </button>
                </p>
              )}
          </SourceRow>
        ))}
      </section>
      {recognise && <RecogniseSettings r={recognise} />}
      <section aria-labelledby="display-heading">
        <h2 id="display-heading">Summaries</h2>
        <label class="pref-row">
          <input
            type="checkbox"
            role="switch"
            checked={prefs.images}
            onChange={(e) => prefs.set({ images: (e.target as HTMLInputElement).checked })}
            data-testid="pref-images"
          />{' '}
          Load images in summaries
        </label>
        <p class="hint">
          An image in a summary is fetched from the host its author chose. That host sees your IP
          address, the time and your browser, and, since image addresses are usually unique to one
          summary, which paper you were reading. Sidenotes sends no referrer and loads only https
          images. Off: nothing is fetched, and each image is a link you can open.
        </p>
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
        {sourceSettings.settings.remoteIndexes.map((url) => (
          <RemoteIndexRow
            key={url}
            url={url}
            status={sourceSettings.statuses[url]}
            onRemove={() => sourceSettings.removeIndex(url)}
          />
        ))}
        <AddRemoteIndex
          existing={sourceSettings.settings.remoteIndexes}
          onAdd={sourceSettings.addIndex}
          permissionFor={sourceSettings.permissionFor}
          onGiveUp={sourceSettings.giveUp}
        />
      </section>
      {sync && <SyncSettings sync={sync} />}
      {titles && (
        <section aria-labelledby="titles-heading">
          <h2 id="titles-heading">Tab titles</h2>
          <TabTitlesRow t={titles} />
        </section>
      )}
    </main>
  );
}
