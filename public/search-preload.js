// Starts reading the bundled search index as the popup or side panel page
// parses, before its modules have loaded: a classic script runs at once,
// a module only after the whole module graph is fetched and evaluated. The
// page's loadBundledSearch() takes these bytes (utils/sources/search-engines.ts).
globalThis.sidenotesSearchBytes = fetch('/index/search.bin').then((response) =>
  response.ok
    ? response.arrayBuffer()
    : Promise.reject(new Error(`the bundled search index is missing (${response.status})`)),
);
