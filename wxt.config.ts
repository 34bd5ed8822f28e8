import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { viewChunks } from './scripts/view-chunks';
import { LISTING_PAGES } from './utils/detect/listing/pages';
import { PAPER_ORIGINS, PAPER_SITES } from './utils/detect/sites';

const E2E_HOSTS = [
  'http://127.0.0.1/*',
  'http://localhost/*',
  'https://www.shortscience.org/*',
  'https://api2.openreview.net/*',
  'https://api.openreview.net/*',
  'https://api.semanticscholar.org/*',
  'https://huggingface.co/*',
  'https://export.arxiv.org/*',
];

export default defineConfig({
  // The end-to-end build (with E2E_HOSTS granted) never overwrites the real one.
  ...(process.env.SIDENOTES_E2E ? { outDirTemplate: '{{browser}}-mv{{manifestVersion}}-e2e' } : {}),
  // Explicit imports everywhere: a reader sees where each name comes from.
  imports: false,
  vite: (env) => ({
    plugins: [preact(), viewChunks()],
    // Firefox's own `browser` is what the polyfill returns there (utils/platform/firefox-browser.ts).
    ...(env.browser === 'firefox'
      ? {
          resolve: {
            alias: { 'webextension-polyfill': resolve('utils/platform/firefox-browser.ts') },
          },
        }
      : {}),
  }),
  // `npm run zip`: the store packages. AMO also gets the sources that rebuild
  // the add-on (`npm ci && npm run build:firefox`, docs/store.md): no tests,
  // test output, docs or templates (dotfiles, node_modules and .output are
  // left out by WXT itself).
  zip: {
    excludeSources: ['test/**', 'test-results/**', 'docs/**', 'templates/**'],
    includeSources: ['docs/store.md'],
  },
  hooks: {
    // Listing badges count summaries per key without reading a shard per
    // paper: the bundled index's counts, derived from its shards at each build.
    'build:publicAssets': (wxt, files) => {
      const contents = execFileSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/bundled-key-counts.ts', wxt.config.publicDir],
        { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
      );
      files.push({ relativeDest: 'index-counts.json', contents });
    },
  },
  manifest: ({ browser }) => ({
    name: 'Sidenotes',
    description: 'Human-written summaries of research papers, beside the paper you are reading.',
    // storage: per-site sidebar state and tab state; contextMenus: "Search
    // summaries for …" on selected text; sidePanel: the browser side panel.
    // unlimitedStorage: the library must not be evicted or capped. alarms:
    // sync's periodic run while connected (no alarm exists while sync is off).
    // activeTab: the toolbar icon's click lends Sidenotes that one tab, to look
    // for a paper on a site it does not watch (no prompt, nothing kept after
    // the tab moves on). scripting: the probe, run on that click or registered
    // where the user said "Always on <host>" or "every site", and the
    // detection script run in a page whose probe found scholarly metadata
    // (utils/sources/recognise.ts). Neither reaches a page by itself.
    permissions: [
      'storage',
      'activeTab',
      'scripting',
      'unlimitedStorage',
      'alarms',
      'contextMenus',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // Remote sources are off by default; each asks for its host when the
    // user turns it on (a remote index: its own host, https or localhost;
    // sync: the WebDAV folder's host, from the Connect click).
    optional_host_permissions: ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'],
    // End-to-end test builds only: headless Chromium cannot answer a
    // permission prompt, so the hosts the tests stand in for are granted.
    ...(process.env.SIDENOTES_E2E ? { host_permissions: E2E_HOSTS } : {}),
    // The sidebar's frame, in pages the detection script runs in: the paper
    // sites, and (issue 23) any https page the user lets Sidenotes recognise
    // papers on. The static manifest cannot follow those grants, so any https
    // page may load sidebar.html: it can learn that Sidenotes is installed
    // (paper sites always could), and a frame it makes shows only its own
    // tab's paper state, which exists only if Sidenotes recognised a paper
    // there, and refuses writes while covered (hooks/visible-to-user.ts).
    // Chrome's use_dynamic_url would hide the id, but the frame's origin would
    // then not be the extension's, by which the worker tells its views.
    web_accessible_resources: [
      { resources: ['sidebar.html'], matches: [...new Set([...PAPER_ORIGINS, 'https://*/*'])] },
    ],
    // Detection (entrypoints/paper): an unlisted script registered here rather
    // than a WXT content script, whose wrapper posts a "script started"
    // message to the page. document_start: the look-up and the sidebar frame
    // start before the page has parsed.
    content_scripts: [
      // Paper pages, and listing pages (whose badges open their papers in this script's sidebar).
      {
        matches: [...new Set([...PAPER_SITES, ...LISTING_PAGES])],
        js: ['paper.js'],
        run_at: 'document_start',
      },
      // Listing pages (entrypoints/listing): its own small script, from
      // document_start so entries are read while the page parses.
      { matches: LISTING_PAGES, js: ['listing.js'], run_at: 'document_start' },
    ],
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Show or hide the Sidenotes sidebar',
      },
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+F' },
        description: 'Search summaries (open the Sidenotes popup)',
      },
      'open-side-panel': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Open Sidenotes in the side panel',
      },
    },
    action: { default_title: 'Sidenotes' },
    // The default policy, plus WebAssembly for Argon2id (the sync passphrase's
    // key derivation, hash-wasm): no eval of script, no remote code.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'sidenotes@sidenotes.invalid',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
