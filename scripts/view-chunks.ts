import type { Plugin } from 'vite';

/**
 * How the extension pages' code is split into files. Left to itself the
 * bundler makes one chunk per set of pages sharing a module: the popup
 * loaded 12 files, and every file is a round trip through the browser
 * process before a module runs. The views that must be quick (the popup,
 * the in-page sidebar, the side panel) load four groups instead, each
 * holding only modules a view reaches through static imports from its page:
 *
 *   core    what the popup's first results and the sidebar both run
 *           (Preact, the extension API, paper URLs);
 *   search  the rest of the popup's first load: the search engine, the
 *           bundled index's reader, the search view. Nothing else: in
 *           Firefox each kilobyte of modules comes before the first results
 *           (README, Performance; scripts/check-size.ts holds its size);
 *   shared  what the sidebar shares with the popup's later part (the tab
 *           state, settings, the library's store), which the popup loads
 *           once its first results are painted
 *           (entrypoints/popup/beside-search.tsx);
 *   paper   the rest of the sidebar: its views, the Markdown renderer
 *           (marked, DOMPurify) and what reaches it. The popup loads it
 *           for this tab's paper card, after its first results
 *           (scripts/check-size.ts fails the build otherwise).
 *
 * So the sidebar loads core + shared + paper, the popup core + search (then
 * the rest), the side panel all four. Against one chunk shared by all three
 * views, measured in alternating launches: the sidebar on screen 131 ms
 * after DOMContentLoaded instead of 148 with the worker stopped, 58 instead
 * of 61 warm.
 * The library, options and welcome pages are split as the bundler likes.
 * Temml (math) stays its own chunk, loaded when a summary has math. The
 * worker and content scripts are single files already (no splitting).
 */
const VIEW = /\/entrypoints\/(popup|sidebar|sidepanel)\//;
const ON_DEMAND = /\/node_modules\/temml\//;
/** Styles stay with their page (styles/<surface>.css): a shared chunk's CSS goes to every page that loads it. */
const STYLES = /\.css($|\?)/;
type Group = 'core' | 'shared' | 'paper' | 'search';

export function viewChunks(): Plugin {
  /** Each module's static imports, as parsed. */
  const imports = new Map<string, readonly string[]>();
  /** Each module's dynamic imports (`import(…)`), as parsed. */
  const later = new Map<string, readonly string[]>();
  let groups: Map<string, Group> | undefined;

  /** Every module reached from `roots` through static imports. */
  const reach = (roots: string[]) => {
    const seen = new Set(roots);
    for (const stack = [...roots]; stack.length;)
      for (const next of imports.get(stack.pop()!) ?? [])
        if (!seen.has(next) && !ON_DEMAND.test(next)) {
          seen.add(next);
          stack.push(next);
        }
    return seen;
  };
  const group = (id: string): Group | null => {
    if (!groups) {
      // The page itself: a file beside it that it imports only with import() is not loaded first.
      const entries = (view: string) =>
        [...imports.keys()].filter((m) => m.endsWith(`/entrypoints/${view}/index.html`));
      const popup = reach(entries('popup'));
      // What the popup loads once its first results are painted (entrypoints/popup/main.tsx).
      const popupLater = reach([...popup].flatMap((m) => later.get(m) ?? []));
      const sidebar = reach(entries('sidebar'));
      const panel = reach(entries('sidepanel'));
      groups = new Map();
      for (const m of new Set([...popup, ...sidebar, ...panel])) {
        if (VIEW.test(m) || STYLES.test(m)) continue;
        if (sidebar.has(m))
          groups.set(m, popup.has(m) ? 'core' : popupLater.has(m) ? 'shared' : 'paper');
        else if (popup.has(m)) groups.set(m, 'search');
      }
    }
    return groups.get(id) ?? null;
  };

  return {
    name: 'sidenotes:view-chunks',
    buildStart() {
      imports.clear();
      later.clear();
      groups = undefined;
    },
    moduleParsed(info) {
      imports.set(info.id, info.importedIds);
      later.set(info.id, info.dynamicallyImportedIds);
    },
    outputOptions(options) {
      const opts = options as typeof options & { codeSplitting?: unknown };
      if (opts.codeSplitting === false || options.inlineDynamicImports) return null;
      return {
        ...opts,
        codeSplitting: {
          // A group also takes its modules' dependencies: core first, and no
          // dependency of a core (or search) module is in paper.
          groups: [
            { name: 'core', priority: 4, test: (id: string) => group(id) === 'core' },
            { name: 'shared', priority: 3, test: (id: string) => group(id) === 'shared' },
            { name: 'search', priority: 2, test: (id: string) => group(id) === 'search' },
            { name: 'paper', priority: 1, test: (id: string) => group(id) === 'paper' },
          ],
        },
      } as typeof options;
    },
  };
}
