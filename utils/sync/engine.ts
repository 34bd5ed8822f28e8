import type { Draft, LibraryItem } from '@/utils/core/library-item';
import type { LibraryDb, StoredRecord } from '@/utils/db/stores';
import { readDraft, readLibraryItem } from '@/utils/library/import';
import { writeAction } from '@/utils/library/library';
import type { DavFile, WebDav } from '@/utils/net/webdav';
import { formatStamp, HLC_ZERO, MAX_AHEAD_MS, observe, tick, type Hlc } from './clock';
import {
  CorruptFileError,
  HEADER_FILE,
  keyFits,
  parseHeader,
  sealText,
  unsealJson,
} from './crypto';
import {
  afterRead,
  fileName,
  filesToRead,
  folderFiles,
  pruneProgress,
  settleUpTo,
  signature,
  type FolderFile,
  type ReadProgress,
} from './folder';
import {
  draftFromRecord,
  draftView,
  isSyncRecord,
  itemFromRecord,
  itemView,
  recordKind,
  subView,
} from './library-records';
import { isLive, mergeRecords, recordLocalChange, sameValue, type SyncRecord } from './records';

/**
 * One sync: read what the other devices wrote since last time, merge it
 * with this device's changes in one transaction, then upload this device's
 * changes as a new file of its own. Every step can stop at any point (the
 * worker stopped, the tab closed, the server gone): what was applied was
 * applied whole, what was not sent is still in the outbox, and the next
 * sync finishes the job.
 */
export interface SyncDeps {
  db: LibraryDb;
  dav: WebDav;
  key: CryptoKey;
  device: string;
  /** The remote indexes this device subscribes to, and those other devices added (not yet allowed here). */
  subscriptions: {
    read(): Promise<Subscriptions>;
    write(next: Subscriptions): Promise<void>;
  };
  /** The header's signature when its key was last checked (absent: check it now). */
  headerSig?: string;
  /** This Sidenotes' version: records it refused are offered again to the next one. */
  appVersion?: string;
  now?: () => number;
}

export type SyncErrorCode =
  | 'passphrase'
  | 'not-a-folder'
  | 'folder-gone'
  /** This device's own files go past what it remembers: it must go on as a new device. */
  | 'device-replaced';

/** Why a folder cannot be synced with (besides the network's and the server's own errors). */
export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export const WRONG_PASSPHRASE = 'Wrong passphrase for this folder.';

/**
 * Checks the folder's header against the key when it changed since last
 * time (someone may have reset the folder with another passphrase): before
 * any other file is read or written. Returns its signature.
 */
export async function checkHeader(
  dav: WebDav,
  key: CryptoKey,
  listing: readonly DavFile[],
  knownSig?: string,
): Promise<string> {
  const entry = listing.find((f) => f.name === HEADER_FILE);
  if (!entry)
    throw new SyncError(
      'folder-gone',
      `The folder on ${dav.host} no longer holds Sidenotes' sync files (${HEADER_FILE} is gone). Your library here is unchanged; disconnect and connect again to start the folder anew.`,
    );
  const sig = signature(entry);
  if (sig === knownSig) return sig;
  let fits: boolean;
  try {
    fits = await keyFits(key, parseHeader(await dav.get(HEADER_FILE, 64 * 1024)));
  } catch (error) {
    if (error instanceof CorruptFileError)
      throw new SyncError(
        'not-a-folder',
        `The folder's ${HEADER_FILE} is damaged: ${error.message}`,
      );
    throw error;
  }
  if (!fits)
    throw new SyncError(
      'passphrase',
      `${WRONG_PASSPHRASE} It was set up again with another passphrase; connect again with that one. Your library here is unchanged.`,
    );
  return sig;
}

export interface Subscriptions {
  active: string[];
  pending: string[];
}

export interface SyncReport {
  /** Items and drafts written or removed here from other devices' changes. */
  received: number;
  /** Records this device uploaded. */
  sent: number;
  /** Damaged files on the server, skipped and never applied. */
  skipped: string[];
  /** Records from the server that did not pass the library's checks. */
  rejected: number;
  compacted: boolean;
  /** Live items in the merged library. */
  items: number;
  headerSig: string;
}

