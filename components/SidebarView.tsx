import { useState } from 'preact/hooks';
import type { PaperRef } from '@/utils/core/paper-ref';
import { citedPaper } from '@/utils/render/citation';
import { keyLabel } from '@/utils/render/links';
import { shortSciencePaperUrl } from '@/utils/core/shortscience';
import type { Summary } from '@/utils/core/summary';
import type { SourceOffer, SourceProgress } from '@/utils/core/tab-state';
import type { PaperLibrary } from '@/hooks/use-paper-library';
import type { SourceOffers } from '@/hooks/use-source-offers';
import { CitationActions } from './CitationActions';
import { OwnSummaryEditor } from './OwnSummaryEditor';
import { CardBoundary } from './CardBoundary';
import { SourceOfferList } from './SourceOfferList';
import { SummaryCard } from './SummaryCard';

/** At most this many summaries, or only machine-written ones: the offers show under the cards too. */
const FEW_SUMMARIES = 1;

export interface SidebarViewProps {
  paper: PaperRef | null;
  summaries: Summary[];
  errors: Array<{ source: string; message: string }>;
  /** Remote sources: asking, answered, failed (with Retry). */
  sources?: SourceProgress[];
  onRetry?: (sourceId: string) => void;
  /** Sources that could answer but are off, and what the user does with them. */
  offers?: SourceOffer[];
  offerActions?: Pick<SourceOffers, 'askOnce' | 'alwaysAsk' | 'pending' | 'notice'>;
  /** Summary id → the remote index it came through. */
  via?: Readonly<Record<string, string>>;
  images: boolean;
  /** The user's library for this paper; without it, no Save and no own summary. */
  library?: PaperLibrary;
}

