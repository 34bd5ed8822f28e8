import type { Plugin } from 'vite';

/**
 * How the extension pages' code is split into files. Left to itself the
 * bundler makes one chunk per set of pages sharing a module: the popup
 * loaded 12 files, and every file is a round trip through the browser
 * process before a module runs (~30 ms of the popup's first results here).
 * So the pages share two chunks:
 *
 *   views     the pages' code that never reaches the Markdown renderer
 *             (Preact, hooks, components, utils);
 *   markdown  the renderer (marked, DOMPurify) and every module that
 *             reaches it through static imports: what a summary card
 *             needs. The popup loads it after its first results
 *             (scripts/check-size.ts fails the build otherwise).
 *
 * Temml (math) stays its own chunk, loaded when a summary has math. The
 * worker and content scripts are single files already (no code splitting).
 */
const MARKDOWN_RENDERER = /\/node_modules\/(marked|dompurify)\//;
const APP_CODE = /\/(utils|hooks|components)\/|\/node_modules\/|^\0|virtual:/;
const ON_DEMAND = /\/node_modules\/temml\//;

export function viewChunks(): Plugin {
  /** Each module's static imports, as parsed. */
  const imports = new Map<string, readonly string[]>();
  /** Modules that reach the renderer: found once, walking importers back from it. */
  let markdown: Set<string> | undefined;
  const reachesMarkdown = (id: string): boolean => {
    if (!markdown) {
      const importers = new Map<string, string[]>();
      for (const [from, deps] of imports)
        for (const dep of deps) {
          const list = importers.get(dep);
          if (list) list.push(from);
          else importers.set(dep, [from]);
        }
      const found = [...imports.keys()].filter((m) => MARKDOWN_RENDERER.test(m));
      markdown = new Set(found);
      while (found.length)
        for (const from of importers.get(found.pop()!) ?? [])
          if (!markdown.has(from)) {
            markdown.add(from);
            found.push(from);
          }
    }
    return markdown.has(id);
  };
  const shared = (id: string) => APP_CODE.test(id) && !ON_DEMAND.test(id);
  return {
    name: 'sidenotes:view-chunks',
    buildStart() {
      imports.clear();
      markdown = undefined;
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
          // Views first: a group also takes its modules' dependencies, and
          // no dependency of a module in views reaches the renderer.
          groups: [
            {
              name: 'views',
              priority: 2,
              test: (id: string) => shared(id) && !reachesMarkdown(id),
            },
            {
              name: 'markdown',
              priority: 1,
              test: (id: string) => shared(id) && reachesMarkdown(id),
            },
          ],
        },
      } as typeof options;
    },
  };
}
