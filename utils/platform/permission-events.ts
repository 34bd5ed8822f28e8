import { browser } from './browser';

/**
 * Calls `listener` whenever the browser grants or takes back a permission
 * (a prompt answered, or the user's own change in the browser's settings);
 * returns the unsubscribe. What a page shows about permissions follows both.
 */
export function onPermissionsChanged(listener: () => void): () => void {
  const changed = () => listener();
  browser.permissions.onAdded.addListener(changed);
  browser.permissions.onRemoved.addListener(changed);
  return () => {
    browser.permissions.onAdded.removeListener(changed);
    browser.permissions.onRemoved.removeListener(changed);
  };
}
