import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing';
import type { ConnectRequest, KdfParams } from '@/utils/core/sync';
import { browser } from '@/utils/platform/browser';
import { loadSettings } from '@/utils/sources/settings-store';
import { loadPending, saveConfig, savePending, saveStatus } from '@/utils/sync/config';
import { renderHook, settle } from './render-hook';

/** Argon2id takes a second of real work: the key is a stand-in made from the passphrase. */
const derived: string[] = [];
vi.mock('@/utils/sync/passphrase', () => ({
  deriveKey: async (passphrase: string) => {
    derived.push(passphrase);
    return new Uint8Array(32).fill(passphrase.length);
  },
}));

const { useSync } = await import('@/hooks/use-sync');

const KDF: KdfParams = {
  alg: 'argon2id',
  salt: 'c2lkZW5vdGVzLXNhbHQtMQ==',
  memoryKiB: 65_536,
  iterations: 3,
  parallelism: 1,
};
const FORM = {
  url: 'https://dav.example/sidenotes/',
  user: 'ada',
  password: 'secret',
  passphrase: 'four words long enough',
};
const OK = { state: 'ok', message: 'Synced.' };

/** The worker as the options page reaches it. */
const sent: Array<{ type: string; payload: unknown }> = [];
let fresh = true;
let request: ReturnType<typeof vi.fn<(p: { origins: string[] }) => Promise<boolean>>>;

beforeEach(() => {
  fakeBrowser.reset();
  sent.length = 0;
  derived.length = 0;
  fresh = true;
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(async (m) => {
    const { type, payload } = m as { type: string; payload: unknown };
    sent.push({ type, payload });
    const value =
      type === 'sync:probe'
        ? { fresh, kdf: KDF }
        : type === 'sync:preview'
          ? { localItems: 3, folderItems: 0, damaged: [] }
          : type === 'sync:changed'
            ? null
            : OK;
    return { ok: true, value };
  });
  request = vi.fn(async () => true);
  vi.spyOn(browser.permissions, 'request').mockImplementation((p) => request(p as never));
});
afterEach(() => settle());

const types = () => sent.map((m) => m.type);

/** The options page's sync section, mounted, with the form filled in. */
async function syncSection(form: Partial<typeof FORM> = FORM) {
  const page = renderHook(() => useSync(), {});
  await settle();
  act(() => page.result.current.setForm(form));
  return page;
}

