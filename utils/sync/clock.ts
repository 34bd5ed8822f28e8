import type { VersionVector } from '@/utils/core/sync-record';

/**
 * The two clocks of sync records (utils/sync/records.ts):
 *
 * - A hybrid logical clock orders writes to one field across devices
 *   ("the later edit wins"): wall time where clocks agree, a counter where
 *   they do not, so a device whose clock runs behind still moves forward.
 *   Stamps are strings that sort as the clock does:
 *   `<wall ms, 9 base-36 digits>.<counter, 4 base-36 digits>.<device id>`.
 * - A version vector per record says which changes a device had seen when
 *   it wrote: it tells a concurrent edit (both kept) from a later one.
 */
export interface Hlc {
  wallMs: number;
  count: number;
}

export const HLC_ZERO: Hlc = { wallMs: 0, count: 0 };

const WALL_DIGITS = 9;
const COUNT_DIGITS = 4;
/** The counter's largest value in its digits: past it the clock moves a millisecond on. */
const MAX_COUNT = 36 ** COUNT_DIGITS - 1;
/** How far ahead of this device's clock another's stamp may pull it (a device set years ahead may not). */
export const MAX_AHEAD_MS = 24 * 60 * 60 * 1000;

/** The clock after a local event at `nowMs`. */
export function tick(last: Hlc, nowMs: number): Hlc {
  if (nowMs > last.wallMs) return { wallMs: nowMs, count: 0 };
  // Stamps must keep their fixed width to sort as strings.
  return last.count < MAX_COUNT
    ? { ...last, count: last.count + 1 }
    : { wallMs: last.wallMs + 1, count: 0 };
}

/**
 * The clock after seeing another device's stamp: never behind it, unless
 * that device's clock runs more than a day ahead of `nowMs` (adopting it
 * would stamp every later edit here in that far future).
 */
export function observe(last: Hlc, stamp: string, nowMs: number): Hlc {
  const seen = parseStamp(stamp);
  if (!seen || seen.wallMs > nowMs + MAX_AHEAD_MS) return last;
  if (seen.wallMs > last.wallMs) return { wallMs: seen.wallMs, count: seen.count };
  if (seen.wallMs === last.wallMs && seen.count > last.count) return { ...last, count: seen.count };
  return last;
}

export function formatStamp(clock: Hlc, device: string): string {
  return `${clock.wallMs.toString(36).padStart(WALL_DIGITS, '0')}.${clock.count
    .toString(36)
    .padStart(COUNT_DIGITS, '0')}.${device}`;
}

const STAMP = /^([0-9a-z]{9})\.([0-9a-z]{4})\.([0-9a-z]{1,64})$/;

export function parseStamp(stamp: string): (Hlc & { device: string }) | null {
  const m = STAMP.exec(stamp);
  return m ? { wallMs: parseInt(m[1]!, 36), count: parseInt(m[2]!, 36), device: m[3]! } : null;
}

export const isStamp = (value: unknown): value is string =>
  typeof value === 'string' && STAMP.test(value);

/** When a stamp was written, as an ISO date (for "Edited on another device at …"). */
export const stampDate = (stamp: string): string =>
  new Date(parseStamp(stamp)?.wallMs ?? 0).toISOString();

/** A vector's count for a device (0 when absent; never a property inherited from Object.prototype). */
const count = (vv: VersionVector, device: string): number =>
  Object.hasOwn(vv, device) ? vv[device]! : 0;

export function vvMax(a: VersionVector, b: VersionVector): VersionVector {
  const out: VersionVector = {};
  for (const vv of [a, b])
    for (const [device, n] of Object.entries(vv))
      if (n > count(out, device))
        Object.defineProperty(out, device, {
          value: n,
          enumerable: true,
          writable: true,
          configurable: true,
        });
  return out;
}

/** Every change `a` had seen, `b` had seen too. */
export function vvLeq(a: VersionVector, b: VersionVector): boolean {
  return Object.entries(a).every(([device, n]) => n <= count(b, device));
}

export const vvEqual = (a: VersionVector, b: VersionVector) => vvLeq(a, b) && vvLeq(b, a);

/** A canonical text for a vector (sorted devices, no zeros): equal vectors, equal keys. */
export const vvKey = (vv: VersionVector): string =>
  Object.entries(vv)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([d, n]) => `${d}:${n}`)
    .join(',');
