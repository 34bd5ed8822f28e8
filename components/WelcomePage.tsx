import type { PaperSiteAccess } from '@/hooks/use-paper-site-access';
import type { SourceSettingsState } from '@/hooks/use-source-settings';
import type { WelcomeState } from '@/hooks/use-welcome';
import { PaperSiteAccessNotice } from './PaperSiteAccessNotice';
import { SourceRow } from './SourceRow';

/** What each command does, in the words of this page (the manifest's are for the browser's list). */
const COMMAND_WORDS: Record<string, string> = {
  'toggle-sidebar': 'Show or hide the sidebar on a paper’s page',
  _execute_action: 'Open the toolbar popup with the search box focused',
  'open-side-panel': 'Open the side panel (works on any tab, PDFs included)',
};

/** The order the README lists them in; others after. */
const rank = (name: string) => {
  const i = Object.keys(COMMAND_WORDS).indexOf(name);
  return i === -1 ? Infinity : i;
};

/** "Alt+Shift+S" → keys as the reader presses them. */
function Keys({ shortcut }: { shortcut: string }) {
  const keys = shortcut.split('+');
  return (
    <>
      {keys.map((key, i) => (
        <span key={i}>
          {i > 0 && '+'}
          <kbd>{key}</kbd>
        </span>
      ))}
    </>
  );
}

/**
 * The first-run page: opened once at install, and from the Sources page.
 * What Sidenotes does, what it sends (nothing, until the reader turns a
 * source on), the sources with their switches, the shortcuts, how to pin
 * the icon.
 */
export function WelcomePage({
  sourceSettings,
  welcome,
  access,
}: {
  sourceSettings: SourceSettingsState;
  welcome: WelcomeState;
  /** Whether the browser lets Sidenotes on the paper sites; asked for first when not. */
  access?: PaperSiteAccess;
}) {
  return (
    <main class="welcome-page" aria-labelledby="welcome-title">
      <header class="welcome-head">
        <h1 id="welcome-title">Welcome to Sidenotes</h1>
        <button
          type="button"
          class="button welcome-close"
          onClick={welcome.close}
          aria-label="Close this page"
          data-testid="welcome-close"
        >
          Close
        </button>
      </header>

      {access && <PaperSiteAccessNotice access={access} />}

      <section aria-labelledby="what-heading">
        <h2 id="what-heading">What it does</h2>
        <p>
          Open a paper — on arXiv (abstract, PDF or HTML), OpenReview, the ACL Anthology, NeurIPS,
          PMLR, CVF, JMLR or Semantic Scholar — and the summaries people wrote of it slide in at the
          right edge of the page, best first. A paper without any gets only a small tab with a{' '}
          <strong>0</strong>; open it to ask a source about that paper, or to write your own
          summary, which stays in this browser.
        </p>
      </section>

      <section aria-labelledby="sends-heading">
        <h2 id="sends-heading">What it sends: nothing, until you say so</h2>
        <p>
          Summaries of a few thousand papers come inside Sidenotes, and the paper you open is looked
          up in them here, in your browser. With the settings as they are now, Sidenotes sends
          nothing about what you read to anyone.
        </p>
        <p>
          The sources below can find summaries of many more papers. Each is{' '}
          <strong>off until you turn it on</strong>, here or under Sources, and says exactly what it
          sends and to whom. On a paper's sidebar you can also ask one of them once, about that
          paper only, without turning it on. Either way your browser asks you first for permission
          to contact that site, and only that site.
        </p>
      </section>

      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">Sources</h2>
        {sourceSettings.notice && (
          <p
            class={`notice${sourceSettings.notice.error ? ' notice-error' : ''}`}
            role={sourceSettings.notice.error ? 'alert' : 'status'}
          >
            {sourceSettings.notice.text}
          </p>
        )}
        {sourceSettings.sources.map((source) => (
          <SourceRow
            key={source.id}
            source={source}
            on={sourceSettings.settings.enabled[source.id]}
            disabled={!sourceSettings.loaded}
            onToggle={(on) => sourceSettings.toggle(source.id, on)}
          />
        ))}
        <p class="hint">
          More under <a href={welcome.optionsUrl}>Sources</a>: remote indexes that you, your lab or
          your reading group publish.
        </p>
      </section>

      <section aria-labelledby="sync-heading" data-testid="welcome-sync">
        <h2 id="sync-heading">Keep your library safe: sync and backup</h2>
        <p>
          What you save and write lives in this browser. To keep a copy elsewhere and on your other
          computers, connect a <strong>WebDAV folder you own</strong> (Nextcloud, ownCloud,
          Fastmail, Koofr, a NAS) under{' '}
          <a href={`${welcome.optionsUrl}#sync`}>Sources → Sync and backup</a>. Sidenotes then sends
          your library's records there and to no one else, each file encrypted in this browser with
          a passphrase of yours: the host sees file sizes and times, never a title or a word you
          wrote. If you forget the passphrase, the folder cannot be read by anyone, you included;
          the library in this browser is not touched. Without sync, the library page reminds you to
          back up (a file you keep).
        </p>
      </section>

      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">Keyboard shortcuts</h2>
        <table class="shortcuts">
          <tbody>
            {[...welcome.shortcuts]
              .sort((a, b) => rank(a.name) - rank(b.name))
              .map((c) => (
                <tr key={c.name} data-testid="shortcut" data-command={c.name}>
                  <th scope="row">
                    {c.shortcut ? <Keys shortcut={c.shortcut} /> : <span class="unset">none</span>}
                  </th>
                  <td>
                    {COMMAND_WORDS[c.name] ?? c.description}
                    {!c.shortcut && c.suggested && (
                      <span class="hint" data-testid="shortcut-unset">
                        {' '}
                        — {c.suggested} was suggested, but your browser did not assign it (another
                        extension or the browser may use it): choose a shortcut below.
                      </span>
                    )}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
        <p class="hint">
          In the sidebar, <kbd>Esc</kbd> folds it away; in the search, <kbd>↑</kbd> <kbd>↓</kbd>{' '}
          move and <kbd>Enter</kbd> opens the paper.{' '}
          <button type="button" class="link-button" onClick={welcome.changeShortcuts}>
            Change the shortcuts
          </button>
        </p>
      </section>

      <section aria-labelledby="pin-heading">
        <h2 id="pin-heading">Pin the icon</h2>
        {welcome.pinned ? (
          <p data-testid="pinned">Sidenotes is pinned to your toolbar already.</p>
        ) : (
          <p>
            Click the puzzle-piece <strong>Extensions</strong> button at the right of the toolbar,
            then the pin beside <strong>Sidenotes</strong> (in Firefox: the gear beside it, then{' '}
            <em>Pin to Toolbar</em>).
          </p>
        )}
        <p>
          The icon shows how many summaries the paper in the tab has; click it to search every
          summary, or open <a href={welcome.libraryUrl}>your library</a> of saved and written
          summaries.
        </p>
      </section>

      <footer class="welcome-foot">
        <button type="button" class="button primary" onClick={welcome.close}>
          Done — close this page
        </button>
        <span class="hint">It will not open again; it is under Sources → Getting started.</span>
      </footer>
    </main>
  );
}
