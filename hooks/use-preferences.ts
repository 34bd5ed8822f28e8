import { useEffect, useState } from 'preact/hooks';
import {
  DEFAULT_PREFERENCES,
  loadPreferences,
  onPreferencesChange,
  savePreferences,
  type Preferences,
} from '@/utils/platform/preferences';

export type PreferencesState = ReturnType<typeof usePreferences>;

/** The user's display preferences, current across pages; `set` changes them everywhere. */
export function usePreferences(): Preferences & { set(change: Partial<Preferences>): void } {
  const [prefs, setPrefs] = useState<Preferences>(DEFAULT_PREFERENCES);
  useEffect(() => {
    void loadPreferences().then(setPrefs, (e: unknown) =>
      console.warn('Sidenotes: preferences', e),
    );
    return onPreferencesChange(setPrefs);
  }, []);
  return {
    ...prefs,
    set: (change) =>
      void savePreferences(change).then(setPrefs, (e: unknown) =>
        console.warn('Sidenotes: preferences', e),
      ),
  };
}
