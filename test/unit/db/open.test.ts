// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';

type OpenModule = typeof import('@/utils/db/open');
/** utils/db/open.ts as one extension page has it: each import after a reset is another page. */
async function page(): Promise<OpenModule> {
  vi.resetModules();
  return import('@/utils/db/open');
}
/** Lets the channel deliver (a task, not a microtask). */
const delivered = () => new Promise((r) => setTimeout(r, 20));

const stops: Array<() => void> = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

describe('library change announcements', () => {
  it("reach the announcing page's listeners once, at once, and another page's once", async () => {
    const here = await page();
    const there = await page();
    let heardHere = 0;
    let heardThere = 0;
    stops.push(here.onLibraryChange(() => heardHere++));
    stops.push(there.onLibraryChange(() => heardThere++));
    here.announceLibraryChange();
    expect(heardHere).toBe(1); // synchronously: the page that wrote shows it first
    await delivered();
    expect([heardHere, heardThere]).toEqual([1, 1]);
    there.announceLibraryChange();
    await delivered();
    expect([heardHere, heardThere]).toEqual([2, 2]);
  });

  it('stop once unsubscribed', async () => {
    const here = await page();
    const there = await page();
    let heard = 0;
    const stop = there.onLibraryChange(() => heard++);
    stop();
    here.announceLibraryChange();
    there.announceLibraryChange();
    await delivered();
    expect(heard).toBe(0);
  });
});