/** The paper's summaries, best first, or what to do when there are none. */
export function SidebarView({
  paper,
  summaries: found,
  errors,
  sources = [],
  onRetry,
  offers = [],
  offerActions,
  via,
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
      images={images}
      initialBody={library.draft ?? own?.body ?? ''}
      draftBase={library.draft ?? ''}
      onDraft={library.keepDraft}
      onSave={async (body, draftBase) => {
        const ok = await library.saveOwn(body, draftBase);
        if (ok) setEditing(false);
        return ok;
      }}
      onCancel={() => setEditing(false)}
      {...(own ? { onDelete: () => void library.deleteOwn().then(() => setEditing(false)) } : {})}
    />
  );
  const undo = library?.deleted && !own && (
    <p class="notice undo-delete" role="status" data-testid="undo-delete">
      Your summary was deleted.{' '}
      <button type="button" class="link-button" onClick={() => void library.undoDelete()}>
        Undo
      </button>
    </p>
  );
  const writeOwn = library && !editing && (
    <button
      type="button"
      class={`write-own${summaries.length ? '' : ' write-own-primary'}`}
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
  const cited = citedPaper(paper, summaries);
  const asking = sources.some((s) => s.status === 'asking');
  const sourceStatus = sources.length > 0 && (
    <SourceStatusList sources={sources} {...(onRetry ? { onRetry } : {})} />
  );
  const offerList = (compact: boolean) =>
    offerActions && (
      <SourceOfferList
        offers={offers}
        compact={compact}
        pending={offerActions.pending}
        notice={offerActions.notice}
        onAskOnce={offerActions.askOnce}
        onAlwaysAsk={offerActions.alwaysAsk}
      />
    );
  const few =
    summaries.length <= FEW_SUMMARIES || summaries.every((s) => s.source.kind === 'machine');
  const shortScience = shortSciencePaperUrl(paper, summaries);
  const readOnShortScience = shortScience && !summaries.some((s) => s.link === shortScience) && (
    <a
      href={shortScience}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="read-shortscience"
    >
      Read on ShortScience
    </a>
  );
  return (
    <main class="sidebar">
      <header class="paper">
        {title && (
          <h1 class="paper-title">
            <bdi>{title}</bdi>
          </h1>
        )}
        {idKey && <p class="paper-id">{keyLabel(idKey)}</p>}
        {cited && <CitationActions paper={cited} />}
      </header>
      {library?.error && (
        <p class="notice notice-error" role="alert">
          {library.error}
        </p>
      )}
      {undo}
      {editor}
      {errors.map((e) => (
        <p class="notice notice-error" role="status" key={e.source}>
          {e.source}: {e.message}
        </p>
      ))}
      {summaries.length ? (
        <section aria-label={`${summaries.length} summaries`}>
          {summaries.map((s) => (
            <CardBoundary key={s.id} summaryId={s.id}>
              {s.id === own?.id ? (
                <>
                  <SummaryCard summary={s} images={images} onEdit={() => setEditing(true)} />
                  {!!library?.own?.otherVersions?.length && (
                    <p class="hint other-versions-note" data-testid="own-other-versions">
                      Another version of your summary, written while your devices were apart, is
                      kept beside it:{' '}
                      <a href="/library.html" target="_blank" rel="noopener">
                        compare them in your library
                      </a>
                      .
                    </p>
                  )}
                </>
              ) : (
                <SummaryCard
                  summary={s}
                  images={images}
                  {...(via?.[s.id] ? { via: via[s.id]! } : {})}
                  {...(library
                    ? {
                        saved: library.saved.has(s.id),
                        onToggleSave: () => void library.toggleSave(s),
                      }
                    : {})}
                />
              )}
            </CardBoundary>
          ))}
          {sourceStatus}
          {few && offerList(true)}
        </section>
      ) : (
        <section class="empty" data-testid="empty-state" aria-busy={asking}>
          {/* What could answer comes first: with the defaults, nothing is asked until the reader says so. */}
          <p class="empty-lead">
            {asking ? 'No summaries of this paper yet; asking…' : 'No summaries of this paper yet.'}
          </p>
          {offerList(false)}
          {sourceStatus}
          {writeOwn && <p>{writeOwn}</p>}
        </section>
      )}
      {summaries.length > 0 && (
        <footer class="sidebar-foot">
          {writeOwn}
          {readOnShortScience}
        </footer>
      )}
    </main>
  );
}

/** Where each remote source stands: asking, its note, or "did not answer" with Retry. */
function SourceStatusList({
  sources,
  onRetry,
}: {
  sources: SourceProgress[];
  onRetry?: (id: string) => void;
}) {
  // A source asked once that had nothing says so: the reader clicked and waits for an answer.
  const shown = sources.filter(
    (s) => s.status === 'asking' || s.answer.note || (s.once && !s.answer.summaries.length),
  );
  if (!shown.length) return null;
  return (
    <ul class="source-status" aria-live="polite">
      {shown.map((s) =>
        s.status === 'asking' ? (
          <li key={s.id} data-testid="source-status" data-source={s.id} data-status="asking">
            Asking <bdi>{s.name}</bdi>…
          </li>
        ) : (
          <li
            key={s.id}
            data-testid="source-status"
            data-source={s.id}
            data-status={s.answer.failed ? 'failed' : 'note'}
            {...(s.answer.dropped ? { 'data-dropped': s.answer.dropped } : {})}
            class={s.answer.failed ? 'source-failed' : ''}
          >
            {s.answer.note ? (
              <>
                {!s.answer.note.includes(s.name) && (
                  <>
                    <bdi>{s.name}</bdi>:{' '}
                  </>
                )}
                <bdi>{s.answer.note}</bdi>
              </>
            ) : (
              <>
                <bdi>{s.name}</bdi> has no summary of this paper.
              </>
            )}
            {s.answer.failed && onRetry && (
              <>
                {' '}
                <button
                  type="button"
                  class="link-button"
                  onClick={() => onRetry(s.id)}
                  data-testid="retry-source"
                >
                  Retry
                </button>
              </>
            )}
          </li>
        ),
      )}
    </ul>
  );
}
