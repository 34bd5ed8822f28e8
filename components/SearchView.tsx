import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SearchSet } from '@/utils/search/search-set';
import type { SearchDoc } from '@/utils/search/search-file';
import { snippetAround } from '@/utils/search/highlight';
import { shortScienceSearchUrl } from '@/utils/core/shortscience';
import { paperPageUrl } from '@/utils/core/paper-ref';
import { Highlighted } from './Highlighted';

export interface SearchViewProps {
  /** null while the index loads. */
  engine: SearchSet | null;
  loadError?: string | null;
  initialQuery?: string;
  autoFocus?: boolean;
  /** Opens a paper's page (new tab). */
  onOpen: (url: string) => void;
  /** Called once results are on screen, for timing. */
  onResults?: () => void;
  onQueryChange?: (query: string) => void;
}

const SNIPPET_CHARS = 180;
const RESULTS = 20;

/**
 * The page a result opens: its paper's page (`paperPageUrl`), only ever an
 * http(s) URL (a search file from a remote index is data from elsewhere: a
 * `data:` or `chrome:` URL in it opens nothing).
 */
export const resultPageUrl = (doc: SearchDoc): string | null =>
  paperPageUrl({ keys: [doc.key], url: doc.url });

/**
 * Search over every summary, as fast as one types: results per keystroke,
 * ↑/↓ to move, Enter to open the paper, Esc to clear.
 */
export function SearchView({
  engine,
  loadError,
  initialQuery = '',
  autoFocus,
  onOpen,
  onResults,
  onQueryChange,
}: SearchViewProps) {
  const [query, setQuery] = useState(initialQuery);
  // In the same event as the query: the parent's change (the side panel hiding the
  // paper for results) lands in the same frame as the results, never a frame later.
  const changeQuery = (next: string) => {
    setQuery(next);
    onQueryChange?.(next);
  };
  const [sourceId, setSourceId] = useState('');
  const [humanOnly, setHumanOnly] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const results = useMemo(
    () =>
      engine?.search(query, {
        limit: RESULTS,
        ...(sourceId ? { sourceIds: [sourceId] } : {}),
        humanOnly,
      }) ?? null,
    [engine, query, sourceId, humanOnly],
  );

  useEffect(() => setActive(0), [query, sourceId, humanOnly]);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus, engine]);
  useEffect(() => {
    if (results?.hits.length) onResults?.();
  }, [results]);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const hits = results?.hits ?? [];
  const open = (doc: SearchDoc | undefined) => {
    const url = doc && resultPageUrl(doc);
    if (url) onOpen(url);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' && hits.length) {
      e.preventDefault();
      setActive((active + 1) % hits.length);
    } else if (e.key === 'ArrowUp' && hits.length) {
      e.preventDefault();
      setActive((active - 1 + hits.length) % hits.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      open(hits[active]?.doc);
    } else if (e.key === 'Escape' && query) {
      e.preventDefault(); // clear first; a second Esc closes the popup
      changeQuery('');
    }
  };

  const count = engine?.papers ?? 0;
  return (
    <section class="search" aria-label="Search every summary">
      <div class="search-bar">
        <input
          ref={input}
          type="search"
          class="search-input"
          data-testid="search-input"
          placeholder={
            engine
              ? `Search ${count.toLocaleString()} papers' summaries`
              : 'Loading the search index…'
          }
          aria-label="Search summaries by title, author or words"
          aria-controls="search-results"
          aria-activedescendant={hits.length ? `result-${active}` : undefined}
          value={query}
          onInput={(e) => changeQuery((e.target as HTMLInputElement).value)}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellcheck={false}
        />
      </div>
      <div class="filters">
        <label>
          <span class="visually-hidden">Source</span>
          <select
            value={sourceId}
            onChange={(e) => setSourceId((e.target as HTMLSelectElement).value)}
            data-testid="source-filter"
          >
            <option value="">All sources</option>
            {engine?.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={humanOnly}
            onChange={(e) => setHumanOnly((e.target as HTMLInputElement).checked)}
            data-testid="human-only"
          />
          Human-written only
        </label>
      </div>
      {loadError ? (
        <p class="notice notice-error">Search is unavailable: {loadError}</p>
      ) : !query.trim() ? (
        <p class="hint">
          Type a title, an author or a few words — <kbd>↑</kbd> <kbd>↓</kbd> to move,{' '}
          <kbd>Enter</kbd> to open the paper, <kbd>Esc</kbd> to clear.
        </p>
      ) : results && !hits.length ? (
        <p class="hint" data-testid="no-results">
          No summaries match “{query.trim()}”. Try fewer or other words
          {(sourceId || humanOnly) && ', or clear the filters'}, or{' '}
          <a href={shortScienceSearchUrl(query.trim())} target="_blank" rel="noopener noreferrer">
            search ShortScience
          </a>
          .
        </p>
      ) : null}
      <ul id="search-results" ref={list} class="results" role="listbox" aria-label="Results">
        {results &&
          hits.map(({ doc, sources }, i) => (
            <li
              key={doc.key}
              id={`result-${i}`}
              role="option"
              aria-selected={i === active}
              class={`result${i === active ? ' result-active' : ''}`}
              data-testid="search-result"
              data-paper={doc.key}
              onMouseEnter={() => setActive(i)}
              onClick={() => open(doc)}
            >
              <p class="result-title">
                <Highlighted text={doc.title} terms={results.terms} prefixes={results.prefixes} />
              </p>
              <p class="result-meta">
                {doc.authors && (
                  <>
                    <Highlighted
                      text={doc.authors}
                      terms={results.terms}
                      prefixes={results.prefixes}
                    />
                    {' · '}
                  </>
                )}
                {doc.year && <>{doc.year} · </>}
                {sources.map((s) => s.name).join(', ')}
                {' · '}
                {doc.summaries} summar{doc.summaries === 1 ? 'y' : 'ies'}
                {!(doc.kindMask & 1) && <span class="kind kind-machine">machine-generated</span>}
              </p>
              {doc.excerpt && (
                <p class="result-snippet">
                  <Highlighted
                    text={snippetAround(
                      doc.excerpt,
                      results.terms,
                      results.prefixes,
                      SNIPPET_CHARS,
                    )}
                    terms={results.terms}
                    prefixes={results.prefixes}
                  />
                </p>
              )}
            </li>
          ))}
      </ul>
    </section>
  );
}
