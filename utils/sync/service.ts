import { fromBase64 } from '@/utils/core/base64';
import type { ConnectRequest, FolderPreview, FolderProbe, SyncAccount } from '@/utils/core/sync';
import { errorMessage } from '@/utils/core/guards';
import { LibraryError } from '@/utils/core/library-item';
import type { LibraryDb } from '@/utils/db/stores';
import { countItems } from '@/utils/library/library';
import { NetError } from '@/utils/net/fetch-bounded';
import { folderUrl, WebDav } from '@/utils/net/webdav';
import { browser } from '@/utils/platform/browser';
import { normalizeIndexUrl, originPattern } from '@/utils/sources/settings';
import { loadSettings, saveSettings } from '@/utils/sources/settings-store';
import {
  clearConfig,
  loadConfig,
  loadPending,
  loadStatus,
  saveConfig,
  savePending,
  saveStatus,
  type SyncConfig,
  type SyncStatus,
} from './config';
import { releaseUnusedHosts } from './release';
import {
  HEADER_FILE,
  importKey,
  KDF_PARAMS,
  keyFits,
  makeHeader,
  newSalt,
  parseHeader,
} from './crypto';
import {
  countFolder,
  syncDevice,
  SyncError,
  WRONG_PASSPHRASE,
  type Subscriptions,
  type SyncReport,
} from './engine';
import { folderFiles, newDeviceId, signature } from './folder';

/**
 * Sync as the worker runs it: one sync at a time; after each change (a
 * short debounce, while the worker is awake anyway), when a library or
 * options page opens, and on an alarm while connected (an alarm survives
 * the worker being stopped; a timer would not). Nothing runs, and no alarm
 * exists, while sync is off.
 */
export const SYNC_ALARM = 'sidenotes-sync';
const PERIOD_MINUTES = 15;
const DEBOUNCE_MS = 600;

/** Words for what went wrong; the library here is never touched by a failed sync. */
export function describeSyncError(error: unknown, host: string): string {
  if (error instanceof SyncError) return error.message;
  if (error instanceof LibraryError) return error.message;
  if (error instanceof NetError) {
    switch (error.code) {
      case 'offline':
      case 'timeout':
        return `Can't reach ${host} — your changes are kept here and will be sent when it answers.`;
      case 'unauthorized':
        return `${error.message} Check them and connect again; your changes are kept here.`;
      case 'not-found':
        return `The folder is gone from ${host}. Your library here is unchanged.`;
      case 'quota':
        return `${error.message} Your changes are kept here; free some space on the server.`;
      default:
        return `${error.message} Your changes are kept here and will be sent later.`;
    }
  }
  return `Sync failed: ${errorMessage(error)}. Your library here is unchanged.`;
}

