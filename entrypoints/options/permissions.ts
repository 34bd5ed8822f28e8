import { browser } from '@/utils/browser';
import { originPattern, type SourceSettings } from '@/utils/settings/sources';
import { SOURCE_DESCRIPTIONS } from '@/utils/sources/catalog';

/** Asks the browser for host permissions (must run from the user's click). */
export function grant(origins: string[]): Promise<boolean> {
  return browser.permissions.request({ origins });
}

/** The host permissions the current settings need. */
export function neededOrigins(settings: SourceSettings): Set<string> {
  return new Set([
    ...SOURCE_DESCRIPTIONS.filter((s) => settings.enabled[s.id]).flatMap((s) => s.origins),
    ...settings.remoteIndexes.map(originPattern),
  ]);
}

/**
 * Gives back host permissions nothing uses any more: a source turned off
 * loses its access, not just its switch. Permissions the extension was
 * installed with cannot be removed; those are left alone.
 */
export async function releaseUnused(settings: SourceSettings): Promise<void> {
  const needed = neededOrigins(settings);
  const { origins = [] } = await browser.permissions.getAll();
  await Promise.all(
    origins
      .filter((o) => !needed.has(o))
      .map((o) => browser.permissions.remove({ origins: [o] }).catch(() => false)),
  );
}
