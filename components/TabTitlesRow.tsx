import type { TabTitleSettingsState } from '@/hooks/use-tab-title-settings';
import { SettingSwitch } from './SettingSwitch';

/** Options → Tab titles: PDF tabs named after their paper, and whether arXiv may be asked. */
export function TabTitlesRow({ t }: { t: TabTitleSettingsState }) {
  return (
    <article class="source-row" data-testid="tab-titles">
      <div class="source-text">
        <h3 id="tab-titles-ask" class="source-name">
          Ask arXiv for the titles of PDFs
        </h3>
        <p class="source-what">
          A PDF's tab is named after its paper (“The Lottery Ticket Hypothesis… — arXiv 2007.12223”)
          when Sidenotes knows the title from what this browser holds. With this on, arXiv's own API
          is asked for the titles of other arXiv PDFs.
        </p>
        <p class="source-sends">
          <strong>Sends:</strong> the arXiv id of the PDF you open, to export.arxiv.org only (arXiv
          already serves the PDF); each answer is kept, so a paper is asked about once.
        </p>
        {t.error && (
          <p class="notice notice-error" role="alert" data-testid="tab-titles-error">
            {t.error}
          </p>
        )}
      </div>
      <SettingSwitch
        on={t.settings.askArxiv}
        labelledBy="tab-titles-ask"
        testId="tab-titles-toggle"
        onToggle={t.toggle}
      />
    </article>
  );
}
