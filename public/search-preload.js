// Hands the bundled search index to the popup or side panel before their
// modules have loaded: an async classic script runs as soon as it is read,
// a module only after its whole graph is fetched, and this fetch takes over
// the read the page's <link rel="preload"> started while its <head> parsed.
// The page's loadBundledSearch() takes these bytes (utils/sources/bundled-search.ts, which reads the same path);
// if it already ran (null), this reads nothing.
if (globalThis.sidenotesSearchBytes === undefined) {
  const bytes = fetch('/index/search.bin').then((response) =>
    response.ok
      ? response.arrayBuffer()
      : Promise.reject(new Error(`the bundled search index is missing (${response.status})`)),
  );
  bytes.catch(() => undefined); // handled by loadBundledSearch, which reads again
  globalThis.sidenotesSearchBytes = bytes;
}
