import { isObject, isText } from './guards';

/**
 * What crosses between the options page and the worker about sync
 * (messages in utils/messaging/view-to-worker.ts, the work in utils/sync/).
 */
export interface SyncAccount {
  /** The WebDAV folder's address. */
  url: string;
  user: string;
  password: string;
}

/**
 * A sync folder's account and key, as its messages and storage.local may
 * hold them: sync's own table of limits, beside SCHEMA_LIMITS
 * (utils/core/schema.ts), which is the data a page or an index sends and
 * which the reading-group template's builder carries.
 */
export const SYNC_LIMITS = {
  /** The WebDAV folder's address. */
  urlChars: 2_000,
  userChars: 500,
  passwordChars: 2_000,
  /** The folder key, base64 (32 bytes: 44 characters). */
  keyChars: 100,
} as const;

/** An account from outside (a message, storage.local), within SYNC_LIMITS; else null. */
export function readSyncAccount(value: unknown): SyncAccount | null {
  if (!isObject(value)) return null;
  const { url, user, password } = value;
  if (!isText(url, SYNC_LIMITS.urlChars) || !isText(user, SYNC_LIMITS.userChars)) return null;
  if (!isText(password, SYNC_LIMITS.passwordChars)) return null;
  return { url, user, password };
}

/** Argon2id's parameters for a folder, stored in its header (utils/sync/crypto.ts). */
export interface KdfParams {
  alg: 'argon2id';
  /** Random, base64. */
  salt: string;
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** What the options page learns of a folder before the passphrase is used. */
export interface FolderProbe {
  /** True: no Sidenotes folder there yet; connecting makes one with these parameters. */
  fresh: boolean;
  kdf: KdfParams;
}

export interface ConnectRequest {
  account: SyncAccount;
  /** The folder key derived in the options page from the passphrase, base64 (32 bytes). */
  key: string;
  kdf: KdfParams;
  fresh: boolean;
}

/** "This browser's N items will be merged with the M already there." */
export interface FolderPreview {
  localItems: number;
  folderItems: number;
  damaged: string[];
}

export type SyncState = 'off' | 'syncing' | 'ok' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** What happened, in words for people. */
  message: string;
  /** ISO date of the last sync that finished. */
  lastOkAt?: string;
  /** ISO date of this status. */
  at?: string;
  /** ISO date the sync this status tells of began. */
  startedAt?: string;
  host?: string;
}
