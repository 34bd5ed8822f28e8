import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { useSavedItems } from '@/hooks/use-saved-items';
import { announceLibraryChange, library } from '@/utils/db/open';
import { saveSummary } from '@/utils/library/library';
import { freshIndexedDb, makeSummary } from '../library/helpers';
import { renderHook, settle } from './render-hook';

freshIndexedDb();
afterEach(() => settle());

describe('useSavedItems', () => {
  beforeEach(async () => {
    const db = await library();
    await db.clear('items');
  });

  it('shows the newest saved items and the total, and follows changes', async () => {
    const db = await library();
    for (let i = 0; i < 3; i++) await saveSummary(db, makeSummary());
    const { result, unmount } = renderHook((n: number) => useSavedItems(n), 2);
    await vi.waitFor(() => expect(result.current?.total).toBe(3));
    expect(result.current!.items).toHaveLength(2);
    await saveSummary(db, makeSummary());
    act(() => announceLibraryChange());
    await vi.waitFor(() => expect(result.current?.total).toBe(4));
    unmount();
  });

  it('reads nothing while no items are asked for', async () => {
    const { result, unmount } = renderHook((n: number) => useSavedItems(n), 0);
    await settle();
    expect(result.current).toBeNull();
    unmount();
  });
});
