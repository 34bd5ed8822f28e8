import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { serveIndex } from '@/scripts/serve-index';
import { launch, shellPart, sidebarFrame, type Launched } from '../helpers/browser';
import { ROOT } from '../helpers/fixtures';
import { arxivAbsPage, SEED } from '../helpers/pages';
import { unzipTo } from '../helpers/unzip';

/**
 * Issue 12 end to end: a ShortScience export comes in on the library page
 * and shows beside its paper as "Your summary"; one tag of it is published
 * as an index (a real zip download), unzipped, served by `serve:index` on
 * 127.0.0.1, and a second, fresh browser profile subscribes to it by its
 * index.html address and shows the summary via that index, with the author
 * and licence chosen.
 */
const SHOTS = join(ROOT, 'test-results/screenshots');
const ABS = `https://arxiv.org/abs/${SEED.arxivId}`;
const ATTENTION_ID = '1706.03762';
const ATTENTION = `https://arxiv.org/abs/${ATTENTION_ID}`;

const INDEX_NAME = 'Tuesday reading group';
const AUTHOR = 'Ada Lovelace';
const LICENCE = 'CC BY-SA 4.0';
const TAG = 'tuesday';

/** What ShortScience's `/export` writes (PHP fputcsv): `paperid,text`, no header, "\n" rows. */
const SEED_TEXT = [
  'Winning tickets exist in pre-trained BERT, at 40% to 90% sparsity, and they transfer',
  'across GLUE tasks; the MLM ticket is the "universal" one.',
  '',
  'Sparsity $s = 0.7$ is where it breaks down.',
].join('\n');
const csv =
  [
    `journals/corr/${SEED.arxivId},"${SEED_TEXT.replace(/"/g, '""')}"`,
    'journals/corr/abs-2007-14062,"Sparse attention (window, global and random) keeps BigBird a universal approximator."',
    `journals/corr/abs-1706-03762,"No recurrence at all: attention, positional encodings and a lot of GPUs."`,
    'conf/nips/SmithJ17,"A conference paper ShortScience keys by its DBLP key."',
    'journals/corr/abs-2010-12050,',
  ].join('\n') + '\n';

