import { useEffect, useState } from 'preact/hooks';
import { browser } from '@/utils/platform/browser';

/** One keyboard command: its name in the manifest, its shortcut now ('' when none is set). */
export interface Shortcut {
  name: string;
  description: string;
  shortcut: string;
  /** The manifest's suggestion, which the browser may not have given (another extension has it). */
  suggested: string;
}

interface ManifestCommands {
  commands?: Record<string, { suggested_key?: { default?: string }; description?: string }>;
}

/**
 * What the first-run page shows besides the sources: the keyboard shortcuts
 * as the browser has them now (the manifest's suggestions until the user
 * changes them), whether the toolbar icon is pinned (Chrome says; Firefox
 * does not), and how to leave.
 */
export function useWelcome() {
  const declared = (browser.runtime.getManifest() as ManifestCommands).commands ?? {};
  const fromManifest = (name: string, shortcut?: string): Shortcut => ({
    name,
    description: declared[name]?.description ?? '',
    shortcut: shortcut ?? declared[name]?.suggested_key?.default ?? '',
    suggested: declared[name]?.suggested_key?.default ?? '',
  });
  const [shortcuts, setShortcuts] = useState<Shortcut[]>(() =>
    Object.keys(declared).map((name) => fromManifest(name)),
  );
  const [pinned, setPinned] = useState<boolean | null>(null);

  useEffect(() => {
    // In the manifest's order, with the shortcuts the browser actually assigned.
    browser.commands.getAll().then(
      (commands) =>
        setShortcuts(
          Object.keys(declared).map((name) =>
            fromManifest(name, commands.find((c) => c.name === name)?.shortcut ?? ''),
          ),
        ),
      (e: unknown) => console.warn('Sidenotes: shortcuts', e),
    );
    const action = browser.action as { getUserSettings?: () => Promise<{ isOnToolbar?: boolean }> };
    if (typeof action.getUserSettings === 'function')
      action.getUserSettings().then(
        (s) => setPinned(s.isOnToolbar ?? null),
        () => setPinned(null),
      );
  }, []);

  return {
    shortcuts,
    /** Chrome tells whether the icon is on the toolbar; null when the browser does not say. */
    pinned,
    optionsUrl: browser.runtime.getURL('/options.html'),
    libraryUrl: browser.runtime.getURL('/library.html'),
    /** The browser's own page for changing shortcuts. */
    changeShortcuts() {
      const commands = browser.commands as { openShortcutSettings?: () => Promise<void> };
      const opened =
        typeof commands.openShortcutSettings === 'function'
          ? commands.openShortcutSettings()
          : browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
      void Promise.resolve(opened).catch((e: unknown) => console.warn('Sidenotes: shortcuts', e));
    },
    /** Closes the page's own tab (opened by the extension, so it may). */
    close() {
      browser.tabs.getCurrent().then(
        (tab) => (tab?.id !== undefined ? browser.tabs.remove(tab.id) : window.close()),
        () => window.close(),
      );
    },
  };
}

export type WelcomeState = ReturnType<typeof useWelcome>;
