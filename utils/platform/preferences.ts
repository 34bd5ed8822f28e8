import { browser } from './browser';

/** How summaries are shown; in storage.local (a choice for this browser). */
export interface Preferences {
  /** Load the images in summaries from the hosts their authors chose (default on). */
  images: boolean;
}

const KEY = 'preferences';
export const DEFAULT_PREFERENCES: Preferences = { images: true };

function parse(value: unknown): Preferences {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return { images: typeof v.images === 'boolean' ? v.images : DEFAULT_PREFERENCES.images };
}

export async function loadPreferences(): Promise<Preferences> {
  return parse((await browser.storage.local.get(KEY))[KEY]);
}

export async function savePreferences(change: Partial<Preferences>): Promise<Preferences> {
  const next = { ...(await loadPreferences()), ...change };
  await browser.storage.local.set({ [KEY]: next });
  return next;
}

/** Calls back with the new preferences when any page changes them. */
export function onPreferencesChange(listener: (p: Preferences) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && changes[KEY]) listener(parse(changes[KEY].newValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
