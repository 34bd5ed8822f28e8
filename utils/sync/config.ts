import { isObject, isText } from '@/utils/core/guards';
import { originPattern } from '@/utils/core/url';
import { readSyncAccount, SYNC_LIMITS, type SyncStatus } from '@/utils/core/sync';

export type { SyncState, SyncStatus } from '@/utils/core/sync';
import { browser } from '@/utils/platform/browser';
import { normalizeIndexUrl } from '@/utils/sources/settings';

/**
 * What this browser keeps to sync without asking again, in `storage.local`
 * (never synced by the browser): the folder, the WebDAV user name and
 * password, the 32-byte folder key derived from the passphrase (never the
 * passphrase itself), and this device's random id. The README says so.
 */
export interface SyncConfig {
  url: string;
  user: string;
  password: string;
  /** The folder key, base64. */
  key: string;
  device: string;
  /** Signature of the folder's header when last checked: a change means it is checked again. */
  headerSig: string;
  connectedAt: string;
}

const CONFIG = 'sync';
const STATUS = 'syncStatus';
/** Remote indexes another device subscribed to, waiting for this browser's permission. */
const PENDING = 'syncPendingIndexes';
/** A device id: 8 random bytes in hex (newDeviceId, ./folder.ts). */
const DEVICE_ID_CHARS = 16;
/** The folder header's signature as last checked (signature, ./folder.ts). */
const HEADER_SIG_CHARS = 500;

export async function loadConfig(): Promise<SyncConfig | null> {
  const raw = (await browser.storage.local.get(CONFIG))[CONFIG];
  if (
    !isObject(raw) ||
    !readSyncAccount(raw) ||
    !isText(raw.key, SYNC_LIMITS.keyChars) ||
    !isText(raw.device, DEVICE_ID_CHARS) ||
    !isText(raw.headerSig, HEADER_SIG_CHARS)
  )
    return null;
  return raw as unknown as SyncConfig;
}

/** The host permission syncing needs while connected (none when not): see releaseUnusedHosts. */
export async function syncOrigins(): Promise<string[]> {
  const config = await loadConfig();
  return config ? [originPattern(config.url)] : [];
}

export async function saveConfig(config: SyncConfig): Promise<void> {
  await browser.storage.local.set({ [CONFIG]: config });
}

export async function clearConfig(): Promise<void> {
  await browser.storage.local.remove(CONFIG);
}

export async function loadStatus(): Promise<SyncStatus> {
  const raw = (await browser.storage.local.get(STATUS))[STATUS];
  return isObject(raw) && typeof raw.state === 'string' && typeof raw.message === 'string'
    ? (raw as unknown as SyncStatus)
    : { state: 'off', message: 'Sync is off.' };
}

export async function saveStatus(status: SyncStatus): Promise<void> {
  await browser.storage.local.set({ [STATUS]: { ...status, at: new Date().toISOString() } });
}

export async function loadPending(): Promise<string[]> {
  const raw = (await browser.storage.local.get(PENDING))[PENDING];
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((u: unknown) => {
    try {
      return typeof u === 'string' ? [normalizeIndexUrl(u)] : [];
    } catch {
      return [];
    }
  });
}

export async function savePending(urls: string[]): Promise<void> {
  await browser.storage.local.set({ [PENDING]: urls });
}
