import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { hasScholarlyMetadata } from '@/utils/page/scholarly';

/**
 * The probe: on sites beyond the paper sites where the user asked Sidenotes
 * to recognise papers ("Always on <host>", "Recognise papers on every site",
 * or once, from the toolbar icon), it looks for scholarly metadata at
 * DOMContentLoaded. Only if there is some does it tell the worker, which
 * then runs the detection script (entrypoints/paper) in this page; a page
 * without metadata sends nothing and gets nothing more. Registered by the
 * worker (utils/sources/recognise.ts), never in the manifest; a plain
 * unlisted script, since WXT's content-script wrapper would announce the
 * extension to the page.
 */
export default defineUnlistedScript(() => {
  const check = () => {
    if (hasScholarlyMetadata(document, location))
      browser.runtime
        .sendMessage({ type: 'page:scholarly', payload: {} })
        .catch((error: unknown) => console.warn('Sidenotes:', error));
  };
  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', check, { once: true });
  else check();
});
