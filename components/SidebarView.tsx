import { useState } from 'preact/hooks';
import type { PaperRef } from '@/utils/detect/paper-ref';
import { keyLabel, shortScienceSearchUrl, writeSummaryUrl } from '@/utils/links';
import type { Summary } from '@/utils/summary';
import { OwnSummaryEditor } from './OwnSummaryEditor';
import { SummaryCard } from './SummaryCard';
import type { PaperLibrary } from './use-paper-library';

export interface SidebarViewProps {
  paper: PaperRef | null;
  summaries: Summary[];
  errors: Array<{ source: string; message: string }>;
  images: boolean;
  /** The user's library for this paper; without it, no Save and no own summary. */
  library?: PaperLibrary;
}

/** The paper's summaries, best first, or what to do when there are none. */
export function SidebarView({
  paper,
  summaries: found,
  errors,
  images,
  library,
}: SidebarViewProps) {
  const [editing, setEditing] = useState(false);
  if (!paper) {
    return (
      <main class="sidebar">
        <p class="empty">No paper is detected on this page.</p>
      </main>
    );
  }
  const own = library?.own?.summary;
  const summaries = own ? [own, ...found.filter((s) => s.id !== own.id)] : found;
  const title = paper.title ?? summaries[0]?.paper.title;
  const editor = library && editing && (
    <OwnSummaryEditor
      initialBody={library.draft ?? own?.body ?? ''}
      onDraft={library.keepDraft}
      onSave={async (body) => {
        const ok = await library.saveOwn(body);
        if (ok) setEditing(false);
        return ok;
      }}
      onCancel={() => setEditing(false)}
      {...(own ? { onDelete: () => void library.deleteOwn().then(() => setEditing(false)) } : {})}
    />
  );
  const writeOwn = library && !editing && (
    <button
      type="button"
      class="write-own"
      onClick={() => setEditing(true)}
      data-testid="write-own"
    >
      {own
        ? 'Edit your summary'
        : library.draft
          ? 'Continue your draft summary'
          : 'Write your own summary'}
    </button>
  );
  const idKey = paper.keys.find((k) => !k.startsWith('title:'));
  return (
    <main class="sidebar">
      <header class="paper">
        {title && <h1 class="paper-title">{title}</h1>}
        {idKey && <p class="paper-id">{keyLabel(idKey)}</p>}
      </header>
      {library?.error && (
        <p class="notice notice-error" role="alert">
          {library.error}
        </p>
      )}
      {editor}
      {errors.map((e) => (
        <p class="notice notice-error" role="status" key={e.source}>
          {e.source}: {e.message}
        </p>
      ))}
      {summaries.length ? (
        <section aria-label={`${summaries.length} summaries`}>
          {summaries.map((s) =>
            s.id === own?.id ? (
              <SummaryCard key={s.id} summary={s} images={images} onEdit={() => setEditing(true)} />
            ) : (
              <SummaryCard
                key={s.id}
                summary={s}
                images={images}
                {...(library
                  ? {
                      saved: library.saved.has(s.id),
                      onToggleSave: () => void library.toggleSave(s),
                    }
                  : {})}
              />
            ),
          )}
        </section>
      ) : (
        <section class="empty" data-testid="empty-state">
          <p>No summaries of this paper yet.</p>
          {writeOwn && <p>{writeOwn}</p>}
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
          {writeOwn}
          <a href={writeSummaryUrl(paper)} target="_blank" rel="noopener noreferrer">
            Share a summary on ShortScience
          </a>
        </footer>
      )}
    </main>
  );
}
