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
 * A library item as a record's fields: the summary's text is the one field
 * that keeps concurrent versions (an own summary edited on two devices);
 * tags are a set; the rest are registers.
 */
export function itemView(item: LibraryItem): LocalView {
  const { body, ...summary } = item.summary;
  return {
    fields: {
      kind: item.kind,
      summary,
      savedAt: item.savedAt,
      updatedAt: item.updatedAt,
      note: item.note,
    },
    tags: item.tags,
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
    tags: view.tags ?? [],
    note: f.note ?? '',
    revision: previousRevision + 1,
    ...(others.length
      ? {
          otherVersions: others.map((v) => ({ id: v.s, body: v.text, editedAt: stampDate(v.s) })),
        }
      : {}),
  };
}

export const draftView = (draft: Draft): LocalView => ({
  fields: { body: draft.body, updatedAt: draft.updatedAt },
});

export function draftFromRecord(record: SyncRecord): Draft | undefined {
  const view = project(record);
  const key = recordKind(record.id)?.key;
  if (!view || !key) return undefined;
  const { body, updatedAt } = view.fields;
  if (typeof body !== 'string' || typeof updatedAt !== 'string' || body.length > 200_000)
    return undefined;
  return { paperKey: key, body, updatedAt };
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
  if (value.text !== undefined) {
    if (!Array.isArray(value.text) || value.text.length > 64) return false;
    for (const v of value.text)
      if (!isObject(v) || !isVector(v.vv) || !isStamp(v.s) || typeof v.text !== 'string')
        return false;
  }
  return true;
}

const isVector = (value: unknown): value is Record<string, number> =>
  isObject(value) &&
  Object.keys(value).length <= 256 &&
  Object.entries(value).every(
    ([device, n]) =>
      /^[0-9a-z]{1,64}$/.test(device) && typeof n === 'number' && Number.isSafeInteger(n) && n >= 0,
  );
