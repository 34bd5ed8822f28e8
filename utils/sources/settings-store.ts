import { browser } from '@/utils/platform/browser';
import { parseSettings, SETTINGS_KEY, type LiveSourceId, type SourceSettings } from './settings';

/** The user's source settings, from storage.local (read fresh: pages and worker share them). */
export async function loadSettings(): Promise<SourceSettings> {
  return parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

export async function saveSettings(settings: SourceSettings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: settings });
}

/** Turns one source on (its host permission already granted), keeping every other setting. */
export async function enableSource(id: LiveSourceId): Promise<SourceSettings> {
  const current = await loadSettings();
  const next = { ...current, enabled: { ...current.enabled, [id]: true } };
  await saveSettings(next);
  return next;
}
