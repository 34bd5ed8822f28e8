import { afterEach, describe, expect, it, vi } from 'vitest';
import { useCopy } from '@/hooks/use-copy';
import { renderHook, settle } from './render-hook';

function clipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
}
function execCommand(fn: (command: string) => boolean) {
  Object.defineProperty(document, 'execCommand', { value: fn, configurable: true });
}

afterEach(() => {
  delete (navigator as { clipboard?: unknown }).clipboard;
  delete (document as { execCommand?: unknown }).execCommand;
});

describe('useCopy', () => {
  it('copies through the Clipboard API and says what was copied', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    clipboard(writeText);
    const command = vi.fn(() => true);
    execCommand(command);
    const { result, unmount } = renderHook(() => useCopy(), {});
    expect(result.current.copied).toBeNull();
    result.current.copy('@article{x}', 'BibTeX');
    await settle();
    expect(writeText).toHaveBeenCalledWith('@article{x}');
    expect(command).not.toHaveBeenCalled();
    expect(result.current.copied).toEqual({ what: 'BibTeX', ok: true });
    unmount();
  });

  it('falls back to the copy command on a selected, removed text area where the frame may not', async () => {
    clipboard(() => Promise.reject(new Error('not allowed in this frame')));
    let copiedText: string | null = null;
    execCommand((name) => {
      const area = document.querySelector('textarea')!;
      const selected = area.value.slice(area.selectionStart, area.selectionEnd);
      copiedText = name === 'copy' ? selected : null;
      return true;
    });
    const { result, unmount } = renderHook(() => useCopy(), {});
    result.current.copy('A citation', 'citation');
    await settle();
    expect(copiedText).toBe('A citation');
    expect(document.querySelector('textarea')).toBeNull();
    expect(result.current.copied).toEqual({ what: 'citation', ok: true });
    unmount();
  });

  it('says it could not copy when neither way works', async () => {
    clipboard(() => Promise.reject(new Error('no')));
    execCommand(() => {
      throw new Error('no command');
    });
    const { result, unmount } = renderHook(() => useCopy(), {});
    result.current.copy('text', 'link');
    await settle();
    expect(result.current.copied).toEqual({ what: 'link', ok: false });
    expect(document.querySelector('textarea')).toBeNull();
    unmount();
  });

  it('copies nothing when there is nothing safe to copy', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    clipboard(writeText);
    const { result, unmount } = renderHook(() => useCopy(), {});
    result.current.copy(null, 'link');
    await settle();
    expect(writeText).not.toHaveBeenCalled();
    expect(result.current.copied).toEqual({ what: 'link', ok: false });
    unmount();
  });
});