/** What this device keeps of the folder (in the library's `meta` store, changed with the records). */
export interface SyncProgress extends ReadProgress {
  device: string;
  folder: string;
  hlc: Hlc;
  /** The last own file this device uploaded. */
  ownSeq: number;
  /** Own files and the sizes they were written with: a different size is a damaged file. */
  ownSizes: Record<string, number>;
  /** The whole library was compared once (the first sync), not only marked changes. */
  scanned: boolean;
  /** Live items after the last sync (counted on a full pass, kept up to date since). */
  items: number;
}

const PROGRESS = 'sync.progress';
const RECORDS_FORMAT = 'sidenotes-sync-records';
/** Plain JSON per uploaded file: large libraries go up in a few files, not one huge request. */
const MAX_FILE_JSON = 4 * 1024 * 1024;
/** Own segments after which a snapshot replaces them (a new device then reads one file). */
export const COMPACT_AFTER = 16;
/** The largest number an own file's name holds (8 digits). */
const MAX_SEQ = 99_999_999;
const MAX_FILE_BYTES = 256 * 1024 * 1024;

export const freshProgress = (device: string, folder: string): SyncProgress => ({
  device,
  folder,
  hlc: HLC_ZERO,
  ownSeq: 0,
  ownSizes: {},
  scanned: false,
  items: 0,
  seen: {},
  upTo: {},
  skipped: [],
});

/** This device's progress in this folder (fresh when it is another device's or folder's). */
async function progressIn(
  meta: { get(key: string): Promise<{ key: string; value: unknown } | undefined> },
  deps: Pick<SyncDeps, 'device' | 'dav'>,
): Promise<SyncProgress> {
  const value = (await meta.get(PROGRESS))?.value as SyncProgress | undefined;
  return value && value.device === deps.device && value.folder === deps.dav.folder
    ? value
    : freshProgress(deps.device, deps.dav.folder);
}

/** The records in one of the folder's files, or CorruptFileError. */
export async function readFile(dav: WebDav, key: CryptoKey, file: FolderFile) {
  const bytes = await dav.get(file.name, MAX_FILE_BYTES);
  const data = await unsealJson(key, file.name, bytes);
  const ok =
    data !== null &&
    typeof data === 'object' &&
    (data as { format?: unknown }).format === RECORDS_FORMAT &&
    Array.isArray((data as { records?: unknown }).records);
  if (!ok) throw new CorruptFileError(file.name, 'not a file of sync records');
  const records: SyncRecord[] = [];
  let invalid = 0;
  for (const r of (data as { records: unknown[] }).records)
    if (isSyncRecord(r)) records.push(r);
    else invalid++;
  return { records, invalid };
}

/** Reads the files given, merging their records by id; damaged ones are reported, not applied. */
export async function readFiles(dav: WebDav, key: CryptoKey, files: readonly FolderFile[]) {
  const incoming = new Map<string, SyncRecord>();
  const results: Array<{ file: FolderFile; ok: boolean }> = [];
  let invalid = 0;
  for (const file of files) {
    try {
      const read = await readFile(dav, key, file);
      invalid += read.invalid;
      for (const record of read.records) {
        const known = incoming.get(record.id);
        incoming.set(record.id, known ? mergeRecords(known, record) : record);
      }
      results.push({ file, ok: true });
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error;
      results.push({ file, ok: false });
    }
  }
  return { incoming, results, invalid };
}

/**
 * The latest stamp in these records that this device's clock may adopt:
 * none more than a day ahead of `nowMs` (see `observe`).
 */
const maxStamp = (records: Iterable<SyncRecord>, nowMs: number): string | null => {
  // Stamps start with their wall time in fixed-width base 36: compared as strings.
  const limit = `${formatStamp({ wallMs: nowMs + MAX_AHEAD_MS + 1, count: 0 }, '')}`.slice(0, 9);
  let max: string | null = null;
  const see = (s: string) => {
    if ((!max || s > max) && s.slice(0, 9) < limit) max = s;
  };
  for (const r of records) {
    for (const f of Object.values(r.fields)) see(f.s);
    for (const t of Object.values(r.tags ?? {})) see(t.s);
    for (const v of r.text ?? []) see(v.s);
    for (const versions of Object.values(r.joined ?? {})) for (const v of versions) see(v.s);
  }
  return max;
};

