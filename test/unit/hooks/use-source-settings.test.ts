import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing';
import type { SourceSettings } from '@/utils/sources/settings';
import { renderHook, settle } from './render-hook';

/** The browser's permissions and the network stay out: what the hook asks of them is recorded. */
/** Sources switched on whose hosts the browser no longer lets Sidenotes reach. */
let revoked: string[] = [];
/** What the browser calls when a permission is granted or taken back elsewhere. */
const permissionListeners = new Set<(permissions: never) => void>();
const granted = vi.fn<(origins: string[]) => Promise<boolean>>();
const released: Array<[SourceSettings, string[], readonly string[]]> = [];
const cleared: string[] = [];
const feedSyncs = vi.fn(async (_force: boolean) => ({
  lastSync: 5,
  lastAttempt: 5,
  summaries: 1200,
  message: null,
}));
vi.mock('@/utils/sources/permissions', () => ({
  grant: (origins: string[]) => granted(origins),
  releaseUnused: async (settings: SourceSettings, extra: string[] = [], keep: string[] = []) =>
    void released.push([settings, extra, keep]),
  withoutPermission: async () => new Set(revoked),
}));
vi.mock('@/utils/sources/sync-feed', () => ({
  syncFeedAndRecord: (force: boolean) => feedSyncs(force),
}));
vi.mock('@/utils/db/open', () => ({ library: async () => ({}) }));
vi.mock('@/utils/db/remote-cache', () => ({
  clearRemoteCache: async (_db: unknown, prefix: string) => void cleared.push(prefix),
}));

const { useSourceSettings } = await import('@/hooks/use-source-settings');
const { loadSettings, saveSettings } = await import('@/utils/sources/settings-store');
const { defaultSettings } = await import('@/utils/sources/settings');
const { indexStatuses, saveIndexStatus } = await import('@/utils/sources/status-store');
const { browser } = await import('@/utils/platform/browser');
const { SOURCE_DESCRIPTIONS } = await import('@/utils/sources/catalog');
const { saveConfig } = await import('@/utils/sync/config');
const { connectedTo } = await import('../sync/helpers');

const INDEX = 'https://lab.example/index/';
const toWorker: string[] = [];

beforeEach(() => {
  fakeBrowser.reset();
  granted.mockReset().mockResolvedValue(true);
  feedSyncs.mockClear();
  released.length = 0;
  cleared.length = 0;
  toWorker.length = 0;
  revoked = [];
  permissionListeners.clear();
  for (const event of [browser.permissions.onRemoved, browser.permissions.onAdded]) {
    vi.spyOn(event, 'addListener').mockImplementation((fn) => void permissionListeners.add(fn));
    vi.spyOn(event, 'removeListener').mockImplementation(
      (fn) => void permissionListeners.delete(fn),
    );
  }
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(async (m) => {
    toWorker.push((m as { type: string }).type);
    return { ok: true, value: null };
  });
  vi.spyOn(browser.runtime, 'getURL').mockImplementation((p) => `chrome-extension://x${p}`);
});
afterEach(() => settle());

async function optionsPage() {
  const page = renderHook(() => useSourceSettings(), {});
  await vi.waitFor(() => expect(page.result.current.loaded).toBe(true));
  return page;
}