const work = mkdtempSync(join(tmpdir(), 'sidenotes-publish-e2e-'));
const pages = {
  [ABS]: arxivAbsPage(SEED.arxivId, SEED.title, SEED.authors),
  [ATTENTION]: arxivAbsPage(ATTENTION_ID, 'Attention Is All You Need', ['Ashish Vaswani']),
};
let browser: Launched | undefined;
let server: Server | undefined;
afterAll(async () => {
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

const cards = (page: Page) => sidebarFrame(page).getByTestId('summary-card');

async function libraryPage(b: Launched): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/library.html`);
  await page.getByTestId('library-count').waitFor();
  return page;
}

/** Tags one library item (found by its title) through the item editor. */
async function tagItem(lib: Page, title: string, tags: string) {
  await lib.getByTestId('saved-item').filter({ hasText: title }).click();
  await lib.getByTestId('item-tags').fill(tags);
  await lib.getByTestId('item-save').click();
  await expect
    .poll(() => lib.getByTestId('saved-item').filter({ hasText: title }).locator('.tag').count())
    .toBe(tags.split(',').length);
}

describe('publish as an index', () => {
  it('imports a ShortScience export, publishes a tag as a zip, and a second profile subscribes to it', async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch({ pages });

    // A paper already open while the import happens: only the bundled summary so far.
    const paper = await browser.context.newPage();
    await paper.goto(ABS);
    await expect.poll(() => cards(paper).count()).toBe(1);

    // Import: preview first, nothing written until confirmed.
    const lib = await libraryPage(browser);
    await lib.getByTestId('import-file').setInputFiles({
      name: 'shortscience-export.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    const preview = lib.getByTestId('import-preview');
    await preview.waitFor();
    expect(await lib.getByTestId('import-description').textContent()).toBe(
      '4 new summaries, 0 already present, 1 invalid: row 5: empty text',
    );
    expect(await lib.getByTestId('saved-item').count()).toBe(0);
    await lib.setViewportSize({ width: 1200, height: 600 });
    await lib.screenshot({ path: join(SHOTS, 'import-preview-light.png') });
    await lib.getByTestId('import-confirm').click();
    await expect.poll(() => lib.getByTestId('saved-item').count()).toBe(4);
    // Titles come from the bundled index where it knows the paper, else the id stands in.
    const titles = await lib.locator('.lib-title').allTextContents();
    expect(titles).toContain(SEED.title);
    expect(titles).toContain(`arXiv ${ATTENTION_ID}`);
    expect(titles).toContain('ShortScience conf/nips/SmithJ17');

    // The open page hears of the import and shows the new summary first, as the user's own.
    const own = cards(paper).first();
    await expect.poll(() => own.textContent(), { timeout: 10_000 }).toContain('Your summary');
    // Its math renders after the first paint: wait for the rendered body.
    await expect
      .poll(() => own.locator('.body').innerText())
      .toContain('at 40% to 90% sparsity, and they transfer');
    const body = await own.locator('.body').innerText();
    expect(body).toContain('the MLM ticket is the "universal" one.');
    expect(await own.locator('math').count()).toBe(1);
    expect(await cards(paper).count()).toBe(2);
    // A paper opened afterwards shows its imported summary too.
    const attention = await browser.context.newPage();
    await attention.goto(ATTENTION);
    // Only the user's own summary: the tab says 1, and opens on a click (never by itself).
    await expect.poll(() => shellPart(attention, '.tab-count').textContent()).toBe('1');
    await shellPart(attention, 'button.tab').click();
    await expect.poll(() => cards(attention).first().textContent()).toContain('Your summary');
    await attention.close();

    // Two of the four for the reading group, by a tag of their own.
    await tagItem(lib, SEED.title, `shortscience, ${TAG}`);
    await tagItem(lib, `arXiv ${ATTENTION_ID}`, `shortscience, ${TAG}`);

    // The dialog: keyboard-closable, focus back on the button that opened it.
    const open = lib.getByTestId('publish-index');
    const dialog = lib.getByTestId('publish-dialog');
    await open.click();
    await dialog.waitFor();
    expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    expect(await lib.getByRole('dialog', { name: 'Publish as an index' }).count()).toBe(1);
    expect(await dialog.textContent()).toContain('Nothing is uploaded.');
    expect(await dialog.textContent()).toMatch(
      /becomes public there, under the licence you choose/,
    );
    await lib.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await lib.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'publish-index',
    );

    // Opened from the keyboard; the default licence is preselected, each with what it allows.
    await lib.keyboard.press('Enter');
    await dialog.waitFor();
    const licence = lib.getByTestId('publish-licence');
    expect(await licence.inputValue()).toBe('CC BY 4.0');
    expect(await licence.locator('option').allTextContents()).toContain(
      'CC BY-SA 4.0 — As CC BY, and adaptations must carry the same licence.',
    );
    // Errors show in the dialog: no name yet, then a choice with nothing in it.
    await lib.getByTestId('publish-make').click();
    expect(await lib.getByTestId('publish-error').textContent()).toBe('Give the index name.');
    await lib.getByTestId('publish-name').fill(INDEX_NAME);
    await lib.getByTestId('publish-author').fill(AUTHOR);
    await licence.selectOption(LICENCE);
    await lib.getByTestId('publish-tag').selectOption(TAG);
    expect(await lib.getByTestId('publish-scope-tag').isChecked()).toBe(true);
    expect(await lib.getByTestId('publish-count').textContent()).toMatch(/^2 summaries will be/);

    await lib.setViewportSize({ width: 1200, height: 860 });
    await lib.screenshot({ path: join(SHOTS, 'publish-dialog-light.png') });
    await lib.emulateMedia({ colorScheme: 'dark' });
    await lib.screenshot({ path: join(SHOTS, 'publish-dialog-dark.png') });
    await lib.emulateMedia({ colorScheme: 'light' });

    // Make files: the zip and the builder input lines, both as real downloads.
    const downloads: Download[] = [];
    lib.on('download', (d) => downloads.push(d));
    await lib.getByTestId('publish-make').click();
    await expect.poll(() => downloads.length).toBe(2);
    const zipDownload = downloads.find((d) => d.suggestedFilename().endsWith('.zip'))!;
    const jsonlDownload = downloads.find((d) => d.suggestedFilename().endsWith('.jsonl'))!;
    expect(zipDownload.suggestedFilename()).toBe('tuesday-reading-group.zip');
    expect(jsonlDownload.suggestedFilename()).toBe('tuesday-reading-group.jsonl');
    expect(await lib.getByTestId('publish-made').textContent()).toContain(
      '2 summaries of 2 papers',
    );
    await lib.screenshot({ path: join(SHOTS, 'publish-dialog-made-light.png') });
    const zipFile = join(work, 'index.zip');
    await zipDownload.saveAs(zipFile);
    await jsonlDownload.saveAs(join(work, 'index.jsonl'));
    const lines = readFileSync(join(work, 'index.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(JSON.parse(line)).toMatchObject({
        summary: { author: AUTHOR, source: { name: INDEX_NAME, licence: LICENCE } },
      });
    }
    await lib.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await browser.close();
    browser = undefined;

    // Unzip and host it, as a static host would.
    const unzipped = join(work, 'site');
    const files = unzipTo(readFileSync(zipFile), unzipped);
    expect(files).toEqual(
      expect.arrayContaining([
        'tuesday-reading-group/README.txt',
        'tuesday-reading-group/index.html',
        'tuesday-reading-group/manifest.json',
      ]),
    );
    server = await serveIndex(join(unzipped, 'tuesday-reading-group'), 0);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const home = await fetch(base);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toContain(`<h1>${INDEX_NAME}</h1>`);

    // A second reader, fresh profile: subscribes by the index page's address.
    browser = await launch({
      pages,
      async route(url, route) {
        if (!url.startsWith(base)) return false;
        await route.continue();
        return true;
      },
    });
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    expect(await options.locator('label[for="index-url"]').textContent()).toContain('index.html');
    await options.getByTestId('remote-index-url').fill(`${base}index.html`);
    await options.getByTestId('add-remote-index').click();
    const row = options.getByTestId('remote-index');
    await expect
      .poll(() => row.getByTestId('index-publisher').textContent())
      .toBe(`Published by ${AUTHOR} under ${LICENCE}`);
    expect(await row.getAttribute('data-url')).toBe(base);
    expect(await row.getByTestId('index-stats').textContent()).toMatch(/^2 papers · 2 summaries/);
    expect(await row.locator('h3').textContent()).toBe(INDEX_NAME);
    await options.setViewportSize({ width: 900, height: 700 });
    await row.scrollIntoViewIfNeeded();
    await row.screenshot({ path: join(SHOTS, 'subscribed-index-light.png') });
    await options.emulateMedia({ colorScheme: 'dark' });
    await row.screenshot({ path: join(SHOTS, 'subscribed-index-dark.png') });
    await options.screenshot({ path: join(SHOTS, 'options-published-index-dark.png') });

    // The same paper, in the second profile: the published summary, via that index.
    const again = await browser.context.newPage();
    await again.goto(ABS);
    const published = cards(again).filter({ hasText: 'the MLM ticket is the "universal" one.' });
    await published.waitFor();
    const text = await published.textContent();
    expect(text).toContain(INDEX_NAME);
    expect(text).toContain(`by ${AUTHOR}`);
    expect(text).toMatch(new RegExp(`via ${INDEX_NAME} \\(127\\.0\\.0\\.1:\\d+\\)`));
    expect(await published.locator('.licence').textContent()).toBe(LICENCE);
    expect(text).not.toContain('Your summary');
    await again.screenshot({ path: join(SHOTS, 'sidebar-published-index.png') });
  }, 180_000);

  it('publishes what it can and lists the summary it cannot, instead of failing whole', async () => {
    const b = await launch({ pages });
    try {
      const lib = await libraryPage(b);
      const saved = (await lib.evaluate(
        ([key, title]) =>
          (
            globalThis as unknown as {
              chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
            }
          ).chrome.runtime.sendMessage({
            type: 'library:save-own',
            payload: { paper: { keys: [key], title }, body: 'Publishable.' },
          }),
        [`arxiv:${SEED.arxivId}`, SEED.title],
      )) as { ok: boolean; value: Record<string, unknown> };
      expect(saved.ok).toBe(true);
      // An own summary an older version stored: one author past today's 300 characters.
      await lib.evaluate(
        (good) =>
          new Promise<void>((resolve, reject) => {
            const summary = good.summary as Record<string, unknown>;
            const old = {
              ...good,
              id: 'you:arxiv:1406.2661',
              summary: {
                ...summary,
                id: 'you:arxiv:1406.2661',
                paperKeys: ['arxiv:1406.2661'],
                paper: { title: 'Generative Adversarial Networks', authors: ['A'.repeat(500)] },
              },
            };
            const open = indexedDB.open('sidenotes');
            open.onsuccess = () => {
              const tx = open.result.transaction('items', 'readwrite');
              tx.objectStore('items').put(old);
              tx.oncomplete = () => resolve();
              tx.onerror = () => reject(tx.error);
            };
            open.onerror = () => reject(open.error);
          }),
        saved.value,
      );
      await lib.reload();
      await expect.poll(() => lib.getByTestId('saved-item').count()).toBe(2);
      await lib.getByTestId('publish-index').click();
      await lib.getByTestId('publish-dialog').waitFor();
      await lib.getByTestId('publish-name').fill(INDEX_NAME);
      await lib.getByTestId('publish-author').fill(AUTHOR);
      const downloads: Download[] = [];
      lib.on('download', (d) => downloads.push(d));
      await lib.getByTestId('publish-make').click();
      await expect.poll(() => downloads.length).toBe(2);
      expect(await lib.getByTestId('publish-made').textContent()).toContain('1 summary of 1 paper');
      const skipped = await lib.getByTestId('publish-skipped').textContent();
      expect(skipped).toContain('1 summary could not be published');
      expect(skipped).toContain('“Generative Adversarial Networks”');
      expect(skipped).toContain('longer than 300 characters');
      await lib.setViewportSize({ width: 1200, height: 900 });
      for (const scheme of ['light', 'dark'] as const) {
        await lib.emulateMedia({ colorScheme: scheme });
        await lib.screenshot({ path: join(SHOTS, `publish-skipped-${scheme}.png`) });
      }
    } finally {
      await b.close();
    }
  });
});