export function syncService(deps: { db: () => Promise<LibraryDb>; onReceived: () => void }) {
  let running: Promise<SyncStatus> | null = null;
  let queued: Promise<SyncStatus> | null = null;
  let queuedRestore = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const subscriptions = {
    async read(): Promise<Subscriptions> {
      return { active: (await loadSettings()).remoteIndexes, pending: await loadPending() };
    },
    async write(next: Subscriptions) {
      const settings = await loadSettings();
      const removed = settings.remoteIndexes.filter((u) => !next.active.includes(u));
      if (removed.length) {
        const kept = { ...settings, remoteIndexes: next.active };
        await saveSettings(kept);
        await releaseUnusedHosts(kept, removed.map(originPattern));
      }
      await savePending(
        next.pending.flatMap((u) => {
          try {
            return [normalizeIndexUrl(u)];
          } catch {
            return [];
          }
        }),
      );
    },
  };

  async function once(config: SyncConfig, restore: boolean): Promise<SyncStatus> {
    const host = new URL(config.url).host;
    const startedAt = new Date().toISOString();
    const previous = { ...(await loadStatus()), startedAt };
    if (!(await browser.permissions.contains({ origins: [originPattern(config.url)] }))) {
      const status: SyncStatus = {
        ...previous,
        state: 'error',
        host,
        message: `Sidenotes no longer has your browser's permission to contact ${host}. Connect again to grant it; your changes are kept here.`,
      };
      await saveStatus(status);
      return status;
    }
    await saveStatus({ ...previous, state: 'syncing', host, message: `Syncing with ${host}…` });
    let report: SyncReport;
    try {
      report = await syncDevice(
        {
          db: await deps.db(),
          dav: new WebDav(config),
          key: await importKey(fromBase64(config.key)),
          device: config.device,
          headerSig: config.headerSig,
          appVersion: browser.runtime.getManifest().version,
          subscriptions,
        },
        { restore },
        async () => {
          const device = newDeviceId();
          const current = await loadConfig();
          if (current?.url === config.url) await saveConfig({ ...current, device });
          return device;
        },
      );
    } catch (error) {
      const status: SyncStatus = {
        ...previous,
        state: 'error',
        host,
        message: describeSyncError(error, host),
      };
      await saveStatus(status);
      return status;
    }
    if (report.headerSig !== config.headerSig) {
      const current = await loadConfig();
      if (current?.url === config.url)
        await saveConfig({ ...current, headerSig: report.headerSig });
    }
    if (report.received) deps.onReceived();
    const lastOkAt = new Date().toISOString();
    const problems = [
      report.skipped.length &&
        `${report.skipped.length} file${report.skipped.length === 1 ? ' in the folder is' : 's in the folder are'} damaged and ${report.skipped.length === 1 ? 'was' : 'were'} skipped (${report.skipped.slice(0, 3).join(', ')}): nothing in ${report.skipped.length === 1 ? 'it' : 'them'} was applied, and the device that wrote ${report.skipped.length === 1 ? 'it' : 'them'} repairs ${report.skipped.length === 1 ? 'it' : 'them'} when it next syncs.`,
      report.rejected &&
        `${report.rejected} record${report.rejected === 1 ? '' : 's'} from the folder did not pass the library's checks and ${report.rejected === 1 ? 'was' : 'were'} left out (kept aside, and tried again once Sidenotes is updated).`,
    ].filter(Boolean);
    const status: SyncStatus = {
      state: problems.length ? 'error' : 'ok',
      host,
      lastOkAt,
      startedAt,
      message: problems.length
        ? `Synced with ${host}, but ${problems.join(' ')}`
        : `${report.items.toLocaleString()} item${report.items === 1 ? '' : 's'} in your library.`,
    };
    await saveStatus(status);
    return status;
  }

  /**
   * One sync now, or right after the one under way (changes made meanwhile
   * go then; a restore asked for meanwhile is a restore then, not lost).
   */
  async function run(options: { restore?: boolean } = {}): Promise<SyncStatus> {
    clearTimeout(timer);
    if (running) {
      queuedRestore ||= options.restore ?? false;
      queued ??= running
        .catch(() => undefined)
        .then(() => {
          const restore = queuedRestore;
          queued = null;
          queuedRestore = false;
          return run({ restore });
        });
      return queued;
    }
    // Set before the first await: a second call in the meantime must find it.
    running = (async (): Promise<SyncStatus> => {
      const config = await loadConfig();
      if (!config) return { state: 'off', message: 'Sync is off.' };
      return once(config, options.restore ?? false);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    run,

    /** The library changed here: sync soon (changes in a row make one sync). */
    changed() {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), DEBOUNCE_MS);
    },

    /** The alarm fired, or the browser started: sync if connected, and keep the alarm. */
    async wake() {
      const config = await loadConfig();
      if (!config) {
        await browser.alarms.clear(SYNC_ALARM);
        return;
      }
      if (!(await browser.alarms.get(SYNC_ALARM)))
        await browser.alarms.create(SYNC_ALARM, { periodInMinutes: PERIOD_MINUTES });
      await run();
    },

    /** Looks at a folder before the passphrase is used: an existing one's KDF, or a new one's. */
    async probe(account: SyncAccount): Promise<FolderProbe> {
      const dav = new WebDav({ ...account, url: folderUrl(account.url) });
      let listing;
      try {
        listing = await dav.list();
      } catch (error) {
        if (!(error instanceof NetError && error.code === 'not-found')) throw error;
        // The folder does not exist yet: make it (its parent must exist).
        await dav.makeFolder();
        listing = await dav.list();
      }
      if (listing.some((f) => f.name === HEADER_FILE))
        return { fresh: false, kdf: parseHeader(await dav.get(HEADER_FILE, 64 * 1024)).kdf };
      if (folderFiles(listing).length)
        throw new SyncError(
          'not-a-folder',
          `This folder holds sync files without their ${HEADER_FILE}; choose another folder.`,
        );
      return { fresh: true, kdf: { alg: 'argon2id', salt: newSalt(), ...KDF_PARAMS } };
    },

    /** "This browser's N items will be merged with the M already there." */
    async preview(request: ConnectRequest): Promise<FolderPreview> {
      const dav = new WebDav({ ...request.account, url: folderUrl(request.account.url) });
      const key = await importKey(fromBase64(request.key));
      const local = await countItems(await deps.db());
      if (request.fresh) return { localItems: local, folderItems: 0, damaged: [] };
      const header = parseHeader(await dav.get(HEADER_FILE, 64 * 1024));
      if (!(await keyFits(key, header))) throw new SyncError('passphrase', WRONG_PASSPHRASE);
      const folder = await countFolder(dav, key);
      return { localItems: local, folderItems: folder.items, damaged: folder.damaged };
    },

    /** Connects (making the folder's header when it is new), then syncs at once. */
    async connect(request: ConnectRequest): Promise<SyncStatus> {
      const url = folderUrl(request.account.url);
      const dav = new WebDav({ ...request.account, url });
      const key = await importKey(fromBase64(request.key));
      let listing = await dav.list();
      let entry = listing.find((f) => f.name === HEADER_FILE);
      if (request.fresh && !entry) {
        // Only if no other browser made it meanwhile: then its header, and its key, decide.
        await dav.put(
          HEADER_FILE,
          new TextEncoder().encode(JSON.stringify(await makeHeader(key, request.kdf), null, 1)),
          { contentType: 'application/json', createOnly: true },
        );
        listing = await dav.list();
        entry = listing.find((f) => f.name === HEADER_FILE);
      }
      if (!entry) throw new SyncError('folder-gone', `${HEADER_FILE} could not be written.`);
      if (!(await keyFits(key, parseHeader(await dav.get(HEADER_FILE, 64 * 1024)))))
        throw new SyncError('passphrase', WRONG_PASSPHRASE);
      // A new device on every connection: what this browser knew of any folder
      // before is not trusted to say what this one holds, so its first sync
      // compares and sends the whole library.
      const device = newDeviceId();
      await saveConfig({
        url,
        user: request.account.user,
        password: request.account.password,
        key: request.key,
        device,
        headerSig: signature(entry),
        connectedAt: new Date().toISOString(),
      });
      await browser.alarms.create(SYNC_ALARM, { periodInMinutes: PERIOD_MINUTES });
      return run();
    },

    /** Stops syncing; the library here stays as it is, and so does the folder. */
    async disconnect(): Promise<SyncStatus> {
      clearTimeout(timer);
      const config = await loadConfig();
      await clearConfig();
      await browser.alarms.clear(SYNC_ALARM);
      const status: SyncStatus = {
        state: 'off',
        message: 'Sync is off. Your library stays in this browser; the folder keeps its copy.',
      };
      await saveStatus(status);
      // The folder's host is given back unless something else needs it (a remote index on
      // the same server, an "Always on" choice, a paper site); its config is gone already.
      if (config) await releaseUnusedHosts(await loadSettings(), [originPattern(config.url)]);
      return status;
    },
  };
}

export type SyncService = ReturnType<typeof syncService>;
