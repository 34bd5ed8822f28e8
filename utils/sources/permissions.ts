import { browser } from '@/utils/platform/browser';
import { PAPER_SITES } from '@/utils/detect/sites';
import { hostOfPattern, type SourceSettings } from './settings';
import { neededOrigins, SOURCE_DESCRIPTIONS } from './catalog';
import { loadRecognise } from './recognise';

/** Asks the browser for host permissions (must run from the user's click). */
export function grant(origins: string[]): Promise<boolean> {
  return browser.permissions.request({ origins });
}

const PAPER_HOSTS = new Set(PAPER_SITES.map(hostOfPattern));

/** A whole paper site's host (`https://arxiv.org/*`): giving it back would cost the content script. */
const coversPaperSite = (origin: string) =>
  PAPER_HOSTS.has(hostOfPattern(origin)) && origin === `https://${hostOfPattern(origin)}/*`;

/**
 * Gives back host permissions nothing uses any more: a source turned off
 * loses its access, not just its switch. Only origins Sidenotes itself asks
 * for are candidates (the sources', and `extra`: a removed index's), and
 * never a paper site's host, whose content-script access must stay, nor a
 * host the user chose "Always on" for (utils/sources/recognise.ts), nor
 * one in `keep`: what Sidenotes needs beyond its sources (the sync
 * folder's host, which utils/sync/release.ts passes: callers above the
 * sources release through releaseUnusedHosts there).
 */
export async function releaseUnused(
  settings: SourceSettings,
  extra: string[] = [],
  keep: readonly string[] = [],
): Promise<void> {
  const needed = neededOrigins(settings);
  // A host the user chose "Always on" for keeps its access (and its probe).
  const chosen = new Set((await loadRecognise()).hosts);
  const candidates = new Set([...SOURCE_DESCRIPTIONS.flatMap((s) => s.origins), ...extra]);
  await Promise.all(
    [...candidates]
      .filter((o) => !needed.has(o) && !coversPaperSite(o) && !chosen.has(o) && !keep.includes(o))
      .map((o) => browser.permissions.remove({ origins: [o] }).catch(() => false)),
  );
}

/**
 * After "Ask once": gives back one source's host permission when the source
 * is off (nothing of a single ask is remembered). Paper sites' hosts stay.
 */
export async function releaseSource(settings: SourceSettings, id: string): Promise<void> {
  const source = SOURCE_DESCRIPTIONS.find((s) => s.id === id);
  if (!source || settings.enabled[source.id]) return;
  const chosen = new Set((await loadRecognise()).hosts);
  await Promise.all(
    source.origins
      .filter((o) => !coversPaperSite(o) && !chosen.has(o))
      // Required hosts (the end-to-end build grants them) cannot be removed: fine.
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
