// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  formatStamp,
  HLC_ZERO,
  MAX_AHEAD_MS,
  observe,
  parseStamp,
  tick,
  vvLeq,
  vvMax,
  type Hlc,
} from '@/utils/sync/clock';
import {
  heads,
  isLive,
  mergeRecords,
  project,
  JOIN_LINE,
  recordLocalChange,
  sameValue,
  type LocalView,
  type SyncRecord,
} from '@/utils/sync/records';

/** A small seeded generator (mulberry32): the same seed, the same history. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One device: its records, its clock (whose wall time may run behind or ahead). */
class Device {
  records = new Map<string, SyncRecord>();
  hlc: Hlc = HLC_ZERO;
  constructor(
    readonly id: string,
    readonly skewMs: number,
    readonly log: TextLog,
  ) {}

  stamp = (nowMs: number) => () => {
    this.hlc = tick(this.hlc, nowMs + this.skewMs);
    return formatStamp(this.hlc, this.id);
  };

  view(id: string): LocalView | undefined {
    const r = this.records.get(id);
    return r ? project(r) : undefined;
  }

  /** What the engine does with a change the user made: stamp it into the record. */
  change(id: string, nowMs: number, edit: (view: LocalView | undefined) => LocalView | undefined) {
    const before = this.records.get(id);
    const after = edit(this.view(id));
    const next = recordLocalChange(id, before, after, this.id, this.stamp(nowMs));
    if (!next) return;
    // Texts this change replaced had been on this device's screen: not lost.
    const deleted = !isLive(next) && before !== undefined && isLive(before);
    for (const field of ['text', 'note'] as const) {
      const versionsOf = (r: SyncRecord | undefined) =>
        field === 'text' ? (r?.text ?? []) : (r?.joined?.note ?? []);
      const kept = new Set(heads(versionsOf(next)).map((v) => v.s));
      for (const v of heads(versionsOf(before)))
        if (!kept.has(v.s) || deleted) this.log.superseded.add(v.s);
      for (const v of versionsOf(next))
        this.log.written.set(v.s, { record: id, field, text: v.text });
    }
    this.records.set(id, next);
  }

  receive(records: Iterable<SyncRecord>) {
    for (const r of records) {
      const mine = this.records.get(r.id);
      this.records.set(r.id, mine ? mergeRecords(mine, r) : r);
      for (const f of Object.values(r.fields))
        this.hlc = observe(this.hlc, f.s, Number.MAX_SAFE_INTEGER);
    }
  }
}

interface TextLog {
  written: Map<string, { record: string; field: 'text' | 'note'; text: string }>;
  superseded: Set<string>;
}

const normal = (records: Map<string, SyncRecord>) =>
  [...records.values()]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((r) => ({
      ...r,
      text: r.text && heads(r.text),
      joined:
        r.joined && Object.fromEntries(Object.entries(r.joined).map(([k, v]) => [k, heads(v)])),
    }));

const RECORDS = ['item:you:arxiv:1', 'item:you:arxiv:2', 'item:saved:3'];
const TAGS = ['ml', 'pruning', 'to read'];

function history(seed: number) {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const log: TextLog = { written: new Map(), superseded: new Set() };
  const devices = ['a1', 'b2', 'c3'].map(
    (id) => new Device(id, Math.round((rand() - 0.5) * 120_000), log),
  );
  let now = 1_800_000_000_000;
  let texts = 0;
  for (let step = 0; step < 60; step++) {
    now += Math.round(rand() * 5_000);
    const device = pick(devices);
    const id = pick(RECORDS);
    const op = rand();
    if (op < 0.25) {
      // Sync: one device hands another all or some of its records, in any order.
      const to = pick(devices.filter((d) => d !== device));
      const all = [...device.records.values()];
      to.receive(rand() < 0.5 ? all : all.filter(() => rand() < 0.5).reverse());
      continue;
    }
    device.change(id, now, (view) => {
      if (op < 0.35 || !view)
        return (
          view ?? {
            fields: {
              kind: id.startsWith('item:you') ? 'own' : 'saved',
              savedAt: String(now),
            },
            joined: { note: '' },
            tags: [],
            text: { current: `text ${++texts}`, others: [] },
          }
        );
      if (op < 0.55) return { ...view, text: { ...view.text!, current: `text ${++texts}` } };
      if (op < 0.62) return { ...view, text: { ...view.text!, others: [] } };
      if (op < 0.72) return undefined;
      if (op < 0.82) return { ...view, tags: [...new Set([...(view.tags ?? []), pick(TAGS)])] };
      if (op < 0.9) return { ...view, tags: (view.tags ?? []).filter((t) => t !== pick(TAGS)) };
      return { ...view, joined: { note: `note ${++texts}` } };
    });
  }
  return { devices, log, rand };
}

