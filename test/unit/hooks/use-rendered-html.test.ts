import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderHook, settle } from './render-hook';

/** Bodies with "$" need the math renderer: not ready at once. */
const now = vi.fn((body: string) => (body.includes('$') ? null : `<p>${body}</p>`));
const later = vi.fn<(body: string) => Promise<string>>();
vi.mock('@/utils/render/markdown', () => ({
  renderSummaryHtmlNow: (body: string) => now(body),
  renderSummaryHtml: (body: string) => later(body),
}));

const { useRenderedHtml } = await import('@/hooks/use-rendered-html');

const OPTIONS = { images: false };
beforeEach(() => {
  now.mockClear();
  later.mockReset();
});

describe('useRenderedHtml', () => {
  it('renders a body without math in the first render, and loads nothing', () => {
    const { result, unmount } = renderHook(
      (b: string) => useRenderedHtml(b, 'markdown', OPTIONS),
      'plain',
    );
    expect(result.current).toEqual({ status: 'done', sanitizedHtml: '<p>plain</p>' });
    expect(later).not.toHaveBeenCalled();
    unmount();
  });

  it('waits for the math renderer, then shows its result', async () => {
    later.mockResolvedValue('<p>math</p>');
    const { result, unmount } = renderHook(
      (b: string) => useRenderedHtml(b, 'markdown', OPTIONS),
      '$x$',
    );
    expect(result.current).toEqual({ status: 'pending' });
    await settle();
    expect(result.current).toEqual({ status: 'done', sanitizedHtml: '<p>math</p>' });
    unmount();
  });

  it('says why it failed', async () => {
    later.mockRejectedValue(new Error('katex missing'));
    const { result, unmount } = renderHook(
      (b: string) => useRenderedHtml(b, 'markdown', OPTIONS),
      '$x$',
    );
    await settle();
    expect(result.current).toEqual({ status: 'failed', message: 'Error: katex missing' });
    unmount();
  });

  it('renders a new body anew, and drops the late result of the old one', async () => {
    let finishOld!: (html: string) => void;
    later.mockImplementationOnce(() => new Promise((r) => (finishOld = r)));
    const { result, rerender, unmount } = renderHook(
      (b: string) => useRenderedHtml(b, 'markdown', OPTIONS),
      '$old$' as string,
    );
    rerender('new');
    expect(result.current).toEqual({ status: 'done', sanitizedHtml: '<p>new</p>' });
    finishOld('<p>old</p>');
    await settle();
    expect(result.current).toEqual({ status: 'done', sanitizedHtml: '<p>new</p>' });
    unmount();
  });
});
