import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '@/utils/core/guards';
import { browser } from '@/utils/platform/browser';
import { onPermissionsChanged } from '@/utils/platform/permission-events';

/** Where the content scripts run (the manifest's matches): the sites Sidenotes reads papers on. */
export function paperSiteOrigins(): string[] {
  const scripts = browser.runtime.getManifest().content_scripts ?? [];
  return [...new Set(scripts.flatMap((s) => s.matches ?? []))];
}

export interface PaperSiteAccess {
  /** Whether the browser lets Sidenotes read the paper sites; null until it has said. */
  granted: boolean | null;
  /** Call from the user's click: one permission request for every paper site. */
  allow(): void;
  /** Why the last request gave nothing, in words for the user. */
  error: string | null;
}

/**
 * Whether Sidenotes may run on the paper sites. Chrome grants a content
 * script's matches at install; Firefox treats an MV3 add-on's as optional
 * host permissions, which it grants at install by default
 * (extensions.originControls.grantByDefault) but a user can withhold, or take
 * back in about:addons. Without them no sidebar ever appears: the first-run
 * page and the popup say so and ask. Only Firefox is asked: Chrome's
 * permissions.contains() does not count content-script matches (it answers
 * false while the scripts run).
 */
export function usePaperSiteAccess(): PaperSiteAccess {
  const [granted, setGranted] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!import.meta.env.FIREFOX) return;
    const check = () => {
      browser.permissions.contains({ origins: paperSiteOrigins() }).then(setGranted, () => {
        setGranted(null); // the browser would not say: show nothing rather than a false alarm
      });
    };
    check();
    return onPermissionsChanged(check);
  }, []);
  return {
    granted,
    error,
    allow() {
      setError(null);
      // In the click's own task: nothing may be awaited before the request.
      browser.permissions.request({ origins: paperSiteOrigins() }).then(
        (ok) => {
          setGranted(ok);
          if (!ok) setError('The browser did not give Sidenotes access to the paper sites.');
        },
        (e: unknown) => setError(errorMessage(e)),
      );
    },
  };
}