describe('sync records: any order of delivery, the same library, no text lost', () => {
  it('converges over random histories of three devices (seed printed on failure)', () => {
    const base = Number(process.env.SYNC_SEED ?? 20261206);
    for (let n = 0; n < 400; n++) {
      const seed = base + n;
      const { devices, log, rand } = history(seed);
      // Everyone hands everyone everything, in a random order, then once more the other way.
      const order = [...devices].sort(() => rand() - 0.5);
      for (const from of order)
        for (const to of devices) if (to !== from) to.receive(from.records.values());
      for (const from of [...order].reverse())
        for (const to of devices) if (to !== from) to.receive([...from.records.values()].reverse());
      const states = devices.map((d) => normal(d.records));
      for (const s of states.slice(1))
        expect(sameValue(s, states[0]), `seed ${seed}: devices disagree`).toBe(true);
      // Every text written is still there, unless a device that showed it replaced or deleted it.
      const final = devices[0]!.records;
      for (const [stamp, { record, field, text }] of log.written) {
        if (log.superseded.has(stamp)) continue;
        const r = final.get(record)!;
        const kept =
          field === 'text'
            ? heads(r.text ?? []).some((v) => v.s === stamp && v.text === text)
            : // Still a version of the note (a joined note shows every one, each whole).
              heads(r.joined?.note ?? []).some((v) => v.s === stamp && v.text === text) &&
              project(r)!
                .joined!.note!.split('\n\n')
                .some((p) => p.endsWith(text));
        expect(isLive(r) && kept, `seed ${seed}: "${text}" (${field}) of ${record} was lost`).toBe(
          true,
        );
      }
    }
    // 400 histories take a second or two; far longer on a busy machine.
  }, 60_000);

  const own = (text: string): LocalView => ({
    fields: { kind: 'own', note: '' },
    tags: [],
    text: { current: text, others: [] },
  });

  function twoDevices() {
    const log: TextLog = { written: new Map(), superseded: new Set() };
    const a = new Device('aaaa', 0, log);
    const b = new Device('bbbb', 0, log);
    a.change('item:you:x', 1000, () => own('first'));
    b.receive(a.records.values());
    return { a, b };
  }

  it('keeps both texts of an own summary edited on two devices apart: the later is current', () => {
    const { a, b } = twoDevices();
    a.change('item:you:x', 2000, (v) => ({ ...v!, text: { ...v!.text!, current: 'from A' } }));
    b.change('item:you:x', 3000, (v) => ({ ...v!, text: { ...v!.text!, current: 'from B' } }));
    a.receive(b.records.values());
    b.receive(a.records.values());
    for (const d of [a, b]) {
      const view = d.view('item:you:x')!;
      expect(view.text!.current).toBe('from B');
      expect(heads(d.records.get('item:you:x')!.text!).map((v) => v.text)).toEqual([
        'from A',
        'from B',
      ]);
      expect(view.text!.others).toHaveLength(1);
    }
    // Dismissing the earlier version on one device dismisses it everywhere.
    a.change('item:you:x', 4000, (v) => ({ ...v!, text: { ...v!.text!, others: [] } }));
    b.receive(a.records.values());
    expect(b.view('item:you:x')!.text).toEqual({ current: 'from B', others: [] });
  });

  it('an edit made apart from a delete keeps the summary; a delete of what was seen removes it', () => {
    const { a, b } = twoDevices();
    a.change('item:you:x', 2000, () => undefined);
    b.change('item:you:x', 2500, (v) => ({ ...v!, text: { ...v!.text!, current: 'kept' } }));
    a.receive(b.records.values());
    expect(a.view('item:you:x')?.text?.current).toBe('kept');
    b.change('item:you:x', 3000, () => undefined);
    a.receive(b.records.values());
    expect(a.view('item:you:x')).toBeUndefined();
    // Saved again after the delete: alive again, everywhere.
    a.change('item:you:x', 4000, () => own('again'));
    b.receive(a.records.values());
    expect(b.view('item:you:x')?.text?.current).toBe('again');
  });

  it('a tag added on one device and another removed on the other both hold', () => {
    const { a, b } = twoDevices();
    a.change('item:you:x', 1500, (v) => ({ ...v!, tags: ['ml', 'old'] }));
    b.receive(a.records.values());
    a.change('item:you:x', 2000, (v) => ({ ...v!, tags: [...v!.tags!, 'new'] }));
    b.change('item:you:x', 2100, (v) => ({ ...v!, tags: v!.tags!.filter((t) => t !== 'old') }));
    a.receive(b.records.values());
    b.receive(a.records.values());
    expect(a.view('item:you:x')!.tags).toEqual(['ml', 'new']);
    expect(b.view('item:you:x')!.tags).toEqual(['ml', 'new']);
  });

  it('tags named like Object.prototype properties sync as any other', () => {
    const { a, b } = twoDevices();
    a.change('item:you:x', 2000, (v) => ({ ...v!, tags: ['__proto__', 'constructor', 'ml'] }));
    b.receive(a.records.values());
    expect(b.view('item:you:x')!.tags).toEqual(['__proto__', 'constructor', 'ml']);
    b.change('item:you:x', 3000, (v) => ({ ...v!, tags: ['ml'] }));
    a.receive(JSON.parse(JSON.stringify([...b.records.values()])));
    expect(a.view('item:you:x')!.tags).toEqual(['ml']);
    expect(Object.getPrototypeOf(a.records.get('item:you:x')!.tags)).toBe(Object.prototype);
  });

  it('a clock far behind still orders its later edit after what it has seen', () => {
    const log: TextLog = { written: new Map(), superseded: new Set() };
    const ahead = new Device('ahead', 3_600_000, log);
    const behind = new Device('behind', -3_600_000, log);
    ahead.change('item:saved:1', 1000, () => ({ fields: { note: 'old' } }));
    behind.receive(ahead.records.values());
    behind.change('item:saved:1', 2000, (v) => ({ ...v!, fields: { note: 'new' } }));
    ahead.receive(behind.records.values());
    expect(ahead.view('item:saved:1')!.fields.note).toBe('new');
  });

  it('a note written on two devices apart keeps both, joined; the next edit there replaces them', () => {
    const { a, b } = twoDevices();
    const note = (text: string) => (v: LocalView | undefined) => ({
      ...v!,
      joined: { note: text },
    });
    a.change('item:you:x', Date.UTC(2026, 11, 6, 14, 2), note('from A'));
    b.change('item:you:x', Date.UTC(2026, 11, 6, 15, 0), note('from B'));
    a.receive(b.records.values());
    b.receive(a.records.values());
    const joined = `from B\n\n${JOIN_LINE} 2026-12-06 14:02 UTC:\nfrom A`;
    expect(a.view('item:you:x')!.joined!.note).toBe(joined);
    expect(b.view('item:you:x')!.joined!.note).toBe(joined);
    // Seeing the joined note changes nothing by itself.
    const before = a.records.get('item:you:x');
    a.change('item:you:x', Date.UTC(2026, 11, 6, 16, 0), (v) => v);
    expect(a.records.get('item:you:x')).toBe(before);
    // Editing it there (the user tidied it) replaces both, everywhere.
    a.change('item:you:x', Date.UTC(2026, 11, 6, 16, 0), note('from A and B'));
    b.receive(a.records.values());
    expect(b.view('item:you:x')!.joined!.note).toBe('from A and B');
  });

  it('the same note written on both devices, or one left empty, is no conflict to show', () => {
    const { a, b } = twoDevices();
    a.change('item:you:x', 2000, (v) => ({ ...v!, joined: { note: 'same' } }));
    b.change('item:you:x', 2100, (v) => ({ ...v!, joined: { note: 'same' } }));
    a.receive(b.records.values());
    expect(a.view('item:you:x')!.joined!.note).toBe('same');
    b.change('item:you:x', 3000, (v) => ({ ...v!, joined: { note: '' } }));
    a.change('item:you:x', 3100, (v) => ({ ...v!, joined: { note: 'kept' } }));
    b.receive(a.records.values());
    expect(b.view('item:you:x')!.joined!.note).toBe('kept');
  });

  it('records nothing when nothing changed', () => {
    const { a } = twoDevices();
    const before = a.records.get('item:you:x');
    a.change('item:you:x', 5000, (v) => v);
    expect(a.records.get('item:you:x')).toBe(before);
  });
});

