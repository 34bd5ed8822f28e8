import type { ListedMatches } from '@/utils/core/tab-state';
import { paperPageUrl } from '@/utils/core/paper-ref';

const papers = (n: number) => `${n} ${n === 1 ? 'paper' : 'papers'}`;

/**
 * "On this page: 3 papers in your library": what a listing page's badges
 * may not say (the page could read them), said here in the extension's own
 * view, with a way to open each paper.
 */
export function ListedMatchesView({
  matches,
  onOpen,
}: {
  matches: ListedMatches;
  onOpen(url: string): void;
}) {
  const { inLibrary, inFeed } = matches;
  if (!inLibrary.length && !inFeed) return null;
  return (
    <section class="listed" aria-labelledby="listed-heading" data-testid="listed-matches">
      <p id="listed-heading" class="current-label">
        On this page: {papers(inLibrary.length)} in your library
        {inFeed ? `, ${papers(inFeed)} with ShortScience summaries` : ''}
      </p>
      {inLibrary.length > 0 && (
        <ul class="saved-list">
          {inLibrary.map((match) => {
            const url = paperPageUrl({ keys: [match.key] });
            return (
              <li key={match.key} data-testid="listed-match" data-key={match.key}>
                {url ? (
                  <button type="button" class="link-button" onClick={() => onOpen(url)}>
                    <bdi>{match.title}</bdi>
                  </button>
                ) : (
                  <bdi>{match.title}</bdi>
                )}{' '}
                <span class="hint">· {match.own ? 'your summary' : 'saved'}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
