import { beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyTabState, type SourceOffer, type TabState } from '@/utils/core/tab-state';
import { renderHook, settle } from './render-hook';

const request = vi.fn<(p: { origins: string[] }) => Promise<boolean>>();
const sendMessage = vi.fn((_m: unknown) => Promise.resolve({ ok: true, value: null }));
const fake: { runtime: unknown; permissions?: unknown } = {
  runtime: { sendMessage: (m: unknown) => sendMessage(m) },
};
vi.mock('@/utils/platform/browser', () => ({ browser: fake }));

const { useSourceOffers, PERMISSIONS_ELSEWHERE } = await import('@/hooks/use-source-offers');

const OFFER = {
  id: 'openreview',
  name: 'OpenReview',
  origins: ['https://api2.openreview.net/*'],
} as SourceOffer;
const tab: TabState = { ...emptyTabState(4), offers: [OFFER] };

beforeEach(() => {
  request.mockReset();
  sendMessage.mockClear();
  fake.permissions = { request: (p: { origins: string[] }) => request(p) };
});

describe('useSourceOffers', () => {
  it("asks for the source's hosts in the click's own task, then has the worker ask", async () => {
    let grant!: (granted: boolean) => void;
    request.mockImplementation(() => new Promise((r) => (grant = r)));
    const { result, unmount } = renderHook((s) => useSourceOffers(s), tab);
    result.current.askOnce('openreview');
    expect(request).toHaveBeenCalledWith({ origins: OFFER.origins }); // synchronously
    await settle();
    expect(result.current.pending).toBe('openreview');
    expect(sendMessage).not.toHaveBeenCalled();
    grant(true);
    await settle();
    expect(sendMessage).toHaveBeenCalledWith({
      type: 'view:ask-source-once',
      payload: { tabId: 4, sourceId: 'openreview' },
    });
    expect(result.current.pending).toBeNull();
    expect(result.current.notice).toBeNull();
    unmount();
  });

  it('"Always ask" sends its own message', async () => {
    request.mockResolvedValue(true);
    const { result, unmount } = renderHook((s) => useSourceOffers(s), tab);
    result.current.alwaysAsk('openreview');
    await settle();
    expect(sendMessage).toHaveBeenCalledWith({
      type: 'view:always-ask',
      payload: { tabId: 4, sourceId: 'openreview' },
    });
    unmount();
  });

  it('asks nothing and says why when the browser refuses the hosts', async () => {
    request.mockResolvedValue(false);
    const { result, unmount } = renderHook((s) => useSourceOffers(s), tab);
    result.current.alwaysAsk('openreview');
    await settle();
    expect(sendMessage).not.toHaveBeenCalled();
    expect(result.current.notice).toBe(
      'OpenReview was not asked: the browser did not give Sidenotes permission to contact api2.openreview.net.',
    );
    expect(result.current.pending).toBeNull();
    unmount();
  });

  it("says the worker's refusal", async () => {
    request.mockResolvedValue(true);
    sendMessage.mockResolvedValueOnce({
      ok: false,
      error: { code: 'bad-request', message: 'No such tab.' },
    } as never);
    const { result, unmount } = renderHook((s) => useSourceOffers(s), tab);
    result.current.askOnce('openreview');
    await settle();
    expect(result.current.notice).toMatch(/^OpenReview was not asked: /);
    unmount();
  });

  it('retries a source asked once with the hosts it was asked with', async () => {
    request.mockResolvedValue(true);
    const asked: TabState = {
      ...emptyTabState(4),
      sources: [
        {
          id: 'semanticscholar',
          name: 'Semantic Scholar',
          once: true,
          origins: ['https://api.semanticscholar.org/*'],
          status: 'asking',
        },
      ],
    };
    const { result, unmount } = renderHook((s) => useSourceOffers(s), asked);
    result.current.retryOnce('semanticscholar');
    expect(request).toHaveBeenCalledWith({ origins: ['https://api.semanticscholar.org/*'] });
    await settle();
    expect(sendMessage).toHaveBeenCalledWith({
      type: 'view:retry-source',
      payload: { tabId: 4, sourceId: 'semanticscholar' },
    });
    unmount();
  });

  it('does nothing for a source the state does not know', () => {
    const { result, unmount } = renderHook((s) => useSourceOffers(s), tab);
    result.current.askOnce('nobody');
    expect(request).not.toHaveBeenCalled();
    expect(result.current.notice).toBeNull();
    unmount();
  });

  it('where a frame has no permissions API (Firefox), points to where it can be asked', async () => {
    delete fake.permissions;
    const { result, unmount } = renderHook((s) => useSourceOffers(s), tab);
    result.current.askOnce('openreview');
    await settle();
    expect(result.current.notice).toBe(PERMISSIONS_ELSEWHERE('OpenReview'));
    expect(sendMessage).not.toHaveBeenCalled();
    unmount();
  });
});
