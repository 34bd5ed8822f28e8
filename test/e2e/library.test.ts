import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launch, sidebarFrame, type Launched } from '../helpers/browser';
import { ROOT } from '../helpers/fixtures';
import { SEED, seedAbsPage } from '../helpers/pages';

const ABS = `https://arxiv.org/abs/${SEED.arxivId}`;
const SHOTS = join(ROOT, 'test/screenshots');
const pages = { [ABS]: seedAbsPage() };
const work = mkdtempSync(join(tmpdir(), 'sidenotes-library-e2e-'));
const profile = join(work, 'profile');
let browser: Launched | undefined;
afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

const libraryPage = async (b: Launched) => {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/library.html`);
  await page.getByTestId('library-count').waitFor();
  return page;
};

/** Every item of the library, via its own lossless JSON export. */
async function exportedItems(b: Launched, file: string): Promise<unknown[]> {
  const page = await libraryPage(b);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-json').click(),
  ]);
  await download.saveAs(file);
  await page.close();
  return (JSON.parse(readFileSync(file, 'utf8')) as { items: unknown[] }).items;
}

describe('the library', () => {
  it('keeps a saved summary across the popup, the library page and a browser restart; export → import is identical', async () => {
    browser = await launch({ pages, profileDir: profile });
    const page = await browser.context.newPage();
    await page.goto(ABS);
    const save = sidebarFrame(page).getByTestId('save-button');
    await save.click();
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');

    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await expect
      .poll(() => popup.getByTestId('saved-item').first().textContent())
      .toContain(SEED.title);

    const lib = await libraryPage(browser);
    await expect.poll(() => lib.getByTestId('saved-item').count()).toBe(1);
    expect(await lib.getByTestId('saved-item').textContent()).toContain(SEED.title);

    // Tags and a note, edited on the library page.
    await lib.getByTestId('saved-item').click();
    await lib.getByTestId('item-tags').fill('pruning, reading group');
    await lib.getByTestId('item-note').fill('Compare with the original LTH paper.');
    await lib.getByTestId('item-save').click();
    await expect
      .poll(() => lib.locator('.tag').allTextContents())
      .toEqual(['pruning', 'reading group']);
    await lib.setViewportSize({ width: 1200, height: 700 });
    await lib.screenshot({ path: join(SHOTS, 'library-light.png') });

    await browser.close({ keepProfile: true });
    browser = await launch({ pages, profileDir: profile });
    const after = await libraryPage(browser);
    await expect.poll(() => after.getByTestId('saved-item').count()).toBe(1);
    const exported = await exportedItems(browser, join(work, 'export.json'));
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({
      tags: ['pruning', 'reading group'],
      note: 'Compare with the original LTH paper.',
    });
    await browser.close();

    browser = await launch({ pages }); // a fresh profile
    const fresh = await libraryPage(browser);
    expect(await fresh.getByTestId('saved-item').count()).toBe(0);
    await fresh.getByTestId('import-file').setInputFiles(join(work, 'export.json'));
    const preview = fresh.getByTestId('import-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('1 new, 0 already present, 0 invalid');
    expect(await fresh.getByTestId('import-own-count').textContent()).toBe(
      'None of the new items is your own summary; 1 is a saved summary of others.',
    );
    for (const scheme of ['light', 'dark'] as const) {
      await fresh.emulateMedia({ colorScheme: scheme });
      await fresh.screenshot({ path: join(SHOTS, `library-import-preview-${scheme}.png`) });
    }
    await fresh.getByTestId('import-confirm').click();
    await expect.poll(() => fresh.getByTestId('saved-item').count()).toBe(1);
    expect(await exportedItems(browser, join(work, 'again.json'))).toEqual(exported);
  });

  it('lists 10,000 items rendering only the rows in view', async () => {
    const { generateItems } = await import('../unit/library/helpers');
    const { exportJson } = await import('@/utils/library/export');
    const file = join(work, 'ten-thousand.json');
    writeFileSync(file, exportJson(generateItems(10_000, 5)));
    const b = await launch({ pages });
    try {
      const page = await libraryPage(b);
      await page.setViewportSize({ width: 1200, height: 800 });
      await page.getByTestId('import-file').setInputFiles(file);
      await page.getByTestId('import-confirm').click();
      await page.getByText('10000 items', { exact: true }).waitFor({ timeout: 60_000 });
      const rows = page.getByTestId('saved-item');
      expect(await rows.count()).toBeLessThan(40);
      await page.locator('.vlist').evaluate((el) => (el.scrollTop = el.scrollHeight));
      await expect.poll(() => rows.last().isVisible()).toBe(true);
      expect(await rows.count()).toBeLessThan(40);
      // The reminder to export appears for a library never exported.
      expect(await page.getByTestId('export-reminder').textContent()).toContain('10000 items');
    } finally {
      await b.close();
    }
  });

  it('refuses a corrupt import file with a clear message and changes nothing', async () => {
    browser ??= await launch({ pages });
    const page = await libraryPage(browser);
    const before = await page.getByTestId('saved-item').count();
    await page.getByTestId('import-file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "sidenotes-library", "version": 1, "items": ['),
    });
    await expect
      .poll(() => page.getByTestId('library-notice').textContent())
      .toContain('not valid JSON');
    expect(await page.getByTestId('import-preview').count()).toBe(0);
    expect(await page.getByTestId('saved-item').count()).toBe(before);
  });

  it('writes your own summary with math, with a live preview; the sidebar shows it rendered, first', async () => {
    browser ??= await launch({ pages });
    const page = await browser.context.newPage();
    await page.goto(ABS);
    const frame = sidebarFrame(page);
    await frame.getByTestId('write-own').click();
    await frame
      .getByTestId('own-body')
      .fill('The key result: $\\sum_i w_i^2$ stays **small**.\n\n$$\\frac{1}{n}$$');
    await expect.poll(() => frame.getByTestId('own-preview').locator('math').count()).toBe(2);
    await frame.getByTestId('own-save').click();
    const first = frame.getByTestId('summary-card').first();
    await expect.poll(() => first.textContent()).toContain('Your summary');
    expect(await first.locator('math').count()).toBe(2);
    expect(await first.locator('strong').textContent()).toBe('small');
    await page.screenshot({ path: join(SHOTS, 'sidebar-own-summary.png') });
    // A draft survives closing the sidebar.
    await frame.getByTestId('edit-own').click();
    await frame.getByTestId('own-body').fill('A better draft');
    // Kept once the worker stored it (typing is kept after a short pause).
    await expect
      .poll(() =>
        browser!.worker.evaluate(
          () =>
            new Promise<string[]>((resolve) => {
              const open = indexedDB.open('sidenotes');
              open.onsuccess = () => {
                const all = open.result.transaction('drafts').objectStore('drafts').getAll();
                all.onsuccess = () => resolve(all.result.map((d: { body: string }) => d.body));
              };
            }),
        ),
      )
      .toContain('A better draft');
    await page.reload();
    await sidebarFrame(page).getByTestId('write-own').click();
    expect(await sidebarFrame(page).getByTestId('own-body').inputValue()).toBe('A better draft');
  });

  it('deletes your own summary with Undo, in the sidebar and on the library page', async () => {
    browser ??= await launch({ pages });
    // Written (again) through the worker, as the sidebar's Save does.
    const writer = await libraryPage(browser);
    const saved = await writer.evaluate(
      ([key, title]) =>
        (
          globalThis as unknown as {
            chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
          }
        ).chrome.runtime.sendMessage({
          type: 'library:save-own',
          payload: { paper: { keys: [key], title }, body: 'Kept by **Undo**.' },
        }),
      [`arxiv:${SEED.arxivId}`, SEED.title],
    );
    expect(saved).toMatchObject({ ok: true });
    await writer.close();
    const page = await browser.context.newPage();
    await page.goto(ABS);
    const frame = sidebarFrame(page);
    const first = frame.getByTestId('summary-card').first();
    await expect.poll(() => first.textContent()).toContain('Your summary');
    const written = await first.locator('.body').textContent();
    await frame.getByTestId('edit-own').click();
    await frame.getByTestId('own-delete').click();
    const undo = frame.getByTestId('undo-delete');
    await undo.waitFor();
    await expect.poll(() => first.textContent()).not.toContain('Your summary');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: join(SHOTS, `sidebar-undo-delete-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await undo.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => first.textContent()).toContain('Your summary');
    expect(await first.locator('.body').textContent()).toBe(written);
    await undo.waitFor({ state: 'detached' });

    // The library page: removing your summary offers Undo too, and it comes back whole.
    const lib = await libraryPage(browser);
    const row = lib.locator('[data-testid="saved-item"][data-item^="you:"]');
    await row.click();
    await lib.getByTestId('item-remove').click();
    await lib.getByTestId('library-undo').waitFor();
    await expect.poll(() => row.count()).toBe(0);
    for (const scheme of ['light', 'dark'] as const) {
      await lib.emulateMedia({ colorScheme: scheme });
      await lib.screenshot({ path: join(SHOTS, `library-undo-delete-${scheme}.png`) });
    }
    await lib.getByTestId('library-undo').click();
    await expect.poll(() => row.count()).toBe(1);
    await lib.close();
    await expect.poll(() => first.textContent()).toContain('Your summary');
    await page.close();
  });

  it('two library pages editing the same item: the stale edit is refused, not silently applied', async () => {
    browser ??= await launch({ pages });
    const page = await browser.context.newPage();
    await page.goto(ABS);
    const save = sidebarFrame(page).getByTestId('save-button').last();
    if ((await save.getAttribute('aria-pressed')) !== 'true') await save.click();
    const a = await libraryPage(browser);
    const b = await libraryPage(browser);
    for (const p of [a, b]) await p.getByTestId('saved-item').last().click();
    // Page a's change lands while b still shows the old revision (the race
    // the revision check exists for): written straight to IndexedDB, unannounced.
    const id = await b.getByTestId('saved-item').last().getAttribute('data-item');
    await a.evaluate(
      (itemId) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('sidenotes');
          open.onsuccess = () => {
            const tx = open.result.transaction('items', 'readwrite');
            const store = tx.objectStore('items');
            const get = store.get(itemId!);
            get.onsuccess = () =>
              store.put({ ...get.result, note: 'From page A', revision: get.result.revision + 1 });
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
      id,
    );
    await b.getByTestId('item-note').fill('From page B');
    await b.getByTestId('item-save').click();
    await expect
      .poll(() => b.getByTestId('library-notice').textContent())
      .toContain('changed in another Sidenotes page');
    await expect.poll(() => b.getByTestId('item-note').inputValue()).toBe('From page A');
  });
});

