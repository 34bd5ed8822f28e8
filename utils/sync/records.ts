import type { SyncRecord, TextVersion } from '@/utils/core/sync-record';
import { formatStamp, parseStamp, stampDate, tick, vvKey, vvLeq, vvMax } from './clock';

export type { Register, SyncRecord, TextVersion } from '@/utils/core/sync-record';

/**
 * One synced record (a library item, a draft, a subscription) as every
 * device keeps it: a state that merges with any other device's state of the
 * same record in any order, any number of times, to the same result (a
 * join: commutative, associative, idempotent). That is what lets devices
 * append to their own files only and read each other's in whatever order
 * the server lists them.
 *
 * - `fields`: each field is a register; the later stamp (utils/sync/clock.ts) wins.
 * - `tags`: a set where each tag is a register of its own, so a tag added on
 *   one device and another removed on a second both hold.
 * - `text`: the texts no other version has superseded. An edit supersedes
 *   the versions its device had shown (by version vector); two edits made
 *   apart are concurrent and both stay: the later is current, the other an
 *   earlier version the user sees and may dismiss. No text is lost.
 * - `joined`: short texts (a note, a draft) kept the same way, but shown as
 *   one text: the later version first, then each other one under a line
 *   saying when it was written. The next edit there replaces them all.
 * - `tomb`: a delete removes what its device had seen (its version vector);
 *   a change it had not seen keeps the record alive (an edit made apart
 *   from a delete wins, so no word written is lost).
 */
export const isLive = (record: SyncRecord): boolean =>
  !record.tomb || !vvLeq(record.clock, record.tomb);

/** A total order on JSON values, so ties between equal stamps settle the same everywhere. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

export const sameValue = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/**
 * Sets an own property whatever the key: a tag may be named "__proto__",
 * which plain assignment would take as the object's prototype.
 */
const put = <T>(map: Record<string, T>, key: string, value: T) =>
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });

const later = <T extends { s: string }>(a: T | undefined, b: T | undefined): T | undefined => {
  if (!a) return b;
  if (!b) return a;
  if (a.s !== b.s) return a.s > b.s ? a : b;
  return canonical(a) >= canonical(b) ? a : b;
};

/** A map's own entry (never one inherited from Object.prototype, as "constructor" would be). */
const own = <T>(map: Record<string, T> | undefined, key: string): T | undefined =>
  map && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;

function mergeMaps<T extends { s: string }>(
  a: Record<string, T> | undefined,
  b: Record<string, T> | undefined,
): Record<string, T> | undefined {
  if (!a && !b) return undefined;
  const out: Record<string, T> = {};
  for (const key of new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]))
    put(out, key, later(own(a, key), own(b, key))!);
  return out;
}

/** The versions no other one supersedes, oldest first. */
export function heads(versions: readonly TextVersion[]): TextVersion[] {
  const byVv = new Map<string, TextVersion>();
  for (const v of versions) {
    const key = vvKey(v.vv);
    byVv.set(key, later(byVv.get(key), v)!);
  }
  const unique = [...byVv.values()];
  return unique
    .filter((v) => !unique.some((w) => w !== v && vvLeq(v.vv, w.vv)))
    .sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
}

/**
 * The earlier versions shown beside the current text (latest first): the
 * other heads, less those whose text is the current one or repeats another
 * (two devices that saved the same summary wrote the same text apart: no
 * conflict to show).
 */
export function earlierVersions(versions: readonly TextVersion[]): TextVersion[] {
  const all = heads(versions);
  const current = all.at(-1);
  const texts = new Set(current ? [current.text] : []);
  const out: TextVersion[] = [];
  for (const v of all.slice(0, -1).reverse()) {
    if (texts.has(v.text)) continue;
    texts.add(v.text);
    out.push(v);
  }
  return out;
}

export function mergeRecords(a: SyncRecord, b: SyncRecord): SyncRecord {
  const merged: SyncRecord = {
    id: a.id,
    clock: vvMax(a.clock, b.clock),
    fields: mergeMaps(a.fields, b.fields) ?? {},
  };
  if (a.tomb || b.tomb) merged.tomb = vvMax(a.tomb ?? {}, b.tomb ?? {});
  const tags = mergeMaps(a.tags, b.tags);
  if (tags) merged.tags = tags;
  if (a.text || b.text) merged.text = heads([...(a.text ?? []), ...(b.text ?? [])]);
  if (a.joined || b.joined) {
    const joined: Record<string, TextVersion[]> = {};
    for (const key of new Set([...Object.keys(a.joined ?? {}), ...Object.keys(b.joined ?? {})]))
      put(joined, key, heads([...(own(a.joined, key) ?? []), ...(own(b.joined, key) ?? [])]));
    merged.joined = joined;
  }
  return merged;
}

/**
 * The one text a joined field shows: the later version, then each other
 * version (empty ones and repeats left out) under a line with its time, in
 * UTC so that every device shows the same text.
 */
export function joinVersions(versions: readonly TextVersion[]): string {
  const texts = new Set<string>();
  const parts: string[] = [];
  for (const v of heads(versions).reverse()) {
    if (!v.text || texts.has(v.text)) continue;
    texts.add(v.text);
    const at = stampDate(v.s).slice(0, 16).replace('T', ' ');
    parts.push(parts.length ? `${JOIN_LINE} ${at} UTC:\n${v.text}` : v.text);
  }
  return parts.join('\n\n');
}

/** The line before a version written apart on another device (see joinVersions). */
export const JOIN_LINE = '— Also written on another device while they were apart, at';

