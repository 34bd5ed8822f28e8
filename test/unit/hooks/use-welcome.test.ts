import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { useWelcome } from '@/hooks/use-welcome';
import { browser } from '@/utils/platform/browser';
import { renderHook, settle } from './render-hook';

const COMMANDS = {
  'open-side-panel': { suggested_key: { default: 'Alt+Shift+P' }, description: 'Side panel' },
  'toggle-sidebar': { suggested_key: { default: 'Alt+Shift+S' }, description: 'Sidebar' },
  'search-library': { description: 'Search' },
};
let assigned: Array<{ name: string; shortcut?: string }> = [];

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(browser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Sidenotes',
    version: '1.0.0',
    commands: COMMANDS,
  } as never);
  vi.spyOn(browser.runtime, 'getURL').mockImplementation((p) => `chrome-extension://x${p}`);
  assigned = [];
  browser.commands.getAll = vi.fn(async () => assigned) as never;
  // Chrome's answer; Firefox has no getUserSettings.
  (browser.action as unknown as { getUserSettings?: unknown }).getUserSettings = async () => ({
    isOnToolbar: false,
  });
});
afterEach(() => settle());

describe('useWelcome', () => {
  it("lists the manifest's commands with the shortcuts the browser gave, in the manifest's order", async () => {
    // Another extension holds Alt+Shift+S: the browser gave this command none.
    assigned = [
      { name: 'toggle-sidebar', shortcut: '' },
      { name: 'open-side-panel', shortcut: 'Alt+Shift+P' },
    ];
    const { result, unmount } = renderHook(() => useWelcome(), {});
    // Before the browser answers: the manifest's suggestions.
    expect(result.current.shortcuts.map((s) => s.shortcut)).toEqual([
      'Alt+Shift+P',
      'Alt+Shift+S',
      '',
    ]);
    await settle();
    expect(result.current.shortcuts).toEqual([
      {
        name: 'open-side-panel',
        description: 'Side panel',
        shortcut: 'Alt+Shift+P',
        suggested: 'Alt+Shift+P',
      },
      { name: 'toggle-sidebar', description: 'Sidebar', shortcut: '', suggested: 'Alt+Shift+S' },
      { name: 'search-library', description: 'Search', shortcut: '', suggested: '' },
    ]);
    unmount();
  });

  it('says whether the icon is pinned only where the browser tells', async () => {
    const action = browser.action as unknown as { getUserSettings?: unknown };
    action.getUserSettings = async () => ({ isOnToolbar: true });
    const told = renderHook(() => useWelcome(), {});
    await settle();
    expect(told.result.current.pinned).toBe(true);
    told.unmount();
    delete action.getUserSettings;
    const silent = renderHook(() => useWelcome(), {});
    await settle();
    expect(silent.result.current.pinned).toBeNull();
    silent.unmount();
  });
});
