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
  const reaches = new Map<string, boolean>();
  const reachesMarkdown = (id: string): boolean => {
    const known = reaches.get(id);
    if (known !== undefined) return known;
    reaches.set(id, false); // an import cycle ends here
    const found =
      MARKDOWN_RENDERER.test(id) || (imports.get(id) ?? []).some((dep) => reachesMarkdown(dep));
    reaches.set(id, found);
    return found;
  };
  const shared = (id: string) => APP_CODE.test(id) && !ON_DEMAND.test(id);
  return {
    name: 'sidenotes:view-chunks',
    buildStart() {
      imports.clear();
      reaches.clear();
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