/**
 * The stamp of a write that replaces a register stamped `replaced`: this
 * device's own, or just after `replaced` when that one is ahead of it (a
 * device whose clock runs ahead wrote it; its stamp is not adopted by the
 * clock, but an edit made after seeing its value must still win over it).
 */
function after(replaced: string | undefined, mine: string, device: string): string {
  if (!replaced || mine > replaced) return mine;
  const seen = parseStamp(replaced);
  return seen ? formatStamp(tick(seen, seen.wallMs), device) : mine;
}

/** A record as this device shows it: what the library stores, without stamps. */
export interface LocalView {
  fields: Record<string, unknown>;
  tags?: readonly string[];
  /** The current text and the stamps of the earlier versions still shown beside it. */
  text?: { current: string; others: readonly string[] };
  /** The joined fields' texts, as shown (see joinVersions). */
  joined?: Record<string, string>;
}

/** What a live record shows; undefined when it is deleted. */
export function project(record: SyncRecord): LocalView | undefined {
  if (!isLive(record)) return undefined;
  const view: LocalView = {
    fields: Object.fromEntries(Object.entries(record.fields).map(([k, r]) => [k, r.v])),
  };
  if (record.tags)
    view.tags = Object.entries(record.tags)
      .filter(([, t]) => t.on)
      .sort(([a, x], [b, y]) => (x.s < y.s ? -1 : x.s > y.s ? 1 : a < b ? -1 : 1))
      .map(([tag]) => tag);
  const current = heads(record.text ?? []).at(-1);
  if (current)
    view.text = { current: current.text, others: earlierVersions(record.text!).map((v) => v.s) };
  if (record.joined) {
    const joined: Record<string, string> = {};
    for (const [key, versions] of Object.entries(record.joined))
      put(joined, key, joinVersions(versions));
    view.joined = joined;
  }
  return view;
}

/**
 * The record after a change made on this device, found by comparing what
 * the library holds now (`local`, undefined when removed) with what the
 * record showed; undefined when nothing changed. `stamp` gives a fresh
 * hybrid-clock stamp for each field written.
 */
export function recordLocalChange(
  id: string,
  previous: SyncRecord | undefined,
  local: LocalView | undefined,
  device: string,
  stamp: () => string,
): SyncRecord | undefined {
  const live = previous !== undefined && isLive(previous);
  const shown = previous && live ? project(previous) : undefined;
  const clock = { ...(previous?.clock ?? {}) };
  clock[device] = (clock[device] ?? 0) + 1;
  if (!local) {
    if (!live) return undefined;
    return { ...previous!, clock, tomb: vvMax(previous!.tomb ?? {}, clock) };
  }
  let changed = !live;
  const fields = { ...(previous?.fields ?? {}) };
  for (const [key, value] of Object.entries(local.fields)) {
    if (value === undefined) continue;
    if (live && shown && key in shown.fields && sameValue(shown.fields[key], value)) continue;
    put(fields, key, { s: after(own(previous?.fields, key)?.s, stamp(), device), v: value });
    changed = true;
  }
  let tags = previous?.tags;
  if (local.tags) {
    const now = new Set(local.tags);
    const before = new Set(live ? (shown?.tags ?? []) : []);
    const next = { ...(tags ?? {}) };
    const at = (tag: string) => after(own(tags, tag)?.s, stamp(), device);
    for (const tag of now) if (!before.has(tag)) put(next, tag, { s: at(tag), on: true });
    for (const tag of before) if (!now.has(tag)) put(next, tag, { s: at(tag), on: false });
    // A record deleted and made again: tags it had and no longer has are off.
    if (!live)
      for (const [tag, t] of Object.entries(tags ?? {}))
        if (t.on && !now.has(tag)) put(next, tag, { s: at(tag), on: false });
    if (now.size !== before.size || [...now].some((t) => !before.has(t)) || !live) changed = true;
    tags = next;
  }
  let text = previous?.text;
  if (local.text) {
    const versions = heads(previous?.text ?? []);
    const current = versions.at(-1);
    const kept = new Set(local.text.others);
    // The versions this edit has seen and replaces: the current one (and its
    // repeats), and every earlier one the user no longer keeps beside it (all,
    // when the record was deleted and is written again).
    const shown = earlierVersions(versions);
    const keptTexts = new Set(shown.filter((v) => kept.has(v.s)).map((v) => v.text));
    const seen = live
      ? versions.filter((v) => v.text === current?.text || !keptTexts.has(v.text))
      : versions;
    const dismissed = live && shown.some((v) => !kept.has(v.s));
    if (!live || !current || current.text !== local.text.current || dismissed) {
      const vv = seen.reduce((acc, v) => vvMax(acc, v.vv), {} as Record<string, number>);
      vv[device] = clock[device]!;
      text = heads([...versions, { vv, s: stamp(), text: local.text.current }]);
      changed = true;
    }
  }
  let joined = previous?.joined;
  for (const [key, value] of Object.entries(local.joined ?? {})) {
    if (live && shown?.joined && own(shown.joined, key) === value) continue;
    // What this device showed was every version joined: the edit replaces them all.
    const versions = heads(own(previous?.joined, key) ?? []);
    const vv = versions.reduce((acc, v) => vvMax(acc, v.vv), {} as Record<string, number>);
    vv[device] = clock[device]!;
    joined = { ...joined };
    put(joined, key, heads([...versions, { vv, s: stamp(), text: value }]));
    changed = true;
  }
  if (!changed) return undefined;
  const record: SyncRecord = { id, clock, fields };
  if (previous?.tomb) record.tomb = previous.tomb;
  if (tags) record.tags = tags;
  if (text) record.text = text;
  if (joined) record.joined = joined;
  return record;
}
