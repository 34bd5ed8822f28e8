import type { PaperRef } from '@/utils/detect/paper-ref';
import { keyLabel, shortScienceSearchUrl, writeSummaryUrl } from '@/utils/links';
import type { Summary } from '@/utils/summary';
import { SummaryCard } from './SummaryCard';

export interface SidebarViewProps {
  paper: PaperRef | null;
  summaries: Summary[];
  errors: Array<{ source: string; message: string }>;
  images: boolean;
}

/** The paper's summaries, best first, or what to do when there are none. */
export function SidebarView({ paper, summaries, errors, images }: SidebarViewProps) {
  if (!paper) {
    return (
      <main class="sidebar">
        <p class="empty">No paper is detected on this page.</p>
      </main>
    );
  }
  const title = paper.title ?? summaries[0]?.paper.title;
  const idKey = paper.keys.find((k) => !k.startsWith('title:'));
  return (
    <main class="sidebar">
      <header class="paper">
        {title && <h1 class="paper-title">{title}</h1>}
        {idKey && <p class="paper-id">{keyLabel(idKey)}</p>}
      </header>
      {errors.map((e) => (
        <p class="notice notice-error" role="status" key={e.source}>
          {e.source}: {e.message}
        </p>
      ))}
      {summaries.length ? (
        <section aria-label={`${summaries.length} summaries`}>
          {summaries.map((s) => (
            <SummaryCard key={s.id} summary={s} images={images} />
          ))}
        </section>
      ) : (
        <section class="empty" data-testid="empty-state">
          <p>No summaries of this paper yet.</p>
          <p>
            <a
              class="action"
              href={writeSummaryUrl(paper)}
              target="_blank"
              rel="noopener noreferrer"
            >
              Write a summary on ShortScience
            </a>
          </p>
          {title && (
            <p>
              <a href={shortScienceSearchUrl(title)} target="_blank" rel="noopener noreferrer">
                Search ShortScience for “{title}”
              </a>
            </p>
          )}
        </section>
      )}
      {summaries.length > 0 && (
        <footer class="sidebar-foot">
          <a href={writeSummaryUrl(paper)} target="_blank" rel="noopener noreferrer">
            Write your own summary on ShortScience
          </a>
        </footer>
      )}
    </main>
  );
}