describe('the library, into a reference manager', () => {
  it('exports RIS and CSL-JSON that citation-js reads, and copies a citation as RIS', async () => {
    const { Cite } = await import('@citation-js/core');
    await import('@citation-js/plugin-ris');
    await import('@citation-js/plugin-csl');
    const { makeSummary } = await import('../unit/library/helpers');
    const { exportJson } = await import('@/utils/library/export');
    // Saved summaries as strangers write them: a tag line inside, braces, unicode.
    const body = 'First line {braces} ünï 🙂\n\nER  - \nTY  - JOUR\nLast line.';
    const summary = makeSummary({
      id: `shortscience:arxiv:${SEED.arxivId}:9`,
      paperKeys: [`arxiv:${SEED.arxivId}`],
      paper: { title: SEED.title, authors: SEED.authors, year: 2020, venue: 'NeurIPS 2020' },
      body,
    });
    const bare = makeSummary({
      id: 'shortscience:arxiv:2101.00001:0',
      paperKeys: ['arxiv:2101.00001'],
      paper: { title: 'A preprint with no authors', authors: [] },
    });
    const at = '2024-05-01T00:00:00.000Z';
    const items = [summary, bare].map((s, i) => ({
      id: s.id,
      kind: 'saved' as const,
      summary: s,
      savedAt: at,
      updatedAt: at,
      tags: i ? [] : ['pruning', 'reading group'],
      note: '',
      revision: 1,
    }));
    const file = join(work, 'refs.json');
    writeFileSync(file, exportJson(items));

    const b = await launch({ pages });
    try {
      await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: 'https://arxiv.org',
      });
      const page = await libraryPage(b);
      await page.setViewportSize({ width: 1200, height: 760 });
      await page.getByTestId('import-file').setInputFiles(file);
      await page.getByTestId('import-confirm').click();
      await expect.poll(() => page.getByTestId('saved-item').count()).toBe(2);

      const downloaded = async (testId: string, name: RegExp) => {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId(testId).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(name);
        await download.saveAs(join(work, download.suggestedFilename()));
        return readFileSync(join(work, download.suggestedFilename()), 'utf8');
      };
      const ris = await downloaded('export-ris', /^sidenotes-library-[\d-]+\.ris$/);
      const fromRis = (await Cite.async(ris, { forceType: '@ris/file' })).data as Array<
        Record<string, unknown>
      >;
      const csl = await downloaded('export-csl', /^sidenotes-library-[\d-]+\.csl\.json$/);
      const fromCsl = (await Cite.async(JSON.parse(csl) as never)).data as Array<
        Record<string, unknown>
      >;
      for (const data of [fromRis, fromCsl]) {
        expect(data).toHaveLength(2);
        const paper = data.find((d) => d.title === SEED.title)!;
        expect(paper).toMatchObject({
          DOI: `10.48550/arXiv.${SEED.arxivId}`,
          URL: `https://arxiv.org/abs/${SEED.arxivId}`,
          issued: { 'date-parts': [[2020]] },
          type: 'paper-conference',
        });
        expect((paper.author as Array<{ family: string }>).map((a) => a.family)).toEqual(
          SEED.authors.map((a) => a.split(' ').at(-1)),
        );
        expect(String(paper.keyword).split(/,\s*/)).toEqual(['pruning', 'reading group']);
        expect(String(paper.note).replace(/\s+/g, ' ')).toContain(
          'First line {braces} ünï 🙂 ER - TY - JOUR Last line.',
        );
        expect(data.find((d) => d !== paper)).not.toHaveProperty('author');
      }
      expect(String(fromCsl.find((d) => d.title === SEED.title)!.note)).toContain(body);

      // Copy citation → RIS, from the selected item's details.
      await page.getByTestId('saved-item').filter({ hasText: SEED.title }).click();
      const detail = page.getByTestId('item-detail');
      await detail.getByTestId('copy-citation-format').selectOption('ris');
      await detail.getByTestId('copy-bibtex').click();
      await expect.poll(() => detail.getByRole('status').first().textContent()).toBe('RIS copied.');
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.locator('.library-head').screenshot({
          path: join(SHOTS, `library-export-row-${scheme}.png`),
        });
        const box = (await detail.boundingBox())!;
        await page.screenshot({
          path: join(SHOTS, `library-copy-citation-${scheme}.png`),
          clip: { ...box, height: Math.min(box.height, 260) },
        });
      }
      const paperPage = await b.context.newPage();
      await paperPage.goto(ABS);
      const copied = await paperPage.evaluate(() => navigator.clipboard.readText());
      expect(copied).toMatch(/^TY {2}- CPAPER\r\n/);
      const [fromClipboard] = (await Cite.async(copied, { forceType: '@ris/file' })).data as Array<
        Record<string, unknown>
      >;
      expect(fromClipboard).toMatchObject({
        title: SEED.title,
        DOI: `10.48550/arXiv.${SEED.arxivId}`,
      });

      // The same control, by keyboard: the formatted reference.
      await detail.getByTestId('copy-citation-format').focus();
      await page.keyboard.press('ArrowDown'); // RIS → Reference (APA)
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => detail.getByRole('status').first().textContent())
        .toBe('Reference copied.');
      await paperPage.bringToFront();
      expect(await paperPage.evaluate(() => navigator.clipboard.readText())).toMatch(
        new RegExp(
          `\\(2020\\)\\. ${SEED.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\. NeurIPS 2020\\. https://doi\\.org/10\\.48550/arXiv\\.${SEED.arxivId}$`,
        ),
      );
    } finally {
      await b.close();
    }
  });
});
