/**
 * npm start: opens Chromium with the built extension on a sample paper page
 * (the seed arXiv paper). The page is served from a saved copy, so it works
 * offline too; other sites load from the network as usual. With no display
 * (a server, CI), it runs headless and saves a screenshot instead.
 * `npm start -- --firefox`: the same in Firefox (scripts/start-firefox.ts).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, EXTENSION_DIR, sidebarFrame } from '../test/helpers/browser';
import { SEED, seedAbsPage } from '../test/helpers/pages';

if (process.argv.includes('--firefox')) {
  await import('./start-firefox');
  process.exit(0);
}

const url = `https://arxiv.org/abs/${SEED.arxivId}`;
const headless =
  !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux';
if (!existsSync(CHROMIUM)) {
  console.error(
    `No Chromium at ${CHROMIUM}: run "bash scripts/ensure-test-tools.sh" or set CHROMIUM_PATH.`,
  );
  process.exit(1);
}
const profile = mkdtempSync(join(tmpdir(), 'sidenotes-start-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless,
  viewport: headless ? { width: 1280, height: 800 } : null,
  args: [
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    '--no-first-run',
    ...(headless ? ['--no-sandbox'] : []),
  ],
});
await context.route(url, (route) =>
  route.fulfill({ body: seedAbsPage(), contentType: 'text/html; charset=utf-8' }),
);
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(url);
console.log(`Chromium is open on ${url} with Sidenotes loaded (profile ${profile}).`);
if (headless) {
  // The sidebar's shadow root is closed to pages: its frame is found by its address.
  await sidebarFrame(page)
    .locator('[data-testid="summary-card"]')
    .first()
    .waitFor({ timeout: 20_000 });
  const shot = join(process.cwd(), 'sidenotes-start.png');
  await page.screenshot({ path: shot });
  console.log(`No display here: ran headless and saved a screenshot to ${shot}.`);
  await context.close();
} else {
  console.log('Close the browser window to stop.');
  await new Promise<void>((resolve) => context.on('close', () => resolve()));
}
