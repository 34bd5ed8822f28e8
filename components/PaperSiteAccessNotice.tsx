import type { PaperSiteAccess } from '@/hooks/use-paper-site-access';

/**
 * What is missing when the browser has not let Sidenotes run on the paper
 * sites (Firefox may not have granted them at install), and the one click
 * that asks for them. Nothing while access is granted or unknown.
 */
export function PaperSiteAccessNotice({
  access,
  compact = false,
}: {
  access: PaperSiteAccess;
  compact?: boolean;
}) {
  if (access.granted !== false) return null;
  return (
    <section class="site-access" role="alert" data-testid="site-access">
      <p class="site-access-what">
        {compact
          ? 'Sidenotes is not allowed on paper sites, so no sidebar or count appears on arXiv, OpenReview and the others.'
          : 'Your browser has not allowed Sidenotes on the paper sites yet, so it cannot show the summaries beside a paper on arXiv, OpenReview, the ACL Anthology and the others.'}
      </p>
      <button
        type="button"
        class="button primary site-access-allow"
        onClick={access.allow}
        data-testid="allow-paper-sites"
      >
        Allow Sidenotes on paper sites
      </button>
      {!compact && (
        <p class="hint">
          On those pages Sidenotes reads the paper's title and identifiers, to look the paper up in
          the summaries it carries, here in your browser.
        </p>
      )}
      {access.error && (
        <p class="notice notice-error" role="status">
          {access.error}
        </p>
      )}
    </section>
  );
}