const STORES = ['items', 'drafts', 'syncRecords', 'syncChanges', 'meta'] as const;
/**
 * The records changed here and not uploaded yet, id → a token naming the
 * change: one entry in `meta` (one write for a first sync of 10,000
 * records, where a store of its own cost a write per record).
 */
const OUTBOX = 'sync.outbox';
/**
 * Records from the folder this version of Sidenotes refused (a newer one's
 * item, say), kept aside with the version that refused them and merged in
 * again once Sidenotes is updated. Not in `syncRecords`: see mergeHere.
 */
const REFUSED = 'sync.refused';
const MAX_REFUSED = 10_000;
interface Refused {
  version: string;
  records: Record<string, SyncRecord>;
}
type Outbox = Record<string, string>;

/** A record changed here and not uploaded yet; `token` tells a later change from the one sent. */
interface Pending {
  id: string;
  token: string;
  state: SyncRecord;
}

const isItem = (id: string) => id.startsWith('item:');

/**
 * The one transaction of a sync: this device's changes are stamped into
 * their records first (so nothing typed here is overwritten), then the
 * other devices' records are merged in and the library rewritten where the
 * merge changed what it shows.
 */
async function mergeHere(
  deps: SyncDeps,
  incoming: Map<string, SyncRecord>,
  read: Array<{ file: FolderFile; ok: boolean }>,
  listed: readonly FolderFile[],
  localSubs: readonly string[],
  restore: boolean,
  /** Records refused here, kept aside (see REFUSED); `hadRefused`: some were kept before. */
  setAside: Map<string, SyncRecord>,
  hadRefused: boolean,
) {
  const now = deps.now ?? Date.now;
  return writeAction(deps.db, [...STORES], async (tx) => {
    const meta = tx.objectStore('meta');
    const recordsStore = tx.objectStore('syncRecords');
    const items = tx.objectStore('items');
    const drafts = tx.objectStore('drafts');
    let progress = await progressIn(meta, deps);
    // A change is stamped with when it was made (not when it is synced), so of
    // two edits made apart the later one is current; never ahead of this clock.
    const stampAt = (whenMs: number) => () => {
      progress.hlc = tick(progress.hlc, Math.min(whenMs, now()));
      return formatStamp(progress.hlc, deps.device);
    };
    const editedAt = (id: string): number => {
      const k = recordKind(id);
      const date =
        k?.kind === 'item'
          ? localItems.get(k.key)?.updatedAt
          : k?.kind === 'draft'
            ? localDrafts.get(k.key)?.updatedAt
            : undefined;
      const ms = date ? Date.parse(date) : NaN;
      return Number.isNaN(ms) ? now() : ms;
    };

    // What changed here: the marked records, or everything on the first sync.
    const changed = new Set((await tx.objectStore('syncChanges').getAllKeys()) as string[]);
    const bulk = !progress.scanned || restore || changed.size > 200 || incoming.size > 200;
    const stored = new Map<string, StoredRecord>();
    const localItems = new Map<string, LibraryItem>();
    const localDrafts = new Map<string, Draft>();
    if (bulk) {
      for (const r of await recordsStore.getAll()) stored.set(r.id, r);
      for (const i of await items.getAll()) localItems.set(i.id, i);
      for (const d of await drafts.getAll()) localDrafts.set(d.paperKey, d);
      if (!progress.scanned) {
        for (const id of localItems.keys()) changed.add(`item:${id}`);
        for (const key of localDrafts.keys()) changed.add(`draft:${key}`);
        for (const id of stored.keys()) changed.add(id);
      }
    } else {
      const ids = [...new Set([...changed, ...incoming.keys()])];
      const found = await Promise.all(ids.map((id) => recordsStore.get(id)));
      found.forEach((r) => r && stored.set(r.id, r));
      const kinds = ids.map((id) => recordKind(id));
      await Promise.all(
        kinds.map(async (k) => {
          if (k?.kind === 'item') {
            const item = await items.get(k.key);
            if (item) localItems.set(k.key, item);
          } else if (k?.kind === 'draft') {
            const draft = await drafts.get(k.key);
            if (draft) localDrafts.set(k.key, draft);
          }
        }),
      );
    }
    // Subscriptions are few: compared whole every time.
    const subIds = new Set(localSubs.map((url) => `sub:${url}`));
    const storedSubs = (await recordsStore.getAll(IDBKeyRange.bound('sub:', 'sub:\uffff'))) ?? [];
    for (const r of storedSubs) {
      stored.set(r.id, r);
      changed.add(r.id);
    }
    for (const id of subIds) changed.add(id);

    const writes: Array<Promise<unknown>> = [];
    const queue = (write: Promise<unknown>) => {
      write.catch(() => undefined);
      writes.push(write);
    };
    const localView = (id: string) => {
      const k = recordKind(id);
      if (k?.kind === 'item') {
        const item = localItems.get(k.key);
        return item && itemView(item);
      }
      if (k?.kind === 'draft') {
        const draft = localDrafts.get(k.key);
        return draft && draftView(draft);
      }
      return subIds.has(id) ? subView(id.slice(4)) : undefined;
    };

    // This device's changes were made before it saw this sync's news: stamped
    // first, in the order they were made; the clock then moves past the news.
    const inOrder = [...changed]
      .map((id) => ({ id, at: editedAt(id) }))
      .sort((a, b) => a.at - b.at);
    const outbox: Outbox = { ...(((await meta.get(OUTBOX))?.value as Outbox | undefined) ?? {}) };
    let liveDelta = 0;
    const counted = (id: string, before: SyncRecord | undefined, after: SyncRecord) => {
      if (isItem(id)) liveDelta += Number(isLive(after)) - Number(!!before && isLive(before));
    };
    for (const { id, at } of inOrder) {
      const previous = stored.get(id);
      const next = recordLocalChange(id, previous?.state, localView(id), deps.device, stampAt(at));
      if (!next) continue;
      const record: StoredRecord = { id, state: next };
      counted(id, previous?.state, next);
      stored.set(id, record);
      queue(recordsStore.put(record));
      outbox[id] = crypto.randomUUID();
    }
    // A first sync with this folder sends every record this device holds, changed
    // or not: the folder may never have seen them (another folder, or one made anew).
    if (!progress.scanned)
      for (const id of stored.keys())
        if (!Object.hasOwn(outbox, id)) outbox[id] = crypto.randomUUID();

    const seenStamp = maxStamp(incoming.values(), now());
    if (seenStamp) progress.hlc = observe(progress.hlc, seenStamp, now());

    let received = 0;
    let rejected = 0;
    /** Writes what a merged record shows into the library; false when the library's checks refuse it. */
    const show = (record: SyncRecord): boolean => {
      const k = recordKind(record.id);
      if (k?.kind === 'item') {
        const local = localItems.get(k.key);
        const raw = itemFromRecord(record, local?.revision);
        if (raw === undefined) {
          if (local) {
            queue(items.delete(k.key));
            localItems.delete(k.key);
            received++;
          }
          return true;
        }
        let item: LibraryItem;
        try {
          item = readLibraryItem(raw);
        } catch {
          return false;
        }
        if (local && sameValue(itemView(local), itemView(item))) return true;
        queue(items.put(item));
        localItems.set(item.id, item);
        received++;
      } else if (k?.kind === 'draft') {
        const local = localDrafts.get(k.key);
        const raw = draftFromRecord(record);
        if (raw === undefined) {
          if (local) {
            queue(drafts.delete(k.key));
            localDrafts.delete(k.key);
            received++;
          }
          return true;
        }
        let draft: Draft;
        try {
          draft = readDraft(raw);
        } catch {
          return false;
        }
        if (local && sameValue(local, draft)) return true;
        queue(drafts.put(draft));
        localDrafts.set(k.key, draft);
        received++;
      }
      return true;
    };

    for (const [id, record] of incoming) {
      const previous = stored.get(id);
      const merged = previous ? mergeRecords(previous.state, record) : record;
      if (previous && sameValue(merged, previous.state) && !restore) continue;
      // A record the library refuses is not kept either: kept, a later change
      // here would be compared with what it says and undo or delete it.
      if (!show(merged)) {
        rejected++;
        const aside = setAside.get(id);
        if (aside || setAside.size < MAX_REFUSED)
          setAside.set(id, aside ? mergeRecords(aside, record) : record);
        continue;
      }
      const next: StoredRecord = { id, state: merged };
      counted(id, previous?.state, merged);
      stored.set(id, next);
      queue(recordsStore.put(next));
    }
    if (restore) for (const r of stored.values()) if (!incoming.has(r.id)) show(r.state);

    queue(tx.objectStore('syncChanges').clear());
    for (const { file, ok } of read) progress = { ...progress, ...afterRead(progress, file, ok) };
    progress = { ...progress, ...settleUpTo(pruneProgress(progress, listed), listed) };
    const subs: string[] = [];
    for (const r of stored.values())
      if (r.id.startsWith('sub:') && isLive(r.state)) subs.push(r.id.slice(4));
    if (bulk) {
      progress.items = 0;
      for (const r of stored.values()) if (isItem(r.id) && isLive(r.state)) progress.items++;
    } else progress.items = Math.max(0, (progress.items ?? 0) + liveDelta);
    progress.scanned = true;
    queue(meta.put({ key: PROGRESS, value: progress }));
    queue(meta.put({ key: OUTBOX, value: outbox }));
    if (setAside.size || hadRefused)
      queue(
        meta.put({
          key: REFUSED,
          value: {
            version: deps.appVersion ?? '',
            records: Object.fromEntries(setAside),
          } satisfies Refused,
        }),
      );
    // What is still to be sent: this sync's changes, and any an interrupted one left.
    const pending: Pending[] = [];
    for (const [id, token] of Object.entries(outbox)) {
      const state = stored.get(id)?.state ?? (await recordsStore.get(id))?.state;
      if (state) pending.push({ id, token, state });
    }
    await Promise.all(writes);
    return { received, rejected, progress, subs, pending };
  });
}

