import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { renderHook, settle } from './render-hook';

/** The browser as the options page and the popup see it: storage, and host permissions. */
let store: Record<string, unknown> = {};
let granted = new Set<string>();
const request = vi.fn<(p: { origins: string[] }) => Promise<boolean>>();
const remove = vi.fn<(p: { origins: string[] }) => Promise<boolean>>();
const noop = { addListener: () => undefined, removeListener: () => undefined };
vi.mock('@/utils/platform/browser', () => ({
  browser: {
    storage: {
      local: {
        get: async (key: string) => ({ [key]: store[key] }),
        set: async (items: Record<string, unknown>) => void Object.assign(store, items),
      },
      onChanged: noop,
    },
    permissions: {
      contains: async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o)),
      request: (p: { origins: string[] }) => request(p),
      remove: (p: { origins: string[] }) => remove(p),
      onAdded: noop,
      onRemoved: noop,
    },
    runtime: { getManifest: () => ({ content_scripts: [] }) },
  },
}));
vi.mock('@/utils/sources/settings-store', () => ({
  loadSettings: async () => ({
    enabled: { shortscience: false, openreview: false, semanticscholar: false, huggingface: false },
    remoteIndexes: [],
  }),
}));

/** The connected sync folder's host, if any (utils/sync/config.ts), and when it was asked. */
let syncHosts: string[] = [];
const syncAsked = vi.fn();
vi.mock('@/utils/sync/config', () => ({
  syncOrigins: async () => (syncAsked(), syncHosts),
}));

const { useRecognise } = await import('@/hooks/use-recognise');
const ACM = 'https://dl.acm.org/*';

beforeEach(() => {
  store = {};
  granted = new Set();
  syncHosts = [];
  syncAsked.mockReset();
  request.mockReset();
  remove.mockReset().mockResolvedValue(true);
});

describe('useRecognise', () => {
  it('turns "every site" on without a prompt when the browser granted it already', async () => {
    granted.add('https://*/*');
    const { result, unmount } = renderHook(() => useRecognise(), {});
    await settle();
    expect(result.current.everySiteGranted).toBe(true);
    act(() => result.current.setEverySite(true));
    await settle();
    expect(request).not.toHaveBeenCalled();
    expect(store.recognise).toEqual({ hosts: [], everySite: true });
    unmount();
  });

  it('asks for every site from the click otherwise, and stays off when refused', async () => {
    request.mockResolvedValue(false);
    const { result, unmount } = renderHook(() => useRecognise(), {});
    await settle();
    act(() => result.current.setEverySite(true));
    expect(request).toHaveBeenCalledWith({ origins: ['https://*/*'] });
    await settle();
    expect(store.recognise).toEqual({ hosts: [], everySite: false });
    expect(result.current.error).toMatch(/did not let Sidenotes read every site/);
    unmount();
  });

  it('"Always on" asks for the host in the click\'s own task; "Stop" gives it back', async () => {
    request.mockImplementation(async ({ origins }) => {
      origins.forEach((o) => granted.add(o));
      return true;
    });
    const { result, unmount } = renderHook(() => useRecognise(), {});
    await settle();
    act(() => result.current.setHost(ACM, true));
    // Asked synchronously (no await before it), the choice saved alongside.
    expect(request).toHaveBeenCalledWith({ origins: [ACM] });
    await settle();
    expect(store.recognise).toEqual({ hosts: [ACM], everySite: false });
    expect(result.current.grantedHosts.has(ACM)).toBe(true);
    act(() => result.current.setHost(ACM, false));
    await settle();
    await settle();
    expect(store.recognise).toEqual({ hosts: [], everySite: false });
    // After the sources' catalogue (loaded on demand) says no source needs the host.
    await vi.waitFor(() => expect(remove).toHaveBeenCalledWith({ origins: [ACM] }));
    unmount();
  });

  it('turning "every site" off gives the all-sites permission back', async () => {
    granted.add('https://*/*');
    store.recognise = { hosts: [], everySite: true };
    const { result, unmount } = renderHook(() => useRecognise(), {});
    await settle();
    act(() => result.current.setEverySite(false));
    await settle();
    await settle();
    expect(store.recognise).toEqual({ hosts: [], everySite: false });
    await vi.waitFor(() => expect(remove).toHaveBeenCalledWith({ origins: ['https://*/*'] }));
    unmount();
  });

  it('"Stop" keeps the host a connected sync folder needs', async () => {
    const CLOUD = 'https://cloud.example.org/*';
    granted.add(CLOUD);
    store.recognise = { hosts: [CLOUD], everySite: false };
    syncHosts = [CLOUD];
    const { result, unmount } = renderHook(() => useRecognise(), {});
    await settle();
    act(() => result.current.setHost(CLOUD, false));
    await vi.waitFor(() => expect(syncAsked).toHaveBeenCalled());
    await settle();
    expect(store.recognise).toEqual({ hosts: [], everySite: false });
    expect(remove).not.toHaveBeenCalled();
    unmount();
  });
});
