import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AlwaysOnOffer } from '@/components/AlwaysOnOffer';
import { RecogniseSettings } from '@/components/RecogniseSettings';
import type { RecogniseState } from '@/hooks/use-recognise';

let root: HTMLElement;
afterEach(async () => {
  render(null, root);
  root.remove();
  // Preact's effect timer must fire while the DOM environment still exists.
  await new Promise((r) => setTimeout(r, 150));
});
const mount = (node: preact.ComponentChild) => {
  root = document.body.appendChild(document.createElement('div'));
  act(() => render(node, root));
  return root;
};

const state = (over: Partial<RecogniseState> = {}): RecogniseState => ({
  settings: { hosts: ['https://dl.acm.org/*', 'https://revoked.example.org/*'], everySite: false },
  everySiteGranted: false,
  grantedHosts: new Set(['https://dl.acm.org/*']),
  error: null,
  setHost: vi.fn(),
  setEverySite: vi.fn(),
  ...over,
});

describe('Options → Sites', () => {
  it('has the all-sites switch, off by default, and asks the hook from the click', () => {
    const r = state();
    const el = mount(<RecogniseSettings r={r} />);
    const sw = el.querySelector<HTMLInputElement>('[data-testid="all-sites"]')!;
    expect(sw.getAttribute('role')).toBe('switch');
    expect(sw.getAttribute('aria-checked')).toBe('false');
    expect(el.textContent).toContain('Recognise papers on every site');
    expect(el.textContent).toContain('nothing leaves your browser');
    act(() => sw.click());
    expect(r.setEverySite).toHaveBeenCalledWith(true);
    // The switch waits for the choice to be saved (the browser may refuse).
    expect(sw.checked).toBe(false);
  });

  it('shows "on" only when chosen and granted, and lists the hosts still granted', () => {
    const on = mount(<RecogniseSettings r={state({ settings: { hosts: [], everySite: true } })} />);
    expect(on.querySelector('[data-testid="all-sites"]')!.getAttribute('aria-checked')).toBe(
      'false',
    );
    render(null, root);
    root.remove();
    const r = state({ everySiteGranted: true });
    const el = mount(
      <RecogniseSettings r={{ ...r, settings: { ...r.settings, everySite: true } }} />,
    );
    expect(el.querySelector('[data-testid="all-sites"]')!.getAttribute('aria-checked')).toBe(
      'true',
    );
    const hosts = [...el.querySelectorAll('[data-testid="always-on-host"]')];
    expect(hosts.map((h) => h.textContent)).toEqual(['Always on dl.acm.org Remove']);
    act(() => hosts[0]!.querySelector('button')!.click());
    expect(r.setHost).toHaveBeenCalledWith('https://dl.acm.org/*', false);
  });
});

describe('the popup’s "Always on <host>"', () => {
  it('offers the host, then says it is on, with a way back', () => {
    const onToggle = vi.fn();
    const el = mount(
      <AlwaysOnOffer
        host="dl.acm.org"
        on={false}
        everySite={false}
        error={null}
        onToggle={onToggle}
      />,
    );
    const button = el.querySelector('button')!;
    expect(button.textContent).toBe('Always on dl.acm.org');
    act(() => button.click());
    expect(onToggle).toHaveBeenCalledWith(true);
    act(() =>
      render(
        <AlwaysOnOffer host="dl.acm.org" on everySite={false} error={null} onToggle={onToggle} />,
        root,
      ),
    );
    expect(el.textContent).toContain('recognises papers on dl.acm.org by itself');
    act(() => el.querySelector('button')!.click());
    expect(onToggle).toHaveBeenLastCalledWith(false);
  });
});
