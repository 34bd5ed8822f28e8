/**
 * The extension API for the worker and extension pages: webextension-polyfill,
 * so Chrome and Firefox behave alike. The detection content script uses the
 * native namespace (`wxt/browser`) instead to stay within its size budget;
 * MV3 browsers return promises there too.
 */
import browser from 'webextension-polyfill';

export { browser };
export type { Browser, Runtime } from 'webextension-polyfill';
