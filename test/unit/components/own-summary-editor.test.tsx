import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OwnSummaryEditor } from '@/components/OwnSummaryEditor';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
});

const textarea = () => root.querySelector<HTMLTextAreaElement>('[data-testid="own-body"]')!;
const type = (value: string) =>
  act(() => {
    textarea().value = value;
    textarea().dispatchEvent(new Event('input', { bubbles: true }));
  });

describe('the own-summary editor and its draft', () => {
  it('shows the words sync joined into the draft, after what was typed since, and keeps from there', async () => {
    vi.useFakeTimers();
    const kept: Array<{ body: string; base: string }> = [];
    const joined = '\n\n— Written on another device while you were writing here:\nB writes apart';
    const onDraft = vi.fn(async (body: string, base: string) => {
      kept.push({ body, base });
      // The first keep finds another device's words in the draft; later ones do not.
      return kept.length === 1 ? body + joined : body;
    });
    root = document.createElement('div');
    document.body.append(root);
    await act(() =>
      render(
        <OwnSummaryEditor
          initialBody="A"
          draftBase="A"
          images={false}
          onDraft={onDraft}
          onSave={async () => true}
          onCancel={() => undefined}
        />,
        root,
      ),
    );
    await type('A, more');
    await act(async () => void (await vi.advanceTimersByTimeAsync(500)));
    expect(kept[0]).toEqual({ body: 'A, more', base: 'A' });
    expect(textarea().value).toBe(`A, more${joined}`);
    // The next keep sends what is shown, against the draft as stored: nothing dropped unseen.
    await type(`A, more${joined} and on`);
    await act(async () => void (await vi.advanceTimersByTimeAsync(500)));
    expect(kept[1]).toEqual({ body: `A, more${joined} and on`, base: `A, more${joined}` });
  });
});
