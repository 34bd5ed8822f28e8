import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, sidebarFrame, type Launched } from '../helpers/browser';
import { ROOT } from '../helpers/fixtures';
import { SEED, seedAbsPage } from '../helpers/pages';

const ABS = `https://arxiv.org/abs/${SEED.arxivId}`;
const SHOTS = join(ROOT, 'test/screenshots');

let browser: Launched;
beforeAll(async () => {
  browser = await launch({ pages: { [ABS]: seedAbsPage() } });
  // The clipboard is read back on the arXiv page (extension origins cannot be granted it here).
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: 'https://arxiv.org',
  });
});
afterAll(() => browser?.close());

/** A BibTeX entry's fields, read as BibTeX does (braces balanced, nothing after the entry). */
function bibtexFields(entry: string): Record<string, string> {
  const m = /^@(misc|inproceedings)\{(\w+),\n((?: {2}\w+ = \{.*\},?\n)+)\}$/.exec(entry);
  if (!m) throw new Error(`not one BibTeX entry:\n${entry}`);
  return Object.fromEntries(
    m[3]!
      .trim()
      .split(/,\n/)
      .map((line) => /^\s*(\w+) = \{(.*)\}$/.exec(line)!.slice(1, 3) as [string, string]),
  );
}

describe('copy a citation', () => {
  it('copies a valid BibTeX entry and a Markdown link from the in-page sidebar', async () => {
    const page = await browser.context.newPage();
    await page.goto(ABS);
    const frame = sidebarFrame(page);
    await frame.getByTestId('summary-card').first().waitFor();
    await frame.getByTestId('copy-bibtex').click();
    await expect
      .poll(() => frame.locator('[role=status]').first().textContent())
      .toBe('BibTeX copied.');
    const bib = await page.evaluate(() => navigator.clipboard.readText());
    const fields = bibtexFields(bib);
    expect(fields.title).toBe(`{${SEED.title}}`);
    expect(fields.author).toBe(SEED.authors.join(' and '));
    expect(fields.eprint).toBe(SEED.arxivId);
    expect(fields.doi).toBe(`10.48550/arXiv.${SEED.arxivId}`);
    expect(fields.year).toBe('2020');
    await frame.getByTestId('copy-markdown').click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe(`[${SEED.title}](https://arxiv.org/abs/${SEED.arxivId})`);
    await page.screenshot({ path: join(SHOTS, 'sidebar-cite.png') });
    await page.close();
  });

  it('copies from the popup, for the active tab’s paper', async () => {
    const paper = await browser.context.newPage();
    await paper.goto(ABS);
    await paper.locator('sidenotes-sidebar[data-sidenotes-paper]').waitFor({ state: 'attached' });
    const windowId = await browser.worker.evaluate(
      async () => (await chrome.windows.getAll({ windowTypes: ['normal'] }))[0]!.id!,
    );
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?window=${windowId}`);
    await paper.bringToFront();
    await popup.reload();
    const current = popup.getByTestId('current-paper');
    await current.getByTestId('copy-bibtex').click();
    await expect.poll(() => current.getByRole('status').textContent()).toBe('BibTeX copied.');
    await popup.setViewportSize({ width: 440, height: 600 });
    await popup.screenshot({ path: join(SHOTS, 'popup-cite.png') });
    await paper.bringToFront();
    const bib = await paper.evaluate(() => navigator.clipboard.readText());
    expect(bibtexFields(bib).eprint).toBe(SEED.arxivId);
    await popup.close();
    await paper.close();
  });
});
