import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import { serveIndex } from '@/scripts/serve-index';
import { validateManifest } from '@/utils/index-format/validate';
import { importItems, launch, testId, testIdText, type FirefoxLaunched } from '../helpers/firefox';
import { ROOT } from '../helpers/fixtures';
import { unzipTo } from '../helpers/unzip';
import { generateItems } from '../unit/library/helpers';

/**
 * Export and publish in Firefox: the library page's files are real
 * downloads (Firefox saves them to a folder the test chose), read back here
 * — the export is the library, item for item; the published zip is an
 * index that validates, that serve:index hosts, and whose summaries are the
 * ones the dialog counted. test/e2e/publish.test.ts subscribes to one.
 */
const SHOTS = join(ROOT, 'test/screenshots');
const work = mkdtempSync(join(tmpdir(), 'sidenotes-ff-export-'));
const downloads = join(work, 'downloads');
mkdirSync(downloads);
const ITEMS = generateItems(40, 31);
let ff: FirefoxLaunched | undefined;
let server: Server | undefined;
afterAll(async () => {
  await ff?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Types into a field as a reader does, and waits for the page to hold what was typed. */
async function fill(page: Page, id: string, value: string) {
  await page.click(testId(id));
  await page.keyboard.type(value);
  await expect
    .poll(() => page.$eval(testId(id), (el) => (el as HTMLInputElement).value))
    .toBe(value);
}

/**
 * A finished download whose name matches: Firefox may make the final file
 * empty at once and write into a `….part` file beside it until it is done.
 */
async function downloaded(name: RegExp): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      () => {
        const files = readdirSync(downloads);
        if (files.some((f) => f.endsWith('.part'))) return undefined;
        found = files.find((f) => name.test(f) && statSync(join(downloads, f)).size > 0);
        return found;
      },
      { timeout: 15_000 },
    )
    .toBeDefined();
  return join(downloads, found!);
}

describe('export and publish in Firefox', () => {
  it('exports the library as a file that holds every item, and publishes it as an index that serves', async () => {
    ff = await launch({
      pages: {},
      prefs: {
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.start_downloads_in_tmp_dir': false,
      },
    });
    const { page: lib } = await importItems(ff, ITEMS);
    await expect
      .poll(() => testIdText(lib, 'library-count'), { timeout: 15_000 })
      .toContain('40 items');

    // Export: the lossless JSON, every item back as it went in.
    await lib.click(testId('export-json'));
    const exported = JSON.parse(
      readFileSync(await downloaded(/^sidenotes-library-.*\.json$/), 'utf8'),
    ) as { items: Array<{ id: string; summary: { body: string } }> };
    const byId = (xs: Array<{ id: string }>) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(
      byId(exported.items).map((i) => [i.id, (i as (typeof exported.items)[number]).summary.body]),
    ).toEqual(byId(ITEMS).map((i) => [i.id, (i as (typeof ITEMS)[number]).summary.body]));

    // Publish everything: a zip and the builder's lines, both real downloads.
    await lib.click(testId('publish-index'));
    await lib.waitForSelector(testId('publish-dialog'));
    await fill(lib, 'publish-name', 'Firefox reading group');
    await fill(lib, 'publish-author', 'Grace Hopper');
    const counted = await testIdText(lib, 'publish-count');
    await lib.click(testId('publish-make'));
    await lib.waitForSelector(testId('publish-made'));
    const zip = await downloaded(/^firefox-reading-group\.zip$/);
    const lines = readFileSync(await downloaded(/^firefox-reading-group\.jsonl$/), 'utf8')
      .trimEnd()
      .split('\n');
    await lib.screenshot({ path: join(SHOTS, 'firefox-publish-made.png') });

    const site = join(work, 'site');
    unzipTo(readFileSync(zip), site);
    const manifest = validateManifest(
      JSON.parse(readFileSync(join(site, 'firefox-reading-group/manifest.json'), 'utf8')),
    );
    expect(manifest).toMatchObject({ name: 'Firefox reading group', publisher: 'Grace Hopper' });
    expect(manifest.counts.summaries).toBe(lines.length);
    expect(counted).toMatch(new RegExp(`^${lines.length} summar`));
    expect(await testIdText(lib, 'publish-made')).toContain(`${lines.length} summar`);
    server = await serveIndex(join(site, 'firefox-reading-group'), 0);
    const home = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(await home.text()).toContain('<h1>Firefox reading group</h1>');
  });
});
