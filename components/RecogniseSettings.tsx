import type { RecogniseState } from '@/hooks/use-recognise';
import { hostOfPattern } from '@/utils/core/url';
import { SettingSwitch } from './SettingSwitch';

/**
 * Options → Sites: "Recognise papers on every site" (off by default) and the
 * hosts the user chose "Always on" for in the popup, each removable.
 * Turning a choice off gives its permission back, which takes the probe away.
 */
export function RecogniseSettings({ r }: { r: RecogniseState }) {
  const everySite = r.settings.everySite && r.everySiteGranted === true;
  const hosts = r.settings.hosts.filter((h) => r.grantedHosts.has(h));
  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">Sites</h2>
      <p class="hint">
        On arXiv, OpenReview, the ACL Anthology and the other paper sites Sidenotes always looks for
        the paper. Anywhere else it looks only when you ask: click its icon on a paper's page, or
        choose “Always on” for that site in the popup.
      </p>
      <article class="source-row" data-testid="every-site">
        <div class="source-text">
          <h3 id="all-sites-name" class="source-name">
            Recognise papers on every site
          </h3>
          <p class="source-what">
            Like Zotero's connector or Hypothesis, Sidenotes' small detection script then runs on
            every page you open. It checks whether the page has scholarly metadata (citation, Dublin
            Core or PRISM tags, a ScholarlyArticle, a DOI in its address) and reports only pages
            that have some to the extension, which looks the paper up here. Other pages get nothing
            more and report nothing.
          </p>
          <p class="source-sends">
            <strong>Sends:</strong> nothing leaves your browser. Your browser will ask to let
            Sidenotes read and change data on all websites: that is what running on every page
            takes.
          </p>
          {r.error && (
            <p class="notice notice-error" role="alert" data-testid="all-sites-error">
              {r.error}
            </p>
          )}
        </div>
        <SettingSwitch
          on={everySite}
          labelledBy="all-sites-name"
          testId="all-sites"
          onToggle={r.setEverySite}
        />
      </article>
      {hosts.length > 0 && (
        <ul class="always-on-hosts" aria-label="Always on">
          {hosts.map((pattern) => (
            <li key={pattern} data-testid="always-on-host">
              Always on <bdi>{hostOfPattern(pattern)}</bdi>{' '}
              <button type="button" class="link-button" onClick={() => r.setHost(pattern, false)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
