/**
 * DevTools traces of warm loads of the bench's 2,000-entry list with Sidenotes
 * (tab() and listPage() of bench-listing.ts): the extension's main-thread tasks
 * between navigation and the page's first frame after DOMContentLoaded, and
 * the parser's slices. `node --import tsx scripts/trace-listing.ts [loads]`.
 */
import { writeFileSync } from 'node:fs';
import { listPage, tab } from './bench-listing';

interface Ev {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  cat: string;
  args?: { data?: Record<string, unknown>; [k: string]: unknown };
}

const loads = Number(process.argv[2] ?? 3);
const { html } = await listPage();
const t = await tab(html, process.argv[3] !== 'bare');
try {
  await t.load();
  const cdp = await t.browser.context.newCDPSession(t.page);
  for (let i = 0; i < loads; i++) {
    await t.page.goto('about:blank');
    const events: Ev[] = [];
    const collect = (e: { value: object[] }) => events.push(...(e.value as Ev[]));
    cdp.on('Tracing.dataCollected', collect);
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.start', {
      categories:
        'devtools.timeline,v8.execute,disabled-by-default-devtools.timeline,blink.user_timing,loading,toplevel,v8,extensions,ipc',
      transferMode: 'ReportEvents',
    });
    const got = await t.load();
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', collect);
    writeFileSync(`/tmp/lp/trace-${i}.json`, JSON.stringify(events));
    analyse(events, got.frame, got.badgesInFrame);
  }
} finally {
  await t.browser.close();
}

/**
 * The extension's own events on the page's main thread (those naming a
 * chrome-extension:// script, not inside another of them) from navigation to
 * the page's frame mark, with wall and CPU time. Style and layout forced in
 * a requestAnimationFrame callback are the frame's own, done a little early
 * (the frame then has none left to do): shown apart.
 */
function analyse(events: Ev[], frame: number, badges: number) {
  const mark = events.find((e) => e.name === 'page:first-frame-after-dcl');
  const dclEv = events
    .filter((e) => e.name === 'MarkDOMContent' && mark && e.ts < mark.ts)
    .sort((a, b) => a.ts - b.ts)
    .at(-1);
  if (!mark || !dclEv) return console.log('no mark', !!mark, !!dclEv);
  const { pid, tid } = dclEv;
  const seen = new Set<string>();
  const main = events
    .filter((e) => {
      if (e.pid !== pid || e.tid !== tid || e.ph !== 'X') return false;
      const k = `${e.name}|${e.ts}|${e.dur}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.ts - b.ts);
  const nav = events
    .filter((e) => e.name === 'navigationStart' && e.pid === pid && e.ts < dclEv.ts)
    .at(-1);
  const t0 = nav?.ts ?? main[0]!.ts;
  const dcl = dclEv.ts;
  const inside = (e: Ev, o: Ev) => e.ts >= o.ts && e.ts + (e.dur ?? 0) <= o.ts + (o.dur ?? 0);
  const ext = (e: Ev) => JSON.stringify(e.args?.data ?? {}).includes('chrome-extension://');
  const extEvents = main.filter((e) => ext(e) && e.ts >= t0 && e.ts < mark.ts);
  const own = extEvents.filter((e) => !extEvents.some((o) => o !== e && inside(e, o)));
  const f = (x: number) => (x / 1000).toFixed(1);
  let wall = 0;
  let cpu = 0;
  let frames = 0;
  for (const e of own) {
    const d = e.args?.data as { url?: string; functionName?: string } | undefined;
    const inFrame = main.some((o) => o.name === 'FireAnimationFrame' && inside(e, o));
    const style = inFrame
      ? main
          .filter((k) => (k.name === 'UpdateLayoutTree' || k.name === 'Layout') && inside(k, e))
          .reduce((sum, k) => sum + (k.dur ?? 0), 0)
      : 0;
    wall += (e.dur ?? 0) - style;
    cpu += (e.tdur ?? e.dur ?? 0) - style;
    frames += style;
    console.log(
      `  ${f(e.ts - dcl)} ms from DCL: ${e.name} ${d?.functionName ?? ''}@${(d?.url ?? '').split('/').pop()} ` +
        `${f(e.dur ?? 0)} wall / ${f(e.tdur ?? 0)} cpu${style ? ` (of which the frame's own style and layout ${f(style)})` : ''}`,
    );
  }
  console.log(
    `load: frame ${frame.toFixed(0)} ms after DCL, badges ${badges}, nav→DCL ${f(dcl - t0)} ms; ` +
      `the extension's own work nav→frame ${f(wall)} ms wall / ~${f(cpu)} cpu, the frame's own style brought forward ${f(frames)}`,
  );
}
