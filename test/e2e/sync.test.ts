import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJson } from '@/utils/library/export';
import { launch, sidebarFrame, type Launched } from '../helpers/browser';
import { ROOT } from '../helpers/fixtures';
import { SEED, seedAbsPage } from '../helpers/pages';
import {
  confirm,
  connect,
  optionsPage,
  state,
  syncNow,
  syncUntil,
  writeOwn,
} from '../helpers/sync';
import { startWebDav, type WebDavServer } from '../helpers/webdav-server';
import { generateItems } from '../unit/library/helpers';

/**
 * Sync end to end: separate Chromium profiles, the built extension, and a
 * real WebDAV server (rclone) on 127.0.0.1 — no mock of the server.
 */
const ABS = `https://arxiv.org/abs/${SEED.arxivId}`;
const SHOTS = join(ROOT, 'test/screenshots');
const work = mkdtempSync(join(tmpdir(), 'sidenotes-sync-e2e-'));
const ITEMS = generateItems(40, 11);
const open: Launched[] = [];
let server: WebDavServer;

beforeAll(async () => {
  server = await startWebDav();
});
afterAll(async () => {
  for (const b of open) await b.close().catch(() => undefined);
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

const folderDir = () => join(server.root, new URL(server.url).pathname);
const folderFiles = () => readdirSync(folderDir()).sort();

async function profile(): Promise<Launched> {
  // The WebDAV server is real and reached directly, never routed.
  const b = await launch({ pages: { [ABS]: seedAbsPage() }, direct: new URL(server.url).origin });
  open.push(b);
  return b;
}

async function libraryPage(b: Launched) {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/library.html`);
  await page.getByTestId('library-count').waitFor();
  return page;
}

/** Every item of a profile's library through its own lossless export, less the local revision. */
async function exported(b: Launched, name: string) {
  const page = await libraryPage(b);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-json').click(),
  ]);
  const file = join(work, name);
  await download.saveAs(file);
  await page.close();
  const items = (JSON.parse(readFileSync(file, 'utf8')) as { items: Array<{ id: string }> }).items;
  return items
    .map(({ revision: _r, ...rest }: { id: string; revision?: number }) => rest)
    .sort((x, y) => (x.id < y.id ? -1 : 1));
}

describe('sync and backup through a WebDAV folder the user owns', () => {
  let a: Launched;
  let b: Launched;
  let aOptions: Page;
  let bOptions: Page;

  it('A imports and writes, connects; B connects and shows everything; the folder holds only ciphertext', async () => {
    a = await profile();
    const lib = await libraryPage(a);
    const file = join(work, 'import.json');
    writeFileSync(file, exportJson(ITEMS));
    await lib.getByTestId('import-file').setInputFiles(file);
    await lib.getByTestId('import-confirm').click();
    await expect.poll(() => lib.getByTestId('library-count').textContent()).toContain('40 items');
    await writeOwn(a, 'My own take: the winning tickets are found by magnitude pruning.');

    aOptions = await connect(a, server);
    expect(await confirm(aOptions)).toContain("The folder is empty: this browser's 41 items");
    await expect
      .poll(() => aOptions.getByTestId('sync-status').textContent())
      .toContain('41 items');
    await aOptions.setViewportSize({ width: 900, height: 900 });
    await aOptions.locator('#sync').screenshot({ path: join(SHOTS, 'sync-connected.png') });

    // The server stores ciphertext only: no title, author, summary text or tag in its bytes.
    const bytes = Buffer.concat(folderFiles().map((n) => readFileSync(join(folderDir(), n))));
    for (const needle of [
      'winning tickets',
      SEED.title.slice(0, 20),
      ITEMS[3]!.summary.paper.title.slice(0, 15),
      ITEMS[3]!.summary.body.slice(0, 15),
      'arxiv:',
    ])
      expect(bytes.includes(Buffer.from(needle)), needle).toBe(false);

    b = await profile();
    bOptions = await connect(b, server);
    expect(await confirm(bOptions)).toContain(
      "This browser's 0 items will be merged with the 41 already there",
    );
    expect(await exported(b, 'b1.json')).toEqual(await exported(a, 'a1.json'));
    // The paper's sidebar on B shows A's own summary, first.
    const paper = await b.context.newPage();
    await paper.goto(ABS);
    await expect
      .poll(() => sidebarFrame(paper).getByTestId('summary-card').first().textContent())
      .toContain('the winning tickets are found by magnitude pruning');
    await paper.close();
  });

  it('both edit while the server is down, sync in either order and agree; both texts of the own summary stay; a delete reaches the other', async () => {
    await server.stop();
    await writeOwn(a, 'Edited on A while the server was down.');
    expect(await syncUntil(aOptions, 'error')).toBe('error');
    expect(await aOptions.getByTestId('sync-status').textContent()).toContain(
      `Can't reach 127.0.0.1:${server.port} — your changes are kept here`,
    );
    await new Promise((r) => setTimeout(r, 50)); // B's edit is the later one
    await writeOwn(b, 'Edited on B, later, also offline.');
    const bLib = await libraryPage(b);
    const removed = ITEMS[0]!.id;
    await bLib.locator(`[data-item="${removed}"]`).click();
    await bLib.getByTestId('item-remove').click();
    await expect.poll(() => bLib.locator(`[data-item="${removed}"]`).count()).toBe(0);
    await bLib.close();

    await server.start();
    expect(await syncUntil(bOptions, 'ok')).toBe('ok');
    expect(await syncUntil(aOptions, 'ok')).toBe('ok');
    expect(await syncUntil(bOptions, 'ok')).toBe('ok');
    const [onA, onB] = [await exported(a, 'a2.json'), await exported(b, 'b2.json')];
    expect(onA).toEqual(onB);
    expect(onA.map((i) => i.id)).not.toContain(removed);
    const own = onA.find((i) => i.id.startsWith('you:')) as unknown as {
      summary: { body: string };
      otherVersions: Array<{ body: string }>;
    };
    expect(own.summary.body).toBe('Edited on B, later, also offline.');
    expect(own.otherVersions.map((v) => v.body)).toEqual([
      'Edited on A while the server was down.',
    ]);

    // The paper's sidebar says another version is kept.
    const paper = await a.context.newPage();
    await paper.goto(ABS);
    await expect.poll(() => sidebarFrame(paper).getByTestId('own-other-versions').count()).toBe(1);
    await paper.close();
    // The library page shows the other text, folded, and can dismiss it everywhere.
    const lib = await libraryPage(a);
    await lib.locator('[data-item^="you:"]').first().click();
    const other = lib.getByTestId('other-version');
    await other.locator('summary').click();
    await expect
      .poll(() => other.textContent())
      .toContain('Edited on A while the server was down.');
    await lib.setViewportSize({ width: 1200, height: 800 });
    await lib.screenshot({ path: join(SHOTS, 'sync-other-version.png') });
    await lib.getByTestId('keep-current').click();
    await expect.poll(() => other.count()).toBe(0);
    await lib.close();
    expect(await syncUntil(aOptions, 'ok')).toBe('ok');
    expect(await syncUntil(bOptions, 'ok')).toBe('ok');
    const bOwn = (await exported(b, 'b3.json')).find((i) => i.id.startsWith('you:')) as {
      otherVersions?: unknown;
    };
    expect(bOwn.otherVersions).toBeUndefined();
  });

  it('a third profile with a wrong passphrase gets the clear error and changes nothing on the server', async () => {
    // A and B are quiet (nothing changed since their last sync).
    expect(await syncUntil(aOptions, 'ok')).toBe('ok');
    expect(await syncUntil(bOptions, 'ok')).toBe('ok');
    const before = folderFiles().map((n) => `${n}:${statSync(join(folderDir(), n)).mtimeMs}`);
    const c = await profile();
    const page = await connect(c, server, 'not the passphrase');
    await expect
      .poll(() => page.getByTestId('sync-error').textContent(), { timeout: 30_000 })
      .toContain('Wrong passphrase for this folder');
    expect(await page.getByTestId('sync-preview').count()).toBe(0);
    expect(await state(page)).toBe('off');
    expect(folderFiles().map((n) => `${n}:${statSync(join(folderDir(), n)).mtimeMs}`)).toEqual(
      before,
    );
    await c.close();
  });

  it('the worker stopped mid-sync, then started again, finishes without loss', async () => {
    // The next upload of a segment waits at the server's door.
    const held = new Promise<Route>((resolve) => {
      void a.context.route(`${new URL(server.url).origin}/**`, (route) =>
        route.request().method() === 'PUT' && route.request().url().endsWith('.seg')
          ? resolve(route)
          : route.continue(),
      );
    });
    await aOptions.close();
    await writeOwn(a, 'Written just before the worker was stopped.');
    // The change's sync is under way: its upload is held at the server's door.
    const route = await held;
    const cdp = await a.context.newCDPSession(await a.context.newPage());
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await route.abort('connectionreset').catch(() => undefined);
    await a.context.unroute(`${new URL(server.url).origin}/**`);
    // The options page wakes the worker and syncs on opening.
    aOptions = await optionsPage(a);
    await expect.poll(() => state(aOptions), { timeout: 30_000 }).toBe('ok');
    expect(await syncUntil(bOptions, 'ok')).toBe('ok');
    expect(await exported(b, 'b4.json')).toEqual(await exported(a, 'a4.json'));
    expect(JSON.stringify(await exported(b, 'b5.json'))).toContain(
      'Written just before the worker was stopped.',
    );
  });

  it('a damaged segment on the server is reported and skipped, deletes nothing, and its writer repairs it', async () => {
    const { device } = (await aOptions.evaluate(() => chrome.storage.local.get('sync'))).sync as {
      device: string;
    };
    const items = (await exported(b, 'b6.json')).length;
    expect(await syncUntil(aOptions, 'ok')).toBe('ok');
    expect(await syncUntil(bOptions, 'ok')).toBe('ok');
    const segment = folderFiles().find((n) => n.startsWith(device) && n.endsWith('.seg'))!;
    const path = join(folderDir(), segment);
    const whole = readFileSync(path);
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length / 3)));

    // A new profile: the preview and then the status say so; nothing from it is applied.
    const c = await profile();
    const page = await connect(c, server);
    expect(await page.getByTestId('sync-preview').textContent({ timeout: 30_000 })).toContain(
      'damaged',
    );
    await page.getByTestId('sync-confirm').click();
    await expect.poll(() => state(page), { timeout: 30_000 }).toBe('error');
    const text = await page.getByTestId('sync-status').textContent();
    expect(text).toContain('damaged');
    expect(text).toContain(segment);
    await page.locator('#sync').screenshot({ path: join(SHOTS, 'sync-damaged.png') });
    // B, which had read the file before, loses nothing.
    await syncNow(bOptions);
    expect((await exported(b, 'b7.json')).length).toBe(items);

    // A sees its own file changed on the server and replaces it with a snapshot.
    expect(await syncUntil(aOptions, 'ok')).toBe('ok');
    expect(folderFiles()).not.toContain(segment);
    expect(await syncUntil(page, 'ok')).toBe('ok');
    expect(await exported(c, 'c1.json')).toEqual(await exported(a, 'a6.json'));
    expect(await syncUntil(bOptions, 'ok')).toBe('ok');
    await c.close();
  });

  it('three devices that edit while apart converge whatever the order of their syncs', async () => {
    const c = await profile();
    const cOptions = await connect(c, server);
    await confirm(cOptions);
    await server.stop();
    // Apart: all three rewrite the same own summary; A and B note and tag one item; C deletes another.
    // Two saved items near the top of the list (the list draws only the rows in view).
    const rows = await libraryPage(a);
    await rows.getByTestId('saved-item').first().waitFor();
    const shownIds = (
      await rows
        .getByTestId('saved-item')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-item')!))
    ).filter((id) => !id.startsWith('you:'));
    await rows.close();
    const [noted, deleted] = [shownIds[0]!, shownIds[1]!];
    const edit = async (who: Launched, change: (page: Page) => Promise<void>) => {
      const page = await libraryPage(who);
      await change(page);
      await page.close();
    };
    await writeOwn(a, 'Three devices: the text from A.');
    await writeOwn(b, 'Three devices: the text from B.');
    await writeOwn(c, 'Three devices: the text from C, the latest.');
    for (const [who, tags, note] of [
      [a, 'from-a', 'note from A'],
      [b, 'from-b', 'note from B, later'],
    ] as const)
      await edit(who, async (page) => {
        await page.locator(`[data-item="${noted}"]`).click();
        await page.getByTestId('item-tags').fill(tags);
        await page.getByTestId('item-note').fill(note);
        await page.getByTestId('item-save').click();
        await expect.poll(() => page.getByTestId('library-notice').textContent()).toBe('Saved.');
      });
    await edit(c, async (page) => {
      await page.locator(`[data-item="${deleted}"]`).click();
      await page.getByTestId('item-remove').click();
      await expect.poll(() => page.locator(`[data-item="${deleted}"]`).count()).toBe(0);
    });
    await server.start();
    for (const page of [cOptions, aOptions, bOptions, cOptions, aOptions])
      expect(await syncUntil(page, 'ok')).toBe('ok');
    const [onA, onB, onC] = [
      await exported(a, 'a9.json'),
      await exported(b, 'b9.json'),
      await exported(c, 'c9.json'),
    ];
    expect(onB).toEqual(onA);
    expect(onC).toEqual(onA);
    expect(onA.map((i) => i.id)).not.toContain(deleted);
    const item = onA.find((i) => i.id === noted) as unknown as { tags: string[]; note: string };
    expect(new Set(item.tags)).toEqual(new Set(['from-a', 'from-b']));
    // Both notes were written apart: both kept, the later first, the other under a dated line.
    expect(item.note).toMatch(
      /^note from B, later\n\n— Also written on another device while they were apart, at \d{4}-\d\d-\d\d \d\d:\d\d UTC:\nnote from A$/,
    );
    const own = onA.find((i) => i.id.startsWith('you:')) as unknown as {
      summary: { body: string };
      otherVersions: Array<{ body: string }>;
    };
    expect(own.summary.body).toBe('Three devices: the text from C, the latest.');
    expect(own.otherVersions.map((v) => v.body).sort()).toEqual([
      'Three devices: the text from A.',
      'Three devices: the text from B.',
    ]);
    await c.close();
  });
});