/** The changes not yet sent, when no merge ran in this sync (read from the outbox). */
async function pendingChanges(db: LibraryDb): Promise<Pending[]> {
  const tx = db.transaction(['meta', 'syncRecords']);
  const outbox = ((await tx.objectStore('meta').get(OUTBOX))?.value ?? {}) as Outbox;
  const entries = Object.entries(outbox);
  const states = await Promise.all(entries.map(([id]) => tx.objectStore('syncRecords').get(id)));
  await tx.done;
  return entries.flatMap(([id, token], i) =>
    states[i] ? [{ id, token, state: states[i]!.state }] : [],
  );
}

/**
 * Notes the size an own file is about to be written with, before it is:
 * an upload cut off midway then shows as a damaged own file, repaired by
 * the next snapshot, instead of an unknown one left as it is.
 */
async function expectSize(deps: SyncDeps, name: string, size: number) {
  await writeAction(deps.db, ['meta'], async (tx) => {
    const current = await progressIn(tx.objectStore('meta'), deps);
    const next = { ...current, ownSizes: { ...current.ownSizes, [name]: size } };
    await tx.objectStore('meta').put({ key: PROGRESS, value: next });
  });
}

/** A file of records, as JSON: each record was stringified once, when the file was sized. */
const recordsJson = (device: string, seq: number, records: readonly string[]) =>
  `{"format":"${RECORDS_FORMAT}","version":1,"device":"${device}","seq":${seq},"records":[${records.join(',')}]}`;

