import { useEffect, useState } from 'preact/hooks';
import type { SyncSettingsState } from '@/hooks/use-sync';
import type { SyncStatus } from '@/utils/core/sync';

/** "just now", "2 minutes ago", "3 hours ago", else the date. */
export function ago(iso: string, nowMs: number): string {
  const minutes = Math.floor((nowMs - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  return `on ${new Date(iso).toLocaleDateString()}`;
}

/** The status line: what happened last, and when the last sync finished. */
function StatusLine({ status }: { status: SyncStatus | null }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const state = status?.state ?? 'off';
  const when = status?.lastOkAt && ago(status.lastOkAt, now);
  const text =
    state === 'ok' && when
      ? `Synced with ${status!.host ?? 'the folder'} ${when}: ${status!.message}`
      : state === 'error' && when
        ? `${status!.message} (Last synced ${when}.)`
        : (status?.message ?? 'Sync is off.');
  return (
    <p
      class={`sync-status sync-${state}${state === 'error' ? ' notice-error' : ''}`}
      role={state === 'error' ? 'alert' : 'status'}
      data-testid="sync-status"
      data-state={state}
      data-synced-at={status?.lastOkAt}
      data-status-at={status?.at}
      data-started-at={status?.startedAt}
    >
      {text}
    </p>
  );
}

const field = (
  label: string,
  testId: string,
  value: string,
  onInput: (v: string) => void,
  extra: Record<string, string> = {},
) => (
  <label class="sync-field">
    <span>{label}</span>
    <input
      value={value}
      onInput={(e) => onInput((e.target as HTMLInputElement).value)}
      data-testid={testId}
      spellcheck={false}
      {...extra}
    />
  </label>
);

/**
 * Options → Sync and backup. Connected: the folder, Sync now, Restore,
 * Disconnect. Not connected: the form, then the preview of the first merge.
 */
export function SyncSettings({ sync }: { sync: SyncSettingsState }) {
  const { status, connected, form, busy, error, preview } = sync;
  return (
    <section id="sync" aria-labelledby="sync-heading" class="sync-section">
      <h2 id="sync-heading">Sync and backup</h2>
      <p class="hint">
        Your library — your own summaries, saved summaries, tags, notes, drafts, and the remote
        indexes you subscribe to — can sync through a <strong>WebDAV folder you own</strong>{' '}
        (Nextcloud, ownCloud, Fastmail, Koofr, a NAS, <code>rclone serve webdav</code>). It is
        encrypted in this browser with your passphrase before anything is sent: the server stores
        only ciphertext and sees file sizes and times, never a title or a word you wrote. Source
        switches do not sync: each browser grants its own permissions.
      </p>
      <StatusLine status={status} />
      {connected ? (
        <>
          <p class="sync-folder">
            This browser syncs with <code>{connected.url}</code> as{' '}
            <strong>{connected.user}</strong>, after each change, when this page or the library
            opens, and every 15 minutes.
          </p>
          <p class="sync-actions">
            <button
              type="button"
              class="button primary"
              onClick={sync.syncNow}
              disabled={!!busy}
              data-testid="sync-now"
            >
              Sync now
            </button>
            <button
              type="button"
              class="button"
              onClick={sync.restore}
              disabled={!!busy}
              data-testid="sync-restore"
              title="Reads every file of the folder again and writes back into this browser's library whatever it lacks."
            >
              Restore this device from the folder
            </button>
            <button
              type="button"
              class="button"
              onClick={sync.disconnect}
              disabled={!!busy}
              data-testid="sync-disconnect"
            >
              Disconnect
            </button>
          </p>
          <p class="hint">Disconnecting keeps your library here and the folder's copy as it is.</p>
        </>
      ) : preview ? (
        <div class="sync-preview" data-testid="sync-preview">
          <p>
            {preview.request.fresh
              ? `The folder is empty: this browser's ${preview.localItems.toLocaleString()} item${preview.localItems === 1 ? '' : 's'} will be encrypted and stored there.`
              : `This browser's ${preview.localItems.toLocaleString()} item${preview.localItems === 1 ? '' : 's'} will be merged with the ${preview.folderItems.toLocaleString()} already there.`}{' '}
            Nothing is deleted on either side.
          </p>
          {preview.damaged.length > 0 && (
            <p class="notice notice-error">
              {preview.damaged.length} file{preview.damaged.length === 1 ? ' is' : 's are'} damaged
              in the folder and will be skipped.
            </p>
          )}
          <p class="sync-actions">
            <button
              type="button"
              class="button primary"
              onClick={sync.confirm}
              disabled={!!busy}
              data-testid="sync-confirm"
            >
              {preview.request.fresh ? 'Start syncing' : 'Merge and start syncing'}
            </button>
            <button type="button" class="button" onClick={sync.cancel} disabled={!!busy}>
              Cancel
            </button>
          </p>
        </div>
      ) : (
        <form
          class="sync-form"
          onSubmit={(e) => {
            e.preventDefault();
            sync.connect();
          }}
        >
          {field('Folder address', 'sync-url', form.url, (url) => sync.setForm({ url }), {
            type: 'url',
            placeholder: 'https://cloud.example.org/remote.php/dav/files/you/Sidenotes/',
            autocomplete: 'url',
          })}
          {field('User name', 'sync-user', form.user, (user) => sync.setForm({ user }), {
            autocomplete: 'username',
          })}
          {field(
            'Password (an app password, where the server offers them)',
            'sync-password',
            form.password,
            (password) => sync.setForm({ password }),
            { type: 'password', autocomplete: 'current-password' },
          )}
          {field(
            'Passphrase (the same on every device)',
            'sync-passphrase',
            form.passphrase,
            (passphrase) => sync.setForm({ passphrase }),
            { type: 'password', autocomplete: 'new-password' },
          )}
          <p class="hint">
            The passphrase never leaves this browser. Forget it and the folder cannot be read by
            anyone, you included; the library in this browser is not touched.
          </p>
          <p class="sync-actions">
            <button
              type="submit"
              class="button primary"
              disabled={!!busy}
              data-testid="sync-connect"
            >
              Connect
            </button>
          </p>
        </form>
      )}
      {busy && (
        <p class="hint" role="status" data-testid="sync-busy">
          {busy}
        </p>
      )}
      {error && (
        <p class="notice notice-error" role="alert" data-testid="sync-error">
          {error}
        </p>
      )}
      {sync.pending.length > 0 && (
        <div class="sync-pending">
          <h3 class="source-name">Remote indexes from your other devices</h3>
          <p class="hint">
            Each needs this browser's permission to contact its host before it is used.
          </p>
          {sync.pending.map((url) => (
            <p key={url} class="sync-pending-row" data-testid="sync-pending-index">
              <code>{url}</code>{' '}
              <button
                type="button"
                class="button"
                onClick={() => sync.subscribeHere(url)}
                disabled={!!busy}
              >
                Subscribe here
              </button>
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