describe('useSync', () => {
  it('shows the stored connection, status and pending indexes, follows changes, and syncs on opening', async () => {
    await saveConfig({
      url: FORM.url,
      user: 'ada',
      password: 'secret',
      key: 'k',
      device: 'd1',
      headerSig: 's',
      connectedAt: '2026-01-01T00:00:00.000Z',
    });
    await saveStatus({ state: 'ok', message: 'Synced 3 items.' });
    const { result, unmount } = renderHook(() => useSync(), {});
    await settle();
    expect(result.current.connected).toEqual({ url: FORM.url, user: 'ada' });
    expect(result.current.status).toMatchObject({ state: 'ok', message: 'Synced 3 items.' });
    expect(types()).toEqual(['sync:now']);
    await savePending(['https://lab.example/index/']);
    await settle();
    expect(result.current.pending).toEqual(['https://lab.example/index/']);
    unmount();
  });

  it("Cancel at the preview gives the folder host's permission back; nothing is merged", async () => {
    const removed: string[] = [];
    vi.spyOn(browser.permissions, 'remove').mockImplementation(async ({ origins = [] }) => {
      removed.push(...origins);
      return true;
    });
    const { result, unmount } = await syncSection();
    act(() => result.current.connect());
    await vi.waitFor(() => expect(result.current.preview).not.toBeNull());
    act(() => result.current.cancel());
    expect(result.current.preview).toBeNull();
    await vi.waitFor(() => expect(removed).toContain('https://dav.example/*'));
    expect(types()).not.toContain('sync:connect');
    unmount();
  });

  it('connects: the permission from the click, the probe, the key made here, then a preview before any merge', async () => {
    const { result, unmount } = await syncSection();
    act(() => result.current.connect());
    // In the click's own task, before anything is awaited.
    expect(request).toHaveBeenCalledWith({ origins: ['https://dav.example/*'] });
    await vi.waitFor(() => expect(result.current.preview).not.toBeNull());
    expect(types()).toEqual(['sync:now', 'sync:probe', 'sync:preview']);
    expect(derived).toEqual([FORM.passphrase]);
    const preview = sent[2]!.payload as ConnectRequest;
    // Only the key goes to the worker, never the passphrase.
    expect(JSON.stringify(preview)).not.toContain(FORM.passphrase);
    expect(preview).toMatchObject({
      account: { url: FORM.url, user: 'ada', password: 'secret' },
      kdf: KDF,
      fresh: true,
    });
    expect(preview.key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(result.current.preview).toMatchObject({ localItems: 3, folderItems: 0 });

    act(() => result.current.confirm());
    await vi.waitFor(() => expect(result.current.preview).toBeNull());
    expect(sent.at(-1)).toEqual({ type: 'sync:connect', payload: preview });
    expect(result.current.status).toEqual(OK);
    expect(result.current.form).toEqual({ url: '', user: '', password: '', passphrase: '' });
    expect(result.current.busy).toBeNull();
    unmount();
  });

  it('asks nothing of an address that is not https, or without a passphrase', async () => {
    const { result, unmount } = await syncSection({ ...FORM, url: 'http://dav.example/' });
    act(() => result.current.connect());
    expect(result.current.error).toMatch(/https:\/\//);
    act(() => result.current.setForm({ url: FORM.url, passphrase: '' }));
    act(() => result.current.connect());
    expect(result.current.error).toMatch(/Choose a passphrase/);
    expect(request).not.toHaveBeenCalled();
    expect(types()).toEqual(['sync:now']);
    unmount();
  });

  it('stays off when the browser refuses the host, and says so', async () => {
    request.mockResolvedValue(false);
    const { result, unmount } = await syncSection();
    act(() => result.current.connect());
    await vi.waitFor(() => expect(result.current.busy).toBeNull());
    expect(result.current.error).toMatch(/Sync stays off.*dav\.example/);
    expect(types()).toEqual(['sync:now']);
    unmount();
  });

  it('refuses a short passphrase for a new folder before making a key, but takes it for an existing one', async () => {
    const short = { ...FORM, passphrase: 'too short' };
    const { result, unmount } = await syncSection(short);
    act(() => result.current.connect());
    await vi.waitFor(() => expect(result.current.busy).toBeNull());
    expect(result.current.error).toMatch(/at least 12 characters/);
    expect(derived).toEqual([]);
    expect(result.current.preview).toBeNull();

    fresh = false; // the folder's passphrase is what it is
    act(() => result.current.connect());
    await vi.waitFor(() => expect(result.current.preview).not.toBeNull());
    expect(derived).toEqual(['too short']);
    expect(result.current.error).toBeNull();
    unmount();
  });

  it("subscribes here to another device's index: its permission, the settings once, off the pending list", async () => {
    const url = 'https://lab.example/index/';
    await savePending([url, 'https://other.example/']);
    const { result, unmount } = await syncSection();
    for (let i = 0; i < 2; i++) {
      act(() => result.current.subscribeHere(url));
      await vi.waitFor(() => expect(result.current.busy).toBeNull());
    }
    expect(request).toHaveBeenCalledWith({ origins: ['https://lab.example/*'] });
    expect((await loadSettings()).remoteIndexes).toEqual([url]);
    expect(await loadPending()).toEqual(['https://other.example/']);
    expect(types().filter((t) => t === 'sync:changed')).toHaveLength(2);

    request.mockResolvedValue(false);
    act(() => result.current.subscribeHere('https://third.example/'));
    await vi.waitFor(() => expect(result.current.error).toMatch(/third\.example/));
    expect((await loadSettings()).remoteIndexes).toEqual([url]);
    unmount();
  });
});