/** Uploads every record changed here and not yet sent, in files of a few megabytes. */
async function sendChanges(deps: SyncDeps, progress: SyncProgress, pending: readonly Pending[]) {
  let sent = 0;
  let chunk: Array<{ change: Pending; json: string }> = [];
  let size = 0;
  const flush = async () => {
    if (!chunk.length) return;
    const seq = progress.ownSeq + 1;
    if (seq > MAX_SEQ)
      throw new SyncError('not-a-folder', 'This browser has written all the files a device may.');
    const name = fileName(deps.device, seq, 'seg');
    const bytes = await sealText(
      deps.key,
      name,
      recordsJson(
        deps.device,
        seq,
        chunk.map((c) => c.json),
      ),
    );
    await expectSize(deps, name, bytes.length);
    await deps.dav.put(name, bytes);
    const done = chunk.map((c) => c.change);
    progress = await writeAction(deps.db, ['meta'], async (tx) => {
      const current = await progressIn(tx.objectStore('meta'), deps);
      const next = {
        ...current,
        ownSeq: seq,
        ownSizes: { ...current.ownSizes, [name]: bytes.length },
      };
      await tx.objectStore('meta').put({ key: PROGRESS, value: next });
      const outbox = { ...(((await tx.objectStore('meta').get(OUTBOX))?.value ?? {}) as Outbox) };
      // Changed again while uploading: stays in the outbox, goes in the next file.
      for (const p of done) if (outbox[p.id] === p.token) delete outbox[p.id];
      await tx.objectStore('meta').put({ key: OUTBOX, value: outbox });
      return next;
    });
    sent += chunk.length;
    chunk = [];
    size = 0;
  };
  for (const change of pending) {
    const json = JSON.stringify(change.state);
    if (size + json.length > MAX_FILE_JSON) await flush();
    chunk.push({ change, json });
    size += json.length;
  }
  await flush();
  return { sent, progress };
}

