/**
 * Can `permissions.request` raise Chrome's prompt from an extension page in
 * an iframe inside a web page (the in-page sidebar), on the user's click?
 * `npx tsx scripts/permission-from-frame.ts` loads a throw-away extension
 * into real Chromium and, in the frame and on an options page for
 * comparison, calls it once without a gesture and once from a click.
 *
 * Answer seen on Chromium 156 (headless, and headful under `xvfb-run`, where
 * a framebuffer screenshot showed the prompt "… has requested additional
 * permissions: Read and change your data on example.org" over the paper
 * page): both behave alike. Without a gesture the call is refused ("This
 * function must be called during a user gesture"); from a click it stays
 * pending, i.e. the prompt is up and waiting for the user. So the sidebar
 * asks from its own click (hooks/use-source-offers.ts): no extension window
 * or side panel is needed for the grant. Nothing may be awaited before the
 * request, or the click's gesture is gone.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type FrameLocator, type Page } from 'playwright-core';
import { CHROMIUM } from '../test/helpers/browser';

const dir = mkdtempSync(join(tmpdir(), 'sidenotes-permission-'));
const ext = join(dir, 'ext');
mkdirSync(ext);
const files: Record<string, string> = {
  'manifest.json': JSON.stringify({
    manifest_version: 3,
    name: 'permission from frame',
    version: '1.0',
    optional_host_permissions: ['https://example.org/*', 'https://example.net/*'],
    background: { service_worker: 'worker.js' },
    web_accessible_resources: [{ resources: ['page.html'], matches: ['https://paper.test/*'] }],
    content_scripts: [{ matches: ['https://paper.test/*'], js: ['content.js'] }],
  }),
  'worker.js': '',
  'content.js': `const f = document.createElement('iframe');
f.src = chrome.runtime.getURL('page.html');
f.id = 'frame';
document.body.append(f);`,
  'page.html':
    '<button id="ask">ask</button><p id="click">idle</p><p id="nogesture"></p><script src="page.js"></script>',
  'page.js': `const show = (id) => [(r) => (document.getElementById(id).textContent = 'granted: ' + r),
  (e) => (document.getElementById(id).textContent = 'refused: ' + e.message)];
chrome.permissions.request({ origins: ['https://example.net/*'] }).then(...show('nogesture'));
document.getElementById('ask').onclick = () => {
  document.getElementById('click').textContent = 'pending: the prompt is up';
  chrome.permissions.request({ origins: ['https://example.org/*'] }).then(...show('click'));
};`,
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(ext, name), text);

const headless = !process.argv.includes('--headful');
const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
  executablePath: CHROMIUM,
  headless,
  args: [
    `--disable-extensions-except=${ext}`,
    `--load-extension=${ext}`,
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
  ],
});
try {
  await context.route('https://paper.test/**', (r) =>
    r.fulfill({ contentType: 'text/html', body: '<h1>A paper</h1>' }),
  );
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;

  async function trial(where: string, target: Page | FrameLocator) {
    await target.locator('#nogesture').filter({ hasText: /\w/ }).waitFor();
    await target.locator('#ask').click();
    await new Promise((r) => setTimeout(r, 2000));
    console.log(`${where}:`);
    console.log(`  without a gesture: ${await target.locator('#nogesture').textContent()}`);
    console.log(`  from a click:      ${await target.locator('#click').textContent()}`);
  }
  const paper = await context.newPage();
  await paper.goto('https://paper.test/abs/1');
  await trial('extension frame inside a web page', paper.frameLocator('#frame'));
  await paper.close();
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/page.html`);
  await trial('extension page in its own tab (as the options page)', page);
} finally {
  await context.close();
  rmSync(dir, { recursive: true, force: true });
}
