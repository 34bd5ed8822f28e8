import type { Plugin } from 'vite';

/**
 * How the extension pages' code is split into files. Left to itself the
 * bundler makes one chunk per set of pages sharing a module: the popup
 * loaded 12 files, and every file is a round trip through the browser
 * process before a module runs. The views that must be quick (the popup,
 * the in-page sidebar, the side panel) load three groups instead, each
 * holding only modules a view reaches through static imports:
 *
 *   core    what the popup and the sidebar both run (Preact, hooks, the tab
 *           state, settings);
 *   paper   the rest of the sidebar: its views, the Markdown renderer
 *           (marked, DOMPurify) and what reaches it. The popup loads it
 *           only after its first results, for this tab's paper
 *           (scripts/check-size.ts fails the build otherwise);
 *   search  the rest of the popup: the search engine, the index readers,
 *           the search view (the side panel searches with them too), the
 *           newest saved items.
 *
 * So the sidebar loads core + paper, the popup core + search, the side
 * panel all three. Against one chunk shared by all three views, measured
 * in alternating launches: the sidebar on screen 131 ms after
 * DOMContentLoaded instead of 148 with the worker stopped, 58 instead of
 * 61 warm.
 * The library, options and welcome pages are split as the bundler likes.
 * Temml (math) stays its own chunk, loaded when a summary has math. The
 * worker and content scripts are single files already (no splitting).
 */
const VIEW = /\/entrypoints\/(popup|sidebar|sidepanel)\//;
const ON_DEMAND = /\/node_modules\/temml\//;
/** Styles stay with their page (styles/<surface>.css): a shared chunk's CSS goes to every page that loads it. */
const STYLES = /\.css($|\?)/;
type Group = 'core' | 'paper' | 'search';

export function viewChunks(): Plugin {
  /** Each module's static imports, as parsed. */
  const imports = new Map<string, readonly string[]>();
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
      const entries = (view: string) =>
        [...imports.keys()].filter((m) => m.includes(`/entrypoints/${view}/`));
      const popup = reach(entries('popup'));
      const sidebar = reach(entries('sidebar'));
      const panel = reach(entries('sidepanel'));
      groups = new Map();
      for (const m of new Set([...popup, ...sidebar, ...panel])) {
        if (VIEW.test(m) || STYLES.test(m)) continue;
        if (sidebar.has(m)) groups.set(m, popup.has(m) ? 'core' : 'paper');
        else if (popup.has(m)) groups.set(m, 'search');
      }
    }
    return groups.get(id) ?? null;
  };

  return {
    name: 'sidenotes:view-chunks',
    buildStart() {
      imports.clear();
      groups = undefined;
    },
    moduleParsed(info) {
      imports.set(info.id, info.importedIds);
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
            { name: 'core', priority: 3, test: (id: string) => group(id) === 'core' },
            { name: 'search', priority: 2, test: (id: string) => group(id) === 'search' },
            { name: 'paper', priority: 1, test: (id: string) => group(id) === 'paper' },
          ],
        },
      } as typeof options;
    },
  };
}
