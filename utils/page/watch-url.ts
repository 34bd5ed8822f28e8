/**
 * Calls back when the page's URL changes without a load (pushState,
 * replaceState, back/forward). Uses the Navigation API where there is one;
 * elsewhere a cheap once-a-second check, since content scripts cannot see
 * the page's own history calls.
 */
export function watchUrl(onChange: () => void): void {
  let last = location.href;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    if (location.href === last) return;
    last = location.href;
    // Once the URL has settled: the page updates its <head> meanwhile, and a
    // page that rewrites its URL many times in a row makes one look-up.
    clearTimeout(timer);
    timer = setTimeout(onChange, 400);
  };
  const nav = (globalThis as { navigation?: EventTarget }).navigation;
  if (nav) nav.addEventListener('navigatesuccess', check);
  else setInterval(check, 1000);
  addEventListener('popstate', check);
}
