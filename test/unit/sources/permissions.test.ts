import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { originPattern } from '@/utils/core/url';
import { browser } from '@/utils/platform/browser';
import { releaseUnused } from '@/utils/sources/permissions';
import { defaultSettings } from '@/utils/sources/settings';
import { clearConfig, saveConfig, syncOrigins } from '@/utils/sync/config';
import { connectedTo } from '../sync/helpers';

/**
 * One server often holds both a reader's sync folder and a remote index
 * (one Nextcloud): giving up the index must not take the permission sync
 * needs, or sync stops with "no longer has permission" until the reader
 * connects again.
 */
const FOLDER = 'https://cloud.example.org:8443/remote.php/dav/files/ada/Sidenotes/';
const INDEX = 'https://cloud.example.org/s/reading-group/';
let removed: string[];

beforeEach(() => {
  removed = [];
  (browser as unknown as { permissions: Record<string, unknown> }).permissions = {
    remove: async ({ origins }: { origins: string[] }) => (removed.push(...origins), true),
  };
});
afterEach(() => fakeBrowser.reset());

describe('releaseUnused and the sync folder', () => {
  it('keeps the host a connected sync folder needs when an index on it is given up', async () => {
    await saveConfig(connectedTo(FOLDER));
    expect(await syncOrigins()).toEqual(['https://cloud.example.org/*']);
    await releaseUnused(defaultSettings(), [originPattern(INDEX)], await syncOrigins());
    expect(removed).not.toContain('https://cloud.example.org/*');
    expect(removed).toContain('https://huggingface.co/api/*'); // what nothing needs went back
  });

  it('gives the host back once sync is off too', async () => {
    await clearConfig();
    expect(await syncOrigins()).toEqual([]);
    await releaseUnused(defaultSettings(), [originPattern(INDEX)], await syncOrigins());
    expect(removed).toContain('https://cloud.example.org/*');
  });

  it("gives a disconnected folder's host back, unless a remote index on that server needs it", async () => {
    const settings = { ...defaultSettings(), remoteIndexes: [INDEX] };
    await releaseUnused(settings, [originPattern(FOLDER)]);
    expect(removed).not.toContain('https://cloud.example.org/*');
    await releaseUnused(defaultSettings(), [originPattern(FOLDER)]);
    expect(removed).toContain('https://cloud.example.org/*');
  });
});
