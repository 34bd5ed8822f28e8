import type { Draft, LibraryItem } from '@/utils/core/library-item';
import { isObject } from '@/utils/core/guards';
import { isStamp, stampDate } from './clock';
import { earlierVersions, project, type LocalView, type SyncRecord } from './records';

/**
 * What syncs, as records (utils/sync/records.ts): each library item, each
 * draft, each subscribed remote index. Record ids name their kind; the
 * library's own ids never leave the encrypted files.
 */
export { draftRecordId, itemRecordId, subRecordId } from '@/utils/core/sync-record';

export type RecordKind = 'item' | 'draft' | 'sub';

export function recordKind(id: string): { kind: RecordKind; key: string } | null {
  const m = /^(item|draft|sub):([\s\S]+)$/.exec(id);
  return m ? { kind: m[1] as RecordKind, key: m[2]! } : null;
}

/**
 * A library item as a record's fields: the summary's text keeps concurrent
 * versions (an own summary edited on two devices, one current, the others
 * shown beside it); the note keeps them too, joined into one text; tags are
 * a set; the rest are registers.
 */
export function itemView(item: LibraryItem): LocalView {
  const { body, ...summary } = item.summary;
  return {
    fields: {
      kind: item.kind,
      summary,
      savedAt: item.savedAt,
      updatedAt: item.updatedAt,
    },
    tags: item.tags,
    joined: { note: item.note },
    text: { current: body, others: (item.otherVersions ?? []).map((v) => v.id) },
  };
}

/**
 * The item a live record shows, as raw data: the caller checks it with the
 * library's one reader of outside data before storing it. `revision` is the
 * local one, bumped so an editor open on the old item hears of the change.
 */
export function itemFromRecord(record: SyncRecord, previousRevision = 0): unknown {
  const view = project(record);
  if (!view) return undefined;
  const f = view.fields;
  const others = earlierVersions(record.text ?? []);
  return {
    id: recordKind(record.id)?.key,
    kind: f.kind,
    summary: isObject(f.summary) ? { ...f.summary, body: view.text?.current ?? '' } : undefined,
    savedAt: f.savedAt,
    updatedAt: f.updatedAt,
    // The library holds 50 tags an item: two devices' sets joined may hold more (the latest kept).
    tags: (view.tags ?? []).slice(-50),
    note: view.joined?.note ?? '',
    revision: previousRevision + 1,
    ...(others.length
      ? {
          otherVersions: others.map((v) => ({ id: v.s, body: v.text, editedAt: stampDate(v.s) })),
        }
      : {}),
  };
}

/** A draft's text is joined as a note is: two devices typing apart keep both. */
export const draftView = (draft: Draft): LocalView => ({
  fields: { updatedAt: draft.updatedAt },
  joined: { body: draft.body },
});

/** The draft a live record shows, as raw data: the caller checks it (readDraft) before storing it. */
export function draftFromRecord(record: SyncRecord): unknown {
  const view = project(record);
  if (!view) return undefined;
  return {
    paperKey: recordKind(record.id)?.key,
    body: view.joined?.body,
    updatedAt: view.fields.updatedAt,
  };
}

export const subView = (url: string): LocalView => ({ fields: { url } });

/** The shape of a record read from the server (its values are checked when applied). */
export function isSyncRecord(value: unknown): value is SyncRecord {
  if (!isObject(value) || typeof value.id !== 'string' || value.id.length > 2200) return false;
  if (!recordKind(value.id)) return false;
  if (!isVector(value.clock) || (value.tomb !== undefined && !isVector(value.tomb))) return false;
  if (!isObject(value.fields)) return false;
  for (const r of Object.values(value.fields)) if (!isObject(r) || !isStamp(r.s)) return false;
  if (value.tags !== undefined) {
    if (!isObject(value.tags)) return false;
    for (const t of Object.values(value.tags))
      if (!isObject(t) || !isStamp(t.s) || typeof t.on !== 'boolean') return false;
  }
  if (value.text !== undefined && !isVersions(value.text)) return false;
  if (value.joined !== undefined) {
    if (!isObject(value.joined) || Object.keys(value.joined).length > 8) return false;
    for (const versions of Object.values(value.joined)) if (!isVersions(versions)) return false;
  }
  return true;
}

const isVersions = (value: unknown): boolean =>
  Array.isArray(value) &&
  value.length <= 64 &&
  value.every((v) => isObject(v) && isVector(v.vv) && isStamp(v.s) && typeof v.text === 'string');

const isVector = (value: unknown): value is Record<string, number> =>
  isObject(value) &&
  Object.keys(value).length <= 256 &&
  Object.entries(value).every(
    ([device, n]) =>
      /^[0-9a-z]{1,64}$/.test(device) && typeof n === 'number' && Number.isSafeInteger(n) && n >= 0,
  );
