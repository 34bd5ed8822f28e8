import type { AlwaysOnProps } from '@/hooks/use-recognise';

export type { AlwaysOnProps };

/**
 * "Always on <host>": the toolbar click found this paper once; with this,
 * every page of the host is looked at by itself (the browser asks for the
 * host first). Says what it means: the page's metadata is read here, in the
 * browser, and only pages with some are reported to Sidenotes.
 */
export function AlwaysOnOffer({ host, on, everySite, error, onToggle }: AlwaysOnProps) {
  if (everySite)
    return (
      <p class="always-on hint" data-testid="always-on">
        Sidenotes recognises papers on every site (Sources → Sites).
      </p>
    );
  return (
    <section class="always-on" data-testid="always-on" aria-label={`Sidenotes on ${host}`}>
      {on ? (
        <p class="always-on-what">
          Sidenotes recognises papers on <bdi>{host}</bdi> by itself.{' '}
          <button type="button" class="link-button" onClick={() => onToggle(false)}>
            Stop
          </button>
        </p>
      ) : (
        <>
          <button type="button" class="button always-on-button" onClick={() => onToggle(true)}>
            Always on <bdi>{host}</bdi>
          </button>
          <p class="hint">
            Found because you clicked the icon. With this, Sidenotes looks at every page of{' '}
            <bdi>{host}</bdi> by itself (your browser asks first): it reads a page's scholarly
            metadata here, in your browser, and only pages that have some are looked up. Nothing
            leaves your browser.
          </p>
        </>
      )}
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
