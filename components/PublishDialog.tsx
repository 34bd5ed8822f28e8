import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Published } from '@/hooks/use-library';
import type { LibraryItem } from '@/utils/core/library-item';
import { DEFAULT_LICENCE, licenceUrl, PUBLISH_LICENCES } from '@/utils/index-format/index-page';
import {
  MAX_AUTHOR_CHARS,
  MAX_INDEX_NAME_CHARS,
  publishableItems,
  type PublishOptions,
} from '@/utils/index-format/publish';

type Scope = 'all' | 'tag';

/** The tags of the user's own summaries, with how many each has, by name. */
function ownTags(items: readonly LibraryItem[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const item of publishableItems(items)) {
    for (const tag of item.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}

const summaries = (n: number) => `${n} ${n === 1 ? 'summary' : 'summaries'}`;

/**
 * "Publish as an index…": asks for the index's name, the author and the
 * licence, and which of the user's own summaries; then makes the zip and
 * the JSONL in the page (`onPublish`). A modal <dialog>: Esc closes it, and
 * focus goes back to what opened it.
 */
export function PublishDialog({
  items,
  onPublish,
  onClose,
}: {
  items: readonly LibraryItem[];
  onPublish: (options: PublishOptions) => Promise<Published>;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const tags = useMemo(() => ownTags(items), [items]);
  const [name, setName] = useState('');
  const [author, setAuthor] = useState('');
  const [licence, setLicence] = useState(DEFAULT_LICENCE);
  const [scope, setScope] = useState<Scope>('all');
  const [tag, setTag] = useState(tags[0]?.[0] ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<Published | null>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.showModal();
    return () => opener?.focus();
  }, []);

  const chosenTag = scope === 'tag' ? tag : undefined;
  const count = useMemo(() => publishableItems(items, chosenTag).length, [items, chosenTag]);
  const changed = () => {
    setError(null);
    setMade(null);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    changed();
    try {
      setMade(await onPublish({ name, author, licence, ...(chosenTag ? { tag: chosenTag } : {}) }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      class="publish-dialog"
      aria-labelledby="publish-title"
      aria-describedby="publish-privacy"
      data-testid="publish-dialog"
      onClose={onClose}
    >
      {/* Checked by publishIndex, whose words show here, rather than by the browser's bubbles. */}
      <form class="publish-form" noValidate onSubmit={(e) => void submit(e)}>
        <h2 id="publish-title">Publish as an index</h2>
        <p id="publish-privacy" class="publish-privacy">
          Sidenotes makes two files on this computer: the index as a <code>.zip</code>, ready for
          any static web host, and its summaries as a <code>.jsonl</code> file that can join someone
          else’s index. <strong>Nothing is uploaded.</strong> Whatever you put on a web host becomes
          public there, under the licence you choose below.
        </p>

        <label class="publish-field">
          <span class="publish-label">Name to show</span>
          <input
            type="text"
            value={name}
            aria-required="true"
            maxLength={MAX_INDEX_NAME_CHARS}
            placeholder="Tuesday reading group"
            aria-describedby="publish-name-hint"
            onInput={(e) => {
              setName((e.target as HTMLInputElement).value);
              changed();
            }}
            data-testid="publish-name"
          />
          <span id="publish-name-hint" class="publish-hint">
            Readers see it on every summary card of this index.
          </span>
        </label>

        <label class="publish-field">
          <span class="publish-label">Author name</span>
          <input
            type="text"
            value={author}
            aria-required="true"
            maxLength={MAX_AUTHOR_CHARS}
            autocomplete="name"
            aria-describedby="publish-author-hint"
            onInput={(e) => {
              setAuthor((e.target as HTMLInputElement).value);
              changed();
            }}
            data-testid="publish-author"
          />
          <span id="publish-author-hint" class="publish-hint">
            Shown as “by …” on each summary and as the index’s publisher.
          </span>
        </label>

        <label class="publish-field">
          <span class="publish-label">Licence</span>
          <select
            value={licence}
            aria-describedby="publish-licence-hint"
            onChange={(e) => {
              setLicence((e.target as HTMLSelectElement).value);
              changed();
            }}
            data-testid="publish-licence"
          >
            {PUBLISH_LICENCES.map((l) => (
              <option key={l.name} value={l.name}>
                {l.name} — {l.summary}
              </option>
            ))}
          </select>
          <span id="publish-licence-hint" class="publish-hint">
            Shown on every summary of this index.{' '}
            <a href={licenceUrl(licence)} target="_blank" rel="license noopener noreferrer">
              Read the full text of {licence}
            </a>
            .
          </span>
        </label>

        <fieldset class="publish-field publish-scope">
          <legend class="publish-label">Which summaries</legend>
          <label class="publish-choice">
            <input
              type="radio"
              name="publish-scope"
              value="all"
              checked={scope === 'all'}
              onChange={() => {
                setScope('all');
                changed();
              }}
              data-testid="publish-scope-all"
            />
            All your own summaries ({publishableItems(items).length})
          </label>
          <div class="publish-choice">
            <input
              id="publish-scope-tag"
              type="radio"
              name="publish-scope"
              value="tag"
              checked={scope === 'tag'}
              disabled={!tags.length}
              onChange={() => {
                setScope('tag');
                changed();
              }}
              data-testid="publish-scope-tag"
            />
            <label for="publish-scope-tag">Those tagged</label>
            <select
              aria-label="Tag to publish"
              value={tag}
              disabled={!tags.length}
              onChange={(e) => {
                setTag((e.target as HTMLSelectElement).value);
                setScope('tag');
                changed();
              }}
              data-testid="publish-tag"
            >
              {tags.length ? (
                tags.map(([t, n]) => (
                  <option key={t} value={t}>
                    {t} ({n})
                  </option>
                ))
              ) : (
                <option value="">no tags on your summaries</option>
              )}
            </select>
          </div>
          <p class="publish-hint" data-testid="publish-count">
            {count
              ? `${summaries(count)} will be in the index. Summaries you saved from others are never included.`
              : 'None of your own summaries is chosen: write one from a paper’s sidebar, or import your ShortScience export.'}
          </p>
        </fieldset>

        {error && (
          <p class="notice notice-error" role="alert" data-testid="publish-error">
            {error}
          </p>
        )}
        {made && (
          <p class="notice publish-made" role="status" data-testid="publish-made">
            Made <strong>{made.zipFileName}</strong> ({summaries(made.summaries)} of {made.papers}{' '}
            {made.papers === 1 ? 'paper' : 'papers'}) and <strong>{made.jsonlFileName}</strong>, in
            your downloads. Unzip it and put the folder on a static web host (its README.txt says
            how), then share the address of its index.html.
          </p>
        )}
        {made && made.skipped.length > 0 && (
          <div class="notice notice-error" role="alert" data-testid="publish-skipped">
            <p>
              {summaries(made.skipped.length)} could not be published and{' '}
              {made.skipped.length === 1 ? 'is' : 'are'} not in the index:
            </p>
            <ul>
              {made.skipped.map((s, i) => (
                <li key={i}>
                  “<bdi>{s.title}</bdi>”: {s.reason}
                </li>
              ))}
            </ul>
          </div>
        )}

        <div class="editor-actions">
          <button type="submit" class="primary" disabled={busy} data-testid="publish-make">
            {busy ? 'Making files…' : 'Make files'}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            {made ? 'Close' : 'Cancel'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
