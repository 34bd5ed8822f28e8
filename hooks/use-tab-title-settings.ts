import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '@/utils/core/guards';
import { browser } from '@/utils/platform/browser';
import { grant } from '@/utils/sources/permissions';
import {
  ARXIV_API_ORIGINS,
  loadTabTitleSettings,
  parseTabTitleSettings,
  saveTabTitleSettings,
  TAB_TITLES_KEY,
  type TabTitleSettings,
} from '@/utils/sources/arxiv-titles';

/**
 * Options → Tab titles: whether PDF tabs whose paper's title is not known
 * locally ask arXiv's API for it. Turning it on asks the browser for
 * export.arxiv.org (call it from the user's click).
 */
export function useTabTitleSettings() {
  const [settings, setSettings] = useState<TabTitleSettings>({ askArxiv: false });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void loadTabTitleSettings().then(setSettings);
    const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && changes[TAB_TITLES_KEY])
        setSettings(parseTabTitleSettings(changes[TAB_TITLES_KEY].newValue));
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, []);

  const toggle = async (on: boolean) => {
    setError(null);
    try {
      if (on && !(await grant(ARXIV_API_ORIGINS))) {
        setError('Stays off: the browser did not give permission to contact export.arxiv.org.');
        return;
      }
      await saveTabTitleSettings({ askArxiv: on });
      setSettings({ askArxiv: on });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return { settings, error, toggle: (on: boolean) => void toggle(on) };
}

export type TabTitleSettingsState = ReturnType<typeof useTabTitleSettings>;
