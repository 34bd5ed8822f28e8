import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers (docs/architecture.md), bottom to top. A folder may import
 * only from the layers below it, and across folders only through `@/`, so
 * a breach is a lint error. Cycles inside a layer are caught by
 * `npm run lint` (madge --circular).
 */
const folders = (...names) => [...new Set(names)].flatMap((n) => [`@/${n}/**`, `@/${n}`]);
const PURE = ['utils/detect', 'utils/render', 'utils/search', 'utils/index-format'];
const STORES = ['utils/db', 'utils/net', 'utils/platform', 'utils/messaging'];
const SERVICES = ['utils/library', 'utils/sources'];
/** Sync and backup: the library's records, merged through the user's own folder. */
const SYNC = ['utils/sync'];
const WORKER = ['utils/lookup'];
const VIEWS = ['hooks', 'components'];
/**
 * The content scripts' in-page code (messages to the worker, the URL
 * watcher, the sidebar host and its stored choices, the listing badges);
 * the entry files only start it. Beside the views, not above them: neither
 * imports the other.
 */
const PAGE = ['utils/page'];
const ENTRY = ['entrypoints'];
/** Everything above the stores and transports. */
const ABOVE_STORES = [...SERVICES, ...SYNC, ...WORKER, ...VIEWS, ...PAGE, ...ENTRY];
const ALL = ['utils/core', ...PURE, ...STORES, ...ABOVE_STORES];

/** Pure folders the index format may use: detection (its key rules), search (its search file). */
const INDEX_FORMAT_USES = ['utils/detect', 'utils/search'];

/** `files` may not import `forbidden` (type-only imports allowed where `types` is true). */
const layer = (files, forbidden, { types = false, also = [] } = {}) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['../*', '../../*'],
            message: 'Import across folders through `@/…`, so the layer rules can see it.',
          },
          ...(forbidden.length || also.length
            ? [
                {
                  group: [...folders(...forbidden), ...also],
                  message: 'This imports upward (or sideways into I/O): see docs/architecture.md.',
                  ...(types ? { allowTypeImports: true } : {}),
                },
              ]
            : []),
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'public/', 'data/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    languageOptions: { globals: { window: 'readonly', document: 'readonly', chrome: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  // Tests reach the code they test one way, through `@/…`, as the source does across folders.
  {
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(utils|hooks|components|entrypoints|scripts)(/|$)',
              message: 'Tests import the source through `@/…`.',
            },
          ],
        },
      ],
    },
  },
  // core: the shared types; imports nothing of ours and no package.
  layer(['utils/core/**'], ALL, {
    also: [
      '@/*',
      'preact',
      'preact/*',
      'idb',
      'marked',
      'dompurify',
      'temml',
      'webextension-polyfill',
      'wxt',
      'wxt/*',
    ],
  }),
  // Pure logic: no I/O, no browser API. Detection, rendering and search use
  // only the core; the index format also uses detection (its key rules) and
  // search (it builds the search file); none uses rendering.
  ...['utils/detect', 'utils/render', 'utils/search', 'utils/index-format'].map((folder) =>
    layer(
      [`${folder}/**`],
      [
        ...PURE.filter(
          (f) =>
            f !== folder && !(folder === 'utils/index-format' && INDEX_FORMAT_USES.includes(f)),
        ),
        ...STORES,
        ...ABOVE_STORES,
      ],
      { also: ['webextension-polyfill', 'wxt/browser', 'idb'] },
    ),
  ),
  // One folder per store or transport: IndexedDB, the network and the
  // extension API each use only the core, never one another.
  ...['utils/db', 'utils/net', 'utils/platform'].map((folder) =>
    layer([`${folder}/**`], [...STORES.filter((f) => f !== folder), ...ABOVE_STORES]),
  ),
  layer(
    ['utils/messaging/**'],
    ['utils/db', 'utils/net', ...SERVICES, ...SYNC, ...WORKER, ...VIEWS, ...PAGE, ...ENTRY],
  ),
  // Services: the library and the sources do I/O through the stores, not through each other.
  layer(
    ['utils/library/**'],
    ['utils/messaging', 'utils/sources', ...SYNC, ...WORKER, ...VIEWS, ...PAGE, ...ENTRY],
  ),
  layer(
    ['utils/sources/**'],
    ['utils/messaging', 'utils/library', ...SYNC, ...WORKER, ...VIEWS, ...PAGE, ...ENTRY],
  ),
  // Sync: the library's records through the user's folder; above the services it merges for.
  layer(['utils/sync/**'], ['utils/messaging', ...WORKER, ...VIEWS, ...PAGE, ...ENTRY]),
  // The worker's look-up: resolves tab states from the services.
  layer(['utils/lookup/**'], ['utils/messaging', ...VIEWS, ...PAGE, ...ENTRY]),
  // Hooks: the only bridge from components to I/O. Views never look up or merge.
  layer(['hooks/**'], ['utils/lookup', 'components', ...PAGE, ...ENTRY]),
  // Components render; types may come from anywhere below.
  layer(['components/**'], [...STORES, ...SERVICES, ...WORKER, ...PAGE, ...ENTRY], { types: true }),
  // Entrypoints wire everything; none imports another.
  layer(['entrypoints/**'], ['entrypoints']),
  // The content scripts (paper pages, listing pages, the probe) and the shell they share:
  // detection's messages only, no framework, no storage of ours.
  layer(
    ['entrypoints/paper/**', 'entrypoints/listing/**', 'entrypoints/probe/**', 'utils/page/**'],
    [
      ...PURE.filter((f) => f !== 'utils/detect'),
      'utils/db',
      'utils/net',
      'utils/platform',
      ...SERVICES,
      ...SYNC,
      ...WORKER,
      ...VIEWS,
      ...ENTRY,
    ],
    {
      also: ['preact', 'preact/*', 'idb', 'webextension-polyfill', 'marked', 'dompurify', 'temml'],
    },
  ),
);