/**
 * Replaces this device's segments with one snapshot of everything it knows,
 * then deletes them (only its own files). Done when they pile up, or when
 * one of them is damaged on the server (a different size than written):
 * the snapshot carries what the damaged file held.
 */
async function compact(deps: SyncDeps, progress: SyncProgress, own: readonly FolderFile[]) {
  const name = fileName(deps.device, progress.ownSeq, 'snap');
  const states = (await deps.db.getAll('syncRecords')).map((r) => JSON.stringify(r.state));
  const bytes = await sealText(deps.key, name, recordsJson(deps.device, progress.ownSeq, states));
  await expectSize(deps, name, bytes.length);
  await deps.dav.put(name, bytes);
  const old = own.filter((f) => f.name !== name && f.seq <= progress.ownSeq);
  for (const file of old) await deps.dav.delete(file.name);
  const gone = new Set(old.map((f) => f.name));
  const ownSizes = Object.fromEntries(
    Object.entries(progress.ownSizes).filter(([n]) => !gone.has(n) && !n.endsWith('.seg')),
  );
  ownSizes[name] = bytes.length;
  await writeAction(deps.db, ['meta'], async (tx) => {
    const current = await progressIn(tx.objectStore('meta'), deps);
    await tx.objectStore('meta').put({ key: PROGRESS, value: { ...current, ownSizes } });
  });
}

/** No change marked here, and the subscriptions are as their records say. */
async function quiet(db: LibraryDb, localSubs: readonly string[]): Promise<boolean> {
  const tx = db.transaction(['syncChanges', 'syncRecords']);
  const [changes, subs] = await Promise.all([
    tx.objectStore('syncChanges').count(),
    tx.objectStore('syncRecords').getAll(IDBKeyRange.bound('sub:', 'sub:\uffff')),
  ]);
  await tx.done;
  const live = subs.filter((r) => isLive(r.state)).map((r) => r.id.slice(4));
  return changes === 0 && sameValue([...live].sort(), [...localSubs].sort());
}