describe('useSourceSettings', () => {
  it('shows the stored settings and follows changes made elsewhere, and permissions taken back', async () => {
    await saveSettings({ ...defaultSettings(), remoteIndexes: [INDEX] });
    const { result, unmount } = await optionsPage();
    expect(result.current.settings.remoteIndexes).toEqual([INDEX]);
    await saveSettings(defaultSettings()); // another page removed it
    await vi.waitFor(() => expect(result.current.settings.remoteIndexes).toEqual([]));
    expect(result.current.unpermitted.size).toBe(0);
    revoked = ['openreview']; // in the browser's settings
    act(() => permissionListeners.forEach((fn) => fn({ origins: [] } as never)));
    await vi.waitFor(() => expect([...result.current.unpermitted]).toEqual(['openreview']));
    unmount();
    expect(permissionListeners.size).toBe(0);
  });

  it("turns a source on only with its hosts' permission, and tells sync", async () => {
    const openreview = SOURCE_DESCRIPTIONS.find((s) => s.id === 'openreview')!;
    granted.mockResolvedValueOnce(false);
    const { result, unmount } = await optionsPage();
    act(() => result.current.toggle('openreview', true));
    await vi.waitFor(() => expect(result.current.notice?.error).toBe(true));
    expect(granted).toHaveBeenCalledWith(openreview.origins);
    expect(result.current.notice!.text).toMatch(/OpenReview.*stays off/);
    expect((await loadSettings()).enabled.openreview).toBe(false);
    expect(toWorker).toEqual([]);

    act(() => result.current.toggle('openreview', true));
    await vi.waitFor(() => expect(result.current.settings.enabled.openreview).toBe(true));
    expect((await loadSettings()).enabled.openreview).toBe(true);
    expect(toWorker).toEqual(['sync:changed']);
    expect(result.current.notice).toBeNull();
    expect(feedSyncs).not.toHaveBeenCalled();
    unmount();
  });

  it('downloads the ShortScience feed as it is turned on, and gives hosts back as a source is turned off', async () => {
    const { result, unmount } = await optionsPage();
    act(() => result.current.toggle('shortscience', true));
    await vi.waitFor(() => expect(result.current.feed?.summaries).toBe(1200));
    expect(feedSyncs).toHaveBeenCalledWith(true);
    act(() => result.current.toggle('shortscience', false));
    await vi.waitFor(() => expect(result.current.settings.enabled.shortscience).toBe(false));
    expect(granted).toHaveBeenCalledTimes(1); // turning off asks nothing
    expect(released.at(-1)![0].enabled.shortscience).toBe(false);
    unmount();
  });

  it('keeps the host of a connected sync folder when an index on the same server is removed or given up', async () => {
    await saveConfig(connectedTo('https://lab.example:8443/dav/Sidenotes/'));
    await saveSettings({ ...defaultSettings(), remoteIndexes: [INDEX] });
    const { result, unmount } = await optionsPage();
    act(() => result.current.removeIndex(INDEX));
    await vi.waitFor(() => expect(released).toHaveLength(1));
    expect(released[0]![2]).toEqual(['https://lab.example/*']);
    await act(() => result.current.giveUp(INDEX));
    expect(released[1]![2]).toEqual(['https://lab.example/*']);
    unmount();
  });

  it('removes an index with its permission, status and cached files', async () => {
    await saveSettings({ ...defaultSettings(), remoteIndexes: [INDEX, 'https://other.example/'] });
    await saveIndexStatus(INDEX, { offline: false, lastSync: 1, message: null });
    const { result, unmount } = await optionsPage();
    act(() => result.current.removeIndex(INDEX));
    await vi.waitFor(() => expect(result.current.notice?.text).toMatch(/Removed the index/));
    expect((await loadSettings()).remoteIndexes).toEqual(['https://other.example/']);
    expect(released).toEqual([
      [
        { ...defaultSettings(), remoteIndexes: ['https://other.example/'] },
        ['https://lab.example/*'],
        [], // no sync folder to keep a host for
      ],
    ]);
    expect(await indexStatuses()).toEqual({});
    expect(cleared).toEqual([`${INDEX}|`]);
    expect(toWorker).toEqual(['sync:changed']);
    expect(result.current.notice).toEqual({
      text: 'Removed the index at lab.example and its cached files.',
      error: false,
    });
    unmount();
  });

  it('adds an index to the stored list', async () => {
    const { result, unmount } = await optionsPage();
    await act(() => result.current.addIndex(INDEX));
    expect((await loadSettings()).remoteIndexes).toEqual([INDEX]);
    expect(result.current.settings.remoteIndexes).toEqual([INDEX]);
    expect(toWorker).toEqual(['sync:changed']);
    unmount();
  });
});
