import { render } from 'preact';
import { act } from 'preact/test-utils';

/**
 * Renders a hook in a component of its own, in jsdom: its latest result, a
 * re-render with new arguments and an unmount, each inside `act` (effects run).
 */
export function renderHook<P, R>(hook: (props: P) => R, props: P) {
  const result = { current: undefined as R };
  const root = document.body.appendChild(document.createElement('div'));
  function Probe({ p }: { p: P }) {
    result.current = hook(p);
    return null;
  }
  act(() => render(<Probe p={props} />, root));
  return {
    result,
    rerender: (next: P) => act(() => render(<Probe p={next} />, root)),
    unmount: () => {
      act(() => render(null, root));
      root.remove();
    },
  };
}

/** Lets pending promises settle and the updates they cause render. */
export async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}
