import { releaseUnused } from '@/utils/sources/permissions';
import type { SourceSettings } from '@/utils/sources/settings';
import { syncOrigins } from './config';

/**
 * Gives back the host permissions nothing needs any more (releaseUnused),
 * keeping the connected sync folder's host, which may be a remote index's
 * too (one Nextcloud for both). Every release after a change of sources or
 * sync goes through here, so none can take the folder's access away.
 */
export async function releaseUnusedHosts(
  settings: SourceSettings,
  extra: string[] = [],
): Promise<void> {
  await releaseUnused(settings, extra, await syncOrigins());
}
