import { useEffect, useState } from 'preact/hooks';
import { toBase64 } from '@/utils/core/base64';
import { errorMessage } from '@/utils/core/guards';
import type { ConnectRequest, FolderPreview, SyncStatus } from '@/utils/core/sync';
import { sendToWorker } from '@/utils/messaging/client';
import { folderUrl } from '@/utils/net/webdav';
import { browser } from '@/utils/platform/browser';
import { loadSettings, saveSettings } from '@/utils/sources/settings-store';
import { originPattern } from '@/utils/sources/settings';
import { loadConfig, loadPending, loadStatus, savePending } from '@/utils/sync/config';

export interface SyncForm {
  url: string;
  user: string;
  password: string;
  passphrase: string;
}

/** The shortest passphrase a new folder accepts. */
const MIN_PASSPHRASE = 12;

const EMPTY: SyncForm = { url: '', user: '', password: '', passphrase: '' };

/** Tells the worker that the library or the index list changed here (it syncs soon). */
export const syncSoon = () => void sendToWorker('sync:changed', {}).catch(() => null);

/**
 * A folder's host permission back, unless something else needs it (loaded
 * on demand: the pages open without the sources' catalogue).
 */
async function giveBack(url: string) {
  const { releaseUnusedHosts } = await import('@/utils/sync/release');
  await releaseUnusedHosts(await loadSettings(), [originPattern(url)]);
}

/**
 * Options → Sync and backup: the connection form, the preview before the
 * first merge, the status line, and the remote indexes other devices added.
 * The passphrase becomes the folder key here, in the page (Argon2id, about
 * a second); only the key goes to the worker, and the passphrase is dropped.
 */
export function useSync() {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [connected, setConnected] = useState<{ url: string; user: string } | null>(null);
  const [form, setForm] = useState<SyncForm>(EMPTY);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<(FolderPreview & { request: ConnectRequest }) | null>(
    null,
  );
  const [pending, setPending] = useState<string[]>([]);

  useEffect(() => {
    const refresh = async () => {
      setStatus(await loadStatus());
      const config = await loadConfig();
      setConnected(config && { url: config.url, user: config.user });
      setPending(await loadPending());
    };
    void refresh();
    const onChange = (_: unknown, area: string) => area === 'local' && void refresh();
    browser.storage.onChanged.addListener(onChange);
    // Opening the page syncs (quietly: the status line shows how it went).
    void sendToWorker('sync:now', {}).catch(() => null);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, []);

  const attempt = async (label: string, action: () => Promise<void>) => {
    setBusy(label);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return {
    status,
    connected,
    form,
    busy,
    error,
    preview,
    pending,
    setForm: (change: Partial<SyncForm>) => setForm((f) => ({ ...f, ...change })),

    /** From the Connect click: the host's permission first (it needs the click), then the folder. */
    connect() {
      let url: string;
      try {
        url = folderUrl(form.url);
      } catch (e) {
        setError(errorMessage(e));
        return;
      }
      if (!form.passphrase) {
        setError('Choose a passphrase: it encrypts everything before it leaves this browser.');
        return;
      }
      const permission = browser.permissions.request({ origins: [originPattern(url)] });
      void attempt('Checking the folder…', async () => {
        if (!(await permission))
          throw new Error(
            `Sync stays off: the browser did not give Sidenotes permission to contact ${new URL(url).host}.`,
          );
        const account = { url, user: form.user, password: form.password };
        const probe = await sendToWorker('sync:probe', { account });
        // A new folder's passphrase is all that guards it; an existing one's is what it is.
        if (probe.fresh && form.passphrase.length < MIN_PASSPHRASE)
          throw new Error(
            `Choose a passphrase of at least ${MIN_PASSPHRASE} characters (a few words you will remember): it is all that keeps the folder unreadable to anyone else.`,
          );
        setBusy('Deriving the key from your passphrase…');
        const { deriveKey } = await import('@/utils/sync/passphrase');
        const key = toBase64(await deriveKey(form.passphrase, probe.kdf));
        const request: ConnectRequest = { account, key, kdf: probe.kdf, fresh: probe.fresh };
        setBusy('Reading the folder…');
        setPreview({ ...(await sendToWorker('sync:preview', request)), request });
      });
    },

    /** The user confirmed the preview: connect and sync. */
    confirm() {
      const p = preview;
      if (!p) return;
      void attempt('Syncing…', async () => {
        const result = await sendToWorker('sync:connect', p.request);
        setStatus(result);
        setPreview(null);
        setForm(EMPTY);
      });
    },

    /** Not this folder after all: its host's permission goes back unless something needs it. */
    cancel() {
      const url = preview?.request.account.url;
      setPreview(null);
      if (url) void giveBack(url).catch(() => undefined);
    },

    syncNow: () =>
      void attempt('Syncing…', async () => setStatus(await sendToWorker('sync:now', {}))),

    restore: () =>
      void attempt('Restoring from the folder…', async () =>
        setStatus(await sendToWorker('sync:now', { restore: true })),
      ),

    disconnect: () =>
      void attempt('Disconnecting…', async () =>
        setStatus(await sendToWorker('sync:disconnect', {})),
      ),

    /** A remote index another device subscribed to: this browser's permission, from the click. */
    subscribeHere(url: string) {
      const permission = browser.permissions.request({ origins: [originPattern(url)] });
      void attempt('Subscribing…', async () => {
        if (!(await permission))
          throw new Error(`The browser did not give permission to contact ${new URL(url).host}.`);
        const settings = await loadSettings();
        if (!settings.remoteIndexes.includes(url))
          await saveSettings({ ...settings, remoteIndexes: [...settings.remoteIndexes, url] });
        await savePending((await loadPending()).filter((u) => u !== url));
        syncSoon();
      });
    },
  };
}

export type SyncSettingsState = ReturnType<typeof useSync>;