describe('sync clocks', () => {
  it('stamps keep sorting as their clock does when the counter runs out within one millisecond', () => {
    let clock: Hlc = { wallMs: 1_800_000_000_000, count: 36 ** 4 - 2 };
    const stamps: string[] = [];
    for (let i = 0; i < 4; i++) {
      clock = tick(clock, 1_800_000_000_000);
      stamps.push(formatStamp(clock, 'a1'));
    }
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(4);
    expect(stamps.every((s) => parseStamp(s) !== null)).toBe(true);
  });

  it('is not pulled more than a day ahead by a device whose clock is years ahead', () => {
    const now = 1_800_000_000_000;
    const far = formatStamp({ wallMs: now + 5 * 365 * 86_400_000, count: 0 }, 'b2');
    const near = formatStamp({ wallMs: now + MAX_AHEAD_MS - 1000, count: 3 }, 'b2');
    const mine: Hlc = { wallMs: now, count: 0 };
    expect(observe(mine, far, now)).toEqual(mine);
    expect(observe(mine, near, now)).toEqual({ wallMs: now + MAX_AHEAD_MS - 1000, count: 3 });
  });

  it('version vectors treat device ids named like Object.prototype properties as any other', () => {
    const a = JSON.parse('{"constructor": 2, "__proto__": 1, "a1": 1}') as Record<string, number>;
    expect(vvLeq({ constructor: 1 }, {})).toBe(false);
    expect(vvLeq({}, { constructor: 1 })).toBe(true);
    expect(vvLeq({ constructor: 0 }, {})).toBe(true);
    expect(vvMax({}, JSON.parse('{"constructor": 1, "__proto__": 2}'))).toEqual(
      JSON.parse('{"constructor": 1, "__proto__": 2}'),
    );
    const max = vvMax(a, { constructor: 3 });
    expect(Object.entries(max).sort()).toEqual([
      ['__proto__', 1],
      ['a1', 1],
      ['constructor', 3],
    ]);
    expect(Object.getPrototypeOf(max)).toBe(Object.prototype);
  });
});
