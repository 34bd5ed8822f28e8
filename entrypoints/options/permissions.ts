import { browser } from '@/utils/browser';
import type { SourceSettings } from '@/utils/settings/sources';
import { neededOrigins, SOURCE_DESCRIPTIONS } from '@/utils/sources/catalog';

/** Asks the browser for host permissions (must run from the user's click). */
export function grant(origins: string[]): Promise<boolean> {
  return browser.permissions.request({ origins });
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

/** The sources switched on that the browser no longer lets Sidenotes contact. */
export async function withoutPermission(settings: SourceSettings): Promise<Set<string>> {
  const missing = new Set<string>();
  for (const source of SOURCE_DESCRIPTIONS) {
    if (
      settings.enabled[source.id] &&
      !(await browser.permissions.contains({ origins: source.origins }))
    )
      missing.add(source.id);
  }
  return missing;
}
