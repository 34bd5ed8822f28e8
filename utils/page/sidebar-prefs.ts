import { browser } from 'wxt/browser';
import { fieldsOf } from '@/utils/core/guards';

/**
 * The sidebar's remembered choices, per site (so arXiv and OpenReview can
 * each keep their own), in `storage.local` under `sidebar:<site>`. The
 * only storage the page scripts touch; the sidebar host orders its writes.
 */
export interface SitePrefs {
  collapsed?: boolean;
  widthPx?: number;
}

const prefsKey = (site: string) => `sidebar:${site}`;

/** This site's choices; none stored (or not an object) reads as none made. */
export async function readSidebarPrefs(site: string): Promise<SitePrefs> {
  const key = prefsKey(site);
  const stored = (await browser.storage.local.get(key))[key];
  return fieldsOf(stored) as SitePrefs;
}

export async function writeSidebarPrefs(site: string, prefs: SitePrefs): Promise<void> {
  await browser.storage.local.set({ [prefsKey(site)]: prefs });
}
