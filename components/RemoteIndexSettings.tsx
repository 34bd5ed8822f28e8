import { useState } from 'preact/hooks';
import type { RemoteStatus } from '@/utils/sources/remote-index';
import { useAddIndex, useIndexSync } from '@/hooks/use-remote-indexes';
import { licenceUrl } from '@/utils/index-format/index-page';

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(bytes < 1e7 ? 1 : 0)} MB`;

/** One remote index: what it holds, when it was last synced, what went wrong. */
export function RemoteIndexRow({
  url,
  status,
  onRemove,
}: {
  url: string;
  status: RemoteStatus | undefined;
  onRemove: () => void;
}) {
  const { progress, error, sync, usage } = useIndexSync(url, status);
  const cached = usage?.cachedBytes ?? status?.cachedBytes;
  const budget = usage?.cacheBudgetBytes ?? status?.cacheBudgetBytes;
  return (
    <article class="index-row" data-testid="remote-index" data-url={url}>
      <h3 class="source-name">
        <bdi>{status?.name ?? new URL(url).host}</bdi>
      </h3>
      <p class="index-url">{url}</p>
      {(status?.publisher || status?.licence) && (
        <p class="index-publisher" data-testid="index-publisher">
          {status.publisher ? (
            <>
              Published by{' '}
              <strong>
                <bdi>{status.publisher}</bdi>
              </strong>
              {status.licence && <> under </>}
            </>
          ) : (
            'Licence: '
          )}
          {status.licence && <IndexLicence licence={status.licence} />}
        </p>
      )}
      {status?.papers !== undefined && (
        <p class="index-stats" data-testid="index-stats">
          {status.papers.toLocaleString()} papers · {status.summaries?.toLocaleString()} summaries ·{' '}
          {size(status.bytes ?? 0)} in {status.shards?.toLocaleString()} parts
        </p>
      )}
      {cached !== undefined && budget !== undefined && (
        <p class="index-cache" data-testid="index-cache">
          Kept in this browser: {cached ? size(cached) : 'nothing'} of {size(budget)} at most (the
          oldest parts make room).
        </p>
      )}
      <p class="index-sync" data-testid="index-sync">
        {status?.lastSync
          ? `Last synced ${new Date(status.lastSync).toLocaleString()}.`
          : 'Never synced.'}
      </p>
      {(error ?? status?.message) && (
        <p class="notice notice-error" role="alert" data-testid="index-error">
          {error ?? status?.message}
        </p>
      )}
      {progress && (
        <p class="index-progress">
          <progress
            max={progress.total || 1}
            value={progress.done}
            aria-label="Downloading the index"
            data-testid="index-progress"
          />{' '}
          {progress.done.toLocaleString()} of {progress.total.toLocaleString()} parts
        </p>
      )}
      <p class="index-actions">
        <button
          type="button"
          class="button"
          disabled={!!progress}
          onClick={() => void sync()}
          data-testid="sync-index"
        >
          Download all for offline use
        </button>
        <button type="button" class="button" onClick={onRemove} data-testid="remove-index">
          Remove
        </button>
      </p>
    </article>
  );
}

/** A licence by name, linked to its text when it is one Publish offers. */
function IndexLicence({ licence }: { licence: string }) {
  const href = licenceUrl(licence);
  return (
    <span class="index-licence" data-testid="index-licence">
      {href ? (
        <a href={href} target="_blank" rel="license noopener noreferrer">
          <bdi>{licence}</bdi>
        </a>
      ) : (
        <bdi>{licence}</bdi>
      )}
    </span>
  );
}

/**
 * The form to add an index: the address is checked, the host permission
 * asked for, and the manifest fetched and validated before it is kept.
 */
export function AddRemoteIndex({
  existing,
  onAdd,
  permissionFor,
  onGiveUp,
}: {
  existing: readonly string[];
  onAdd: (url: string) => Promise<void>;
  permissionFor: (url: string) => Promise<boolean>;
  /** The index was not added: give back a permission granted for it. */
  onGiveUp: (url: string) => Promise<void>;
}) {
  const [value, setValue] = useState('');
  const { busy, error, add } = useAddIndex({ existing, onAdd, permissionFor, onGiveUp });
  return (
    <form
      class="index-add"
      onSubmit={(e) => {
        e.preventDefault();
        void add(value).then((added) => added && setValue(''));
      }}
    >
      <label for="index-url">
        Add an index (the address of its index.html page, its folder or its manifest.json)
      </label>
      <div class="index-add-row">
        <input
          id="index-url"
          type="url"
          class="search-input"
          placeholder="https://example.org/sidenotes-index/"
          value={value}
          onInput={(e) => setValue((e.target as HTMLInputElement).value)}
          data-testid="remote-index-url"
          required
        />
        <button type="submit" class="button" disabled={busy} data-testid="add-remote-index">
          {busy ? 'Checking…' : 'Add'}
        </button>
      </div>
      {error && (
        <p class="notice notice-error" role="alert" data-testid="add-index-error">
          {error}
        </p>
      )}
    </form>
  );
}
