import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing';
import { NetError } from '@/utils/net/fetch-bounded';
import type { RemoteIndexOptions, RemoteStatus } from '@/utils/sources/remote-index';
import { renderHook, settle } from './render-hook';

/** A remote index the test plays: what its manifest request does, and its full download. */
const opened: Array<{ url: string; options: RemoteIndexOptions }> = [];
let manifest: () => Promise<string> = async () => '{}';
let syncAll: (progress: (done: number, total: number) => void) => Promise<void> = async () =>
  undefined;
let usage = { cachedBytes: 0, cacheBudgetBytes: 100 };
vi.mock('@/utils/db/open', () => ({ library: async () => ({}) }));
vi.mock('@/utils/sources/remote-index', () => ({
  cachedRemoteIndex: (_db: unknown, url: string, options: RemoteIndexOptions) => {
    opened.push({ url, options });
    return {
      manifestText: () => manifest(),
      syncAll: (p: (done: number, total: number) => void) => syncAll(p),
      cacheUsage: async () => usage,
    };
  },
}));

const { useAddIndex, useIndexSync } = await import('@/hooks/use-remote-indexes');
const { indexStatuses, saveIndexStatus } = await import('@/utils/sources/status-store');
const { MAX_REMOTE_INDEXES } = await import('@/utils/sources/settings');

const URL_OF_INDEX = 'https://lab.example/index/';

beforeEach(() => {
  fakeBrowser.reset();
  opened.length = 0;
  manifest = async () => '{}';
  syncAll = async () => undefined;
  usage = { cachedBytes: 0, cacheBudgetBytes: 100 };
});
afterEach(() => settle());

function adding(existing: string[] = [], permitted = true) {
  const onAdd = vi.fn(async (_url: string) => undefined);
  const onGiveUp = vi.fn(async (_url: string) => undefined);
  const permissionFor = vi.fn(async (_url: string) => permitted);
  const hook = renderHook(() => useAddIndex({ existing, onAdd, permissionFor, onGiveUp }), {});
  const add = async (value: string) => {
    let added!: boolean;
    await act(async () => {
      added = await hook.result.current.add(value);
    });
    return added;
  };
  return { ...hook, add, onAdd, onGiveUp, permissionFor };
}

describe('useAddIndex', () => {
  it("adds an index by its page's address once its manifest is read, rechecking it at once", async () => {
    const h = adding();
    expect(await h.add(' https://lab.example/index/index.html ')).toBe(true);
    expect(h.permissionFor).toHaveBeenCalledWith(URL_OF_INDEX);
    expect(opened.map((o) => [o.url, o.options.manifestMaxAgeMs])).toEqual([[URL_OF_INDEX, 0]]);
    expect(h.onAdd).toHaveBeenCalledWith(URL_OF_INDEX);
    expect(h.result.current).toMatchObject({ busy: false, error: null });
    h.unmount();
  });

  it('asks nothing for a bad address, one already listed, or one too many', async () => {
    const bad = adding();
    expect(await bad.add('lab.example/index')).toBe(false);
    expect(bad.result.current.error).toMatch(/not a web address/);
    bad.unmount();
    const listed = adding([URL_OF_INDEX]);
    expect(await listed.add('https://lab.example/index/manifest.json')).toBe(false);
    expect(listed.result.current.error).toBe('That index is already in the list.');
    listed.unmount();
    const full = adding(
      Array.from({ length: MAX_REMOTE_INDEXES }, (_, i) => `https://i${i}.example/`),
    );
    expect(await full.add(URL_OF_INDEX)).toBe(false);
    expect(full.result.current.error).toMatch(`At most ${MAX_REMOTE_INDEXES}`);
    full.unmount();
    for (const h of [bad, listed, full]) expect(h.permissionFor).not.toHaveBeenCalled();
    expect(opened).toEqual([]);
  });

  it('reads nothing from a host the browser refuses', async () => {
    const h = adding([], false);
    expect(await h.add(URL_OF_INDEX)).toBe(false);
    expect(h.result.current.error).toBe(
      'The browser did not give permission to contact lab.example.',
    );
    expect(opened).toEqual([]);
    expect(h.onAdd).not.toHaveBeenCalled();
    h.unmount();
  });

  it('gives up on an address without an index: says so, forgets its status, gives the permission back', async () => {
    manifest = async () => {
      throw new NetError('not-found', 'Not found.');
    };
    await saveIndexStatus(URL_OF_INDEX, { offline: false, lastSync: 1, message: null });
    const h = adding();
    expect(await h.add(URL_OF_INDEX)).toBe(false);
    expect(h.result.current.error).toBe(
      `Not added: there is no Sidenotes index at ${URL_OF_INDEX} (no manifest.json there).`,
    );
    expect(await indexStatuses()).toEqual({});
    expect(h.onGiveUp).toHaveBeenCalledWith(URL_OF_INDEX);
    expect(h.onAdd).not.toHaveBeenCalled();
    expect(h.result.current.busy).toBe(false);

    manifest = async () => {
      throw new Error('The remote index manifest is not valid JSON.');
    };
    expect(await h.add(URL_OF_INDEX)).toBe(false);
    expect(h.result.current.error).toBe('Not added: The remote index manifest is not valid JSON.');
    h.unmount();
  });
});

describe('useIndexSync', () => {
  const status: RemoteStatus = { offline: false, lastSync: 1, message: null, shards: 4 };

  it('shows what the kept files take, and the progress of a download, then what they take after', async () => {
    usage = { cachedBytes: 10, cacheBudgetBytes: 100 };
    const { result, unmount } = renderHook(() => useIndexSync(URL_OF_INDEX, status), {});
    await settle();
    expect(result.current.usage).toEqual({ cachedBytes: 10, cacheBudgetBytes: 100 });
    let step!: (done: number, total: number) => void;
    let finish!: () => void;
    syncAll = (progress) => {
      step = progress;
      return new Promise<void>((r) => (finish = r));
    };
    act(() => void result.current.sync());
    expect(result.current.progress).toEqual({ done: 0, total: 4 });
    await settle();
    act(() => step(3, 5));
    expect(result.current.progress).toEqual({ done: 3, total: 5 });
    usage = { cachedBytes: 90, cacheBudgetBytes: 100 };
    finish();
    await settle();
    expect(result.current.progress).toBeNull();
    expect(result.current.usage).toEqual({ cachedBytes: 90, cacheBudgetBytes: 100 });
    expect(result.current.error).toBeNull();
    unmount();
  });

  it('says why a download stopped', async () => {
    syncAll = async () => {
      throw new Error('This index takes 300 MB in all');
    };
    const { result, unmount } = renderHook(() => useIndexSync(URL_OF_INDEX, status), {});
    await act(() => result.current.sync());
    expect(result.current.error).toBe('This index takes 300 MB in all');
    expect(result.current.progress).toBeNull();
    unmount();
  });
});