/** One sync with the folder (see the top of this file). `restore` re-reads every file. */
export async function syncOnce(
  deps: SyncDeps,
  options: { restore?: boolean } = {},
): Promise<SyncReport> {
  const listing = await deps.dav.list();
  const headerSig = await checkHeader(deps.dav, deps.key, listing, deps.headerSig);
  const files = folderFiles(listing);
  let progress = await progressIn({ get: (key) => deps.db.get('meta', key) }, deps);
  const restore = options.restore ?? false;
  if (restore) progress = { ...progress, seen: {}, upTo: {}, skipped: [] };
  // Own files past what this device remembers writing, that are whole: its
  // bookkeeping is older than its files (a profile restored from an old copy,
  // an upload whose note was cut off). Its version counters may then repeat
  // ones already used, and two edits would look like one: it goes on as a new
  // device (syncDevice). A damaged own file (an upload cut short) is simply
  // written again under its name.
  const beyond = files.filter((f) => f.device === deps.device && f.seq > progress.ownSeq);
  if (beyond.length && (await readFiles(deps.dav, deps.key, beyond)).results.some((r) => r.ok))
    throw new SyncError(
      'device-replaced',
      'This browser has written to the folder after the copy of its library it now holds.',
    );
  const toRead = filesToRead(files, progress, restore ? null : deps.device);
  const { incoming, results, invalid } = await readFiles(deps.dav, deps.key, toRead);
  // Records an earlier version refused: offered again once Sidenotes was updated.
  const refused = (await deps.db.get('meta', REFUSED))?.value as Refused | undefined;
  const retry = !!refused && !!deps.appVersion && refused.version !== deps.appVersion;
  const setAside = new Map(retry ? [] : Object.entries(refused?.records ?? {}));
  if (retry)
    for (const r of Object.values(refused.records)) {
      const known = incoming.get(r.id);
      incoming.set(r.id, known ? mergeRecords(known, r) : r);
    }
  const subs = await deps.subscriptions.read();
  const localSubs = [...subs.active, ...subs.pending];
  let merged: Awaited<ReturnType<typeof mergeHere>>;
  if (
    !toRead.length &&
    !restore &&
    !retry &&
    progress.scanned &&
    (await quiet(deps.db, localSubs))
  ) {
    // Nothing came in and nothing changed here: no transaction to write.
    merged = {
      received: 0,
      rejected: 0,
      // Damaged files since deleted by their writer are no longer reported.
      progress: { ...progress, ...pruneProgress(progress, listing) },
      subs: localSubs,
      pending: await pendingChanges(deps.db),
    };
  } else
    merged = await mergeHere(
      deps,
      incoming,
      results,
      files,
      localSubs,
      restore,
      setAside,
      !!refused,
    );
  progress = merged.progress;

  // Indexes subscribed on another device wait here for this browser's permission.
  const live = new Set(merged.subs);
  const next: Subscriptions = {
    active: subs.active.filter((u) => live.has(u)),
    pending: merged.subs.filter((u) => !subs.active.includes(u)),
  };
  if (!sameValue(next, subs)) await deps.subscriptions.write(next);

  const { sent, progress: afterSend } = await sendChanges(deps, progress, merged.pending);
  progress = afterSend;
  const ownListed = files.filter((f) => f.device === deps.device);
  const damaged = ownListed.some(
    (f) => progress.ownSizes[f.name] !== undefined && progress.ownSizes[f.name] !== f.size,
  );
  const ownSegments = ownListed.filter((f) => f.kind === 'seg').length + (sent ? 1 : 0);
  let compacted = false;
  if (progress.ownSeq > 0 && (damaged || ownSegments >= COMPACT_AFTER)) {
    await compact(deps, progress, ownListed);
    compacted = true;
  }
  return {
    received: merged.received,
    sent,
    skipped: merged.progress.skipped,
    rejected: merged.rejected + invalid,
    compacted,
    items: progress.items,
    headerSig,
  };
}

/**
 * One sync as this browser runs it: when its own files show it must go on as
 * a new device, `newDevice` gives it its new id (and keeps it), and the sync
 * runs again as that device's first, which compares and sends everything.
 */
export async function syncDevice(
  deps: SyncDeps,
  options: { restore?: boolean },
  newDevice: () => Promise<string>,
): Promise<SyncReport & { device: string }> {
  try {
    return { ...(await syncOnce(deps, options)), device: deps.device };
  } catch (error) {
    if (!(error instanceof SyncError && error.code === 'device-replaced')) throw error;
    const device = await newDevice();
    return { ...(await syncOnce({ ...deps, device }, options)), device };
  }
}

/** What a folder holds, for "This browser's N items will be merged with the M already there". */
export async function countFolder(dav: WebDav, key: CryptoKey) {
  const files = folderFiles(await dav.list());
  const { incoming, results } = await readFiles(
    dav,
    key,
    filesToRead(files, { seen: {}, upTo: {}, skipped: [] }, null),
  );
  let items = 0;
  for (const r of incoming.values()) if (r.id.startsWith('item:') && isLive(r)) items++;
  return { items, damaged: results.filter((r) => !r.ok).map((r) => r.file.name) };
}
