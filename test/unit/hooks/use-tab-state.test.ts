import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { emptyTabState, type TabState } from '@/utils/core/tab-state';
import { TAB_STATE_PORT, type TabSubscription } from '@/utils/messaging/worker-to-view';
import { renderHook } from './render-hook';

/** A port to a worker the test plays. */
class FakePort {
  posted: unknown[] = [];
  disconnected = false;
  private onMessage: Array<(m: unknown) => void> = [];
  private onDisconnect: Array<() => void> = [];
  constructor(readonly name: string) {}
  onMessageListeners = {
    addListener: (fn: (m: unknown) => void) => this.onMessage.push(fn),
  };
  postMessage(m: unknown) {
    this.posted.push(m);
  }
  disconnect() {
    this.disconnected = true;
  }
  /** The worker pushes a message. */
  push(m: unknown) {
    act(() => this.onMessage.forEach((fn) => fn(m)));
  }
  /** The worker stops (Chrome ends idle workers). */
  drop() {
    this.onDisconnect.forEach((fn) => fn());
  }
  asPort() {
    return {
      name: this.name,
      postMessage: (m: unknown) => this.postMessage(m),
      disconnect: () => this.disconnect(),
      onMessage: this.onMessageListeners,
      onDisconnect: { addListener: (fn: () => void) => this.onDisconnect.push(fn) },
    };
  }
}

const ports: FakePort[] = [];
const connect = vi.fn((info: { name: string }) => {
  const port = new FakePort(info.name);
  ports.push(port);
  return port.asPort();
});
const sendMessage = vi.fn((_message: unknown) => Promise.resolve({ ok: true, value: null }));

vi.mock('@/utils/platform/browser', () => ({
  browser: { runtime: { connect: (i: { name: string }) => connect(i), sendMessage } },
}));

const { useTabState } = await import('@/hooks/use-tab-state');

const state = (tabId: number, revision: number): TabState => ({
  ...emptyTabState(tabId),
  revision,
});
const push = (s: TabState) => ({ type: 'tab-state', state: s });
const SELF: TabSubscription = { tab: 'self', view: 'v1' };

beforeEach(() => {
  ports.length = 0;
  connect.mockClear();
  sendMessage.mockClear();
});
afterEach(() => vi.useRealTimers());

describe('useTabState', () => {
  it('connects once, sends its subscription, and shows the pushed state', () => {
    const { result, unmount } = renderHook((s) => useTabState(s), SELF);
    expect(result.current).toEqual({ status: 'loading' });
    expect(ports).toHaveLength(1);
    expect(ports[0]!.name).toBe(TAB_STATE_PORT);
    expect(ports[0]!.posted).toEqual([SELF]);
    ports[0]!.push(push(state(7, 3)));
    expect(result.current.status).toBe('ready');
    expect(result.current.status === 'ready' && result.current.state.revision).toBe(3);
    unmount();
    expect(ports[0]!.disconnected).toBe(true);
  });

  it('does not connect without a subscription', () => {
    const { result, unmount } = renderHook(() => useTabState(null), {});
    expect(connect).not.toHaveBeenCalled();
    expect(result.current).toEqual({ status: 'loading' });
    unmount();
  });

  it('drops an older revision of the same tab, never one of another tab', () => {
    const { result, unmount } = renderHook((s) => useTabState(s), SELF);
    const shown = () => (result.current.status === 'ready' ? result.current.state : null);
    ports[0]!.push(push(state(7, 5)));
    ports[0]!.push(push(state(7, 4))); // late: an older push of the same tab
    expect(shown()).toMatchObject({ tabId: 7, revision: 5 });
    ports[0]!.push(push(state(7, 5))); // the same revision again shows (a re-send)
    expect(shown()).toMatchObject({ tabId: 7, revision: 5 });
    ports[0]!.push(push(state(9, 1))); // the window's active tab changed: shown, lower or not
    expect(shown()).toMatchObject({ tabId: 9, revision: 1 });
    ports[0]!.push(push(state(9, 2)));
    expect(shown()).toMatchObject({ tabId: 9, revision: 2 });
    ports[0]!.push({ type: 'something-else', state: state(9, 8) });
    ports[0]!.push(null);
    expect(shown()).toMatchObject({ tabId: 9, revision: 2 });
    unmount();
  });

  it('connects again when the worker stops, and keeps dropping what is older', () => {
    vi.useFakeTimers();
    const { result, unmount } = renderHook((s) => useTabState(s), SELF);
    ports[0]!.push(push(state(7, 5)));
    ports[0]!.drop();
    expect(ports).toHaveLength(1);
    vi.advanceTimersByTime(50);
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted).toEqual([SELF]);
    ports[1]!.push(push(state(7, 4)));
    expect(result.current.status === 'ready' && result.current.state.revision).toBe(5);
    ports[1]!.push(push(state(7, 6)));
    expect(result.current.status === 'ready' && result.current.state.revision).toBe(6);
    unmount();
    // Closed by the view itself: no new port.
    ports[1]!.drop();
    vi.advanceTimersByTime(500);
    expect(ports).toHaveLength(2);
  });

  it('subscribes anew when the subscription changes', () => {
    const { rerender, unmount } = renderHook((s) => useTabState(s), SELF);
    rerender({ tab: 'self', view: 'v1' }); // equal: the same port
    expect(ports).toHaveLength(1);
    rerender({ tab: 'self', view: 'v2' });
    expect(ports).toHaveLength(2);
    expect(ports[0]!.disconnected).toBe(true);
    expect(ports[1]!.posted).toEqual([{ tab: 'self', view: 'v2' }]);
    unmount();
  });

  it('retries a source of the tab it shows', () => {
    const { result, unmount } = renderHook((s) => useTabState(s), SELF);
    ports[0]!.push(push(state(7, 1)));
    if (result.current.status !== 'ready') throw new Error('not ready');
    result.current.retry('openreview');
    expect(sendMessage).toHaveBeenCalledWith({
      type: 'view:retry-source',
      payload: { tabId: 7, sourceId: 'openreview' },
    });
    unmount();
  });

  it('fails with the reason when it cannot connect', () => {
    connect.mockImplementationOnce(() => {
      throw new Error('Extension context invalidated.');
    });
    const { result, unmount } = renderHook((s) => useTabState(s), SELF);
    expect(result.current).toEqual({ status: 'failed', message: 'Extension context invalidated.' });
    unmount();
  });
});
