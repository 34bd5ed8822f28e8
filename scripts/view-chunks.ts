import type { Plugin } from 'vite';

/**
 * How the extension pages' code is split into files. Left to itself the
 * bundler makes one chunk per set of pages sharing a module: the popup
 * loaded 12 files, and every file is a round trip through the browser
 * process before a module runs (~30 ms of the popup's first results here).
 * So the views that must be quick (the popup, the in-page sidebar, the side
 * panel) share two chunks, holding only what those views import:
 *
 *   views     their code that never reaches the Markdown renderer
 *             (Preact, hooks, components, utils);
 *   markdown  the renderer (marked, DOMPurify) and their modules that reach
 *             it through static imports: what a summary card needs. The
 *             popup loads it after its first results (scripts/check-size.ts
 *             fails the build otherwise).
 *
 * The library, options and welcome pages' own code is split as the bundler
 * likes. Temml (math) stays its own chunk, loaded when a summary has math.
 * The worker and content scripts are single files already (no splitting).
 */
const QUICK_VIEWS = /\/entrypoints\/(popup|sidebar|sidepanel)\//;
const MARKDOWN_RENDERER = /\/node_modules\/(marked|dompurify)\//;
const ON_DEMAND = /\/node_modules\/temml\//;
/** Styles stay with their page (styles/<surface>.css): a shared chunk's CSS goes to every page that loads it. */
const STYLES = /\.css($|\?)/;

export function viewChunks(): Plugin {
  /** Each module's static imports, and its static and dynamic ones, as parsed. */
  const imports = new Map<string, readonly string[]>();
  const allImports = new Map<string, readonly string[]>();
  let groups: { views: Set<string>; markdown: Set<string> } | undefined;

  /** Every module reached from `roots` along `edges`. */
  const reach = (roots: string[], edges: Map<string, readonly string[]>) => {
    const seen = new Set(roots);
    for (const stack = [...roots]; stack.length;)
      for (const next of edges.get(stack.pop()!) ?? [])
        if (!seen.has(next) && !ON_DEMAND.test(next)) {
          seen.add(next);
          stack.push(next);
        }
    return seen;
  };
  const group = (id: string): 'views' | 'markdown' | null => {
    if (!groups) {
      const quick = reach(
        [...allImports.keys()].filter((m) => QUICK_VIEWS.test(m)),
        allImports,
      );
      const importers = new Map<string, string[]>();
      for (const [from, deps] of imports)
        for (const dep of deps) {
          const list = importers.get(dep);
          if (list) list.push(from);
          else importers.set(dep, [from]);
        }
      const renderer = reach(
        [...imports.keys()].filter((m) => MARKDOWN_RENDERER.test(m)),
        importers,
      );
      const shared = [...quick].filter((m) => !QUICK_VIEWS.test(m) && !STYLES.test(m));
      groups = {
        views: new Set(shared.filter((m) => !renderer.has(m))),
        markdown: new Set(shared.filter((m) => renderer.has(m))),
      };
    }
    return groups.views.has(id) ? 'views' : groups.markdown.has(id) ? 'markdown' : null;
  };

  return {
    name: 'sidenotes:view-chunks',
    buildStart() {
      imports.clear();
      allImports.clear();
      groups = undefined;
    },
    moduleParsed(info) {
      imports.set(info.id, info.importedIds);
      allImports.set(info.id, [...info.importedIds, ...info.dynamicallyImportedIds]);
    },
    outputOptions(options) {
      const opts = options as typeof options & { codeSplitting?: unknown };
      if (opts.codeSplitting === false || options.inlineDynamicImports) return null;
      return {
        ...opts,
        codeSplitting: {
          // Views first: a group also takes its modules' dependencies, and
          // no dependency of a module in views reaches the renderer.
          groups: [
            { name: 'views', priority: 2, test: (id: string) => group(id) === 'views' },
            { name: 'markdown', priority: 1, test: (id: string) => group(id) === 'markdown' },
          ],
        },
      } as typeof options;
    },
  };
}
