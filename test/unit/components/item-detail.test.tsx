import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ItemDetail } from '@/components/ItemDetail';
import type { LibraryItem } from '@/utils/core/library-item';
import { generateItems } from '../library/helpers';

const [base] = generateItems(1, 3) as [LibraryItem];
const item = (change: Partial<LibraryItem> = {}): LibraryItem => ({
  ...base,
  tags: ['old'],
  note: '',
  revision: 1,
  ...change,
});

let root: HTMLElement;
const show = (it: LibraryItem) =>
  act(() => {
    render(
      <ItemDetail item={it} images={false} onSave={vi.fn(async () => {})} onRemove={vi.fn()} />,
      root,
    );
  });
const tagsField = () => root.querySelector<HTMLInputElement>('[data-testid="item-tags"]')!;
const save = () => root.querySelector<HTMLButtonElement>('[data-testid="item-save"]')!;
const type = (text: string) =>
  act(() => {
    tagsField().value = text;
    tagsField().dispatchEvent(new Event('input', { bubbles: true }));
  });

describe('the library item editor', () => {
  afterEach(() => {
    render(null, root);
    root.remove();
  });

  it('keeps what was typed at once after the item showed, and the same item re-read', async () => {
    root = document.body.appendChild(document.createElement('div'));
    // As a browser does it: rendered, typed into before the next frame, then the frame.
    render(<ItemDetail item={item()} images={false} onSave={vi.fn()} onRemove={vi.fn()} />, root);
    tagsField().value = 'old, reading-group';
    tagsField().dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 100));
    expect(tagsField().value).toBe('old, reading-group');
    expect(save().disabled).toBe(false);
    await show(item()); // the list reloaded: a new object, the same revision
    expect(tagsField().value).toBe('old, reading-group');
  });

  it('shows a newer revision, or another item, in place of the form', async () => {
    root = document.body.appendChild(document.createElement('div'));
    await show(item());
    await type('draft');
    await show(item({ revision: 2, tags: ['saved', 'elsewhere'] }));
    expect(tagsField().value).toBe('saved, elsewhere');
    expect(save().disabled).toBe(true);
    await type('draft again');
    await show(item({ id: 'another', revision: 2, tags: ['other'] }));
    expect(tagsField().value).toBe('other');
  });
});
