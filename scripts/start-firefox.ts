/**
 * npm run start:firefox (or npm start -- --firefox): builds the Firefox
 * add-on and opens Debian's Firefox ESR with it installed (as a temporary
 * add-on, on a fresh profile) on the seed paper, served from a saved copy;
 * other sites load from the network as usual. With no display, it runs
 * headless and saves a screenshot instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FIREFOX, inSidebar, launch } from '../test/helpers/firefox';
import { SEED, seedAbsPage } from '../test/helpers/pages';

const url = `https://arxiv.org/abs/${SEED.arxivId}`;
const headless =
  !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux';
// `npm start -- --firefox` comes here too: Firefox ESR is installed as the tests install it.
if (!process.env.FIREFOX_PATH)
  execFileSync('bash', ['scripts/ensure-test-tools.sh', 'firefox-esr'], { stdio: 'inherit' });
if (!existsSync(FIREFOX)) {
  console.error(
    `No Firefox at ${FIREFOX}: run "bash scripts/ensure-test-tools.sh" or set FIREFOX_PATH.`,
  );
  process.exit(1);
}
if (process.env.SIDENOTES_E2E) {
  console.error('Unset SIDENOTES_E2E: npm run start:firefox opens the real build.');
  process.exit(1);
}
execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { stdio: 'inherit' });

const firefox = await launch({
  pages: { [url]: seedAbsPage() },
  headless,
  offline: false,
  keepWelcome: true,
});
const page = await firefox.newPage();
await page.goto(url);
console.log(`Firefox is open on ${url} with Sidenotes installed (profile ${firefox.profileDir}).`);
if (headless) {
  await inSidebar(page, () => document.querySelector('[data-testid="summary-card"]') !== null);
  const shot = join(process.cwd(), 'sidenotes-start-firefox.png');
  await page.screenshot({ path: shot });
  console.log(`No display here: ran headless and saved a screenshot to ${shot}.`);
  await firefox.close();
} else {
  console.log('Close the browser window to stop.');
  await new Promise<void>((resolve) => firefox.browser.once('disconnected', () => resolve()));
  await firefox.close().catch(() => undefined);
}
