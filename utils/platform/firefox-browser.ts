/**
 * Firefox builds use this in place of webextension-polyfill (wxt.config.ts):
 * in Firefox the polyfill returns this very object (it wraps Chrome's
 * callback API only), so its 10 KB would be parsed on every extension page
 * for nothing, before the popup's first results among others.
 */
const native = (globalThis as unknown as { browser: unknown }).browser;
export default native;
