import { describe, expect, it, vi } from 'vitest';
import {
  CONFIRM_BOX,
  CONFIRM_MIN_MS,
  createConfirmGate,
  placeConfirm,
  type Point,
} from '@/hooks/write-confirm';

const AREA = { width: 380, height: 800 };

/** A gate on a clock the test moves, with seeded dice. */
function setup(seed = 1) {
  let t = 1000;
  let s = seed;
  const random = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  const gate = createConfirmGate({ now: () => t, random });
  const run = vi.fn();
  const cancelled = vi.fn();
  return {
    gate,
    run,
    cancelled,
    wait: (ms: number) => (t += ms),
    ask: (at: Point = { x: 60, y: 300 }) => {
      gate.pressedAt(at);
      const pending = gate.request('Save this summary to your library?', run, cancelled, AREA);
      return pending;
    },
  };
}

const inside = (p: Point, box: { at: Point }) =>
  p.x >= box.at.x &&
  p.x <= box.at.x + CONFIRM_BOX.width &&
  p.y >= box.at.y &&
  p.y <= box.at.y + CONFIRM_BOX.height;

describe('the confirmation of a write where the page might cover the frame', () => {
  it('runs the write only after a press that starts on the button once it has been painted for a while', () => {
    const { gate, run, cancelled, wait, ask } = setup();
    const pending = ask();
    expect(run).not.toHaveBeenCalled();
    gate.shown(pending.id);
    wait(CONFIRM_MIN_MS);
    gate.pointerDown(true);
    expect(gate.activate(true)).toBe(true);
    expect(run).toHaveBeenCalledOnce();
    expect(cancelled).not.toHaveBeenCalled();
    expect(gate.current()).toBeNull();
  });

  it('refuses a press too soon after it appeared (a double click, a press made before it was there)', () => {
    const { gate, run, cancelled, wait, ask } = setup();
    const pending = ask();
    gate.shown(pending.id);
    wait(CONFIRM_MIN_MS - 1);
    gate.pointerDown(true);
    expect(gate.activate(true)).toBe(false);
    expect(run).not.toHaveBeenCalled();
    expect(cancelled).toHaveBeenCalledOnce();
  });

  it('refuses a press before it was painted at all, however late', () => {
    const { gate, run, wait, ask } = setup();
    ask();
    wait(10_000);
    gate.pointerDown(true);
    expect(gate.activate(true)).toBe(false);
    expect(run).not.toHaveBeenCalled();
  });

  it('is spent by a press anywhere else: a lure gets one guess', () => {
    const { gate, run, cancelled, wait, ask } = setup();
    const pending = ask();
    gate.shown(pending.id);
    wait(2000);
    gate.pointerDown(false);
    expect(cancelled).toHaveBeenCalledOnce();
    expect(gate.current()).toBeNull();
    gate.pointerDown(true);
    expect(gate.activate(true)).toBe(false);
    expect(run).not.toHaveBeenCalled();
  });

  it('refuses a pointer click without its own press on the button (a synthetic or dragged-in click)', () => {
    const { gate, run, wait, ask } = setup();
    const pending = ask();
    gate.shown(pending.id);
    wait(2000);
    expect(gate.activate(true)).toBe(false);
    expect(run).not.toHaveBeenCalled();
  });

  it('takes Enter or Space once the user has focused the button after it appeared, and not sooner', () => {
    const early = setup();
    early.gate.shown(early.ask().id);
    early.gate.focused();
    expect(early.gate.activate(false)).toBe(false); // the delay holds for the keyboard too
    expect(early.run).not.toHaveBeenCalled();

    const { gate, run, wait, ask } = setup();
    const pending = ask();
    expect(gate.activate(false)).toBe(false); // never focused
    const again = ask();
    expect(again.id).not.toBe(pending.id);
    gate.shown(again.id);
    wait(200);
    gate.focused();
    wait(CONFIRM_MIN_MS);
    expect(gate.activate(false)).toBe(true);
    expect(run).toHaveBeenCalledOnce();
  });

  it('replaces a waiting confirmation with a new one, cancelling the first', () => {
    const { gate, run, cancelled, wait, ask } = setup();
    const first = ask();
    gate.shown(first.id);
    const second = ask({ x: 300, y: 40 });
    expect(cancelled).toHaveBeenCalledOnce();
    wait(CONFIRM_MIN_MS);
    gate.shown(first.id); // the old one's paint does not start the new one's delay
    gate.pointerDown(true);
    expect(gate.activate(true)).toBe(false);
    expect(run).not.toHaveBeenCalled();
    expect(second.id).toBeGreaterThan(first.id);
  });

  it('tells its listeners what to show, and when it is gone', () => {
    const { gate, wait, ask } = setup();
    const seen: unknown[] = [];
    const stop = gate.subscribe((p) => seen.push(p?.label ?? null));
    const pending = ask();
    gate.shown(pending.id);
    wait(CONFIRM_MIN_MS);
    gate.pointerDown(true);
    gate.activate(true);
    stop();
    ask();
    expect(seen).toEqual(['Save this summary to your library?', null]);
  });
});

describe('where the confirmation appears', () => {
  it('inside the frame, never within reach of the click that asked for it', () => {
    for (let seed = 1; seed < 400; seed++) {
      const { ask } = setup(seed);
      const click = { x: 40 + ((seed * 37) % 300), y: 20 + ((seed * 91) % 760) };
      const pending = ask(click);
      expect(pending.at.x).toBeGreaterThanOrEqual(0);
      expect(pending.at.y).toBeGreaterThanOrEqual(0);
      expect(pending.at.x + CONFIRM_BOX.width).toBeLessThanOrEqual(AREA.width);
      expect(pending.at.y + CONFIRM_BOX.height).toBeLessThanOrEqual(AREA.height);
      expect(inside(click, pending)).toBe(false);
      const near = { x: click.x + 30, y: click.y - 30 };
      expect(inside(near, pending)).toBe(false);
    }
  });

  it('at places a page cannot foresee: spread over the frame, not a few fixed spots', () => {
    const places = new Set<string>();
    const rows = new Set<number>();
    for (let seed = 1; seed < 200; seed++) {
      const { ask } = setup(seed * 7919);
      const { at } = ask({ x: 60, y: 300 });
      places.add(`${at.x},${at.y}`);
      rows.add(Math.floor(at.y / 100));
    }
    expect(places.size).toBeGreaterThan(150);
    expect(rows.size).toBeGreaterThanOrEqual(6); // over the frame's whole height
  });

  it('anywhere in a frame too small to keep away (the delay still holds)', () => {
    const at = placeConfirm({ width: 250, height: 160 }, { x: 125, y: 80 }, () => 0.5);
    expect(at.x).toBeGreaterThanOrEqual(0);
    expect(at.y).toBeGreaterThanOrEqual(0);
  });
});
