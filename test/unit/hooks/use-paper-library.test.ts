import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { OWN_SOURCE, type LibraryItem } from '@/utils/core/library-item';
import type { PaperRef } from '@/utils/core/paper-ref';
import type { Summary } from '@/utils/core/summary';
import { makeSummary } from '../library/helpers';
import { renderHook, settle } from './render-hook';

/** The worker as the in-page sidebar reaches it: one answer per library message, or a failure. */
const sent: Array<{ type: string; payload: Record<string, unknown> }> = [];
let answers: Record<string, unknown> = {};
let failing: Record<string, string> = {};
vi.mock('@/utils/platform/browser', () => ({
  browser: {
    runtime: {
      sendMessage: async (m: { type: string; payload: Record<string, unknown> }) => {
        sent.push(m);
        return failing[m.type]
          ? { ok: false, error: { code: 'bad-request', message: failing[m.type] } }
          : { ok: true, value: answers[m.type] ?? null };
      },
    },
  },
}));

const { usePaperLibrary } = await import('@/hooks/use-paper-library');
const { announceLibraryChange } = await import('@/utils/db/open');

const PAPER: PaperRef = { keys: ['arxiv:2007.12223'], url: 'https://arxiv.org/abs/2007.12223' };
const OTHER: PaperRef = { keys: ['arxiv:1706.03762'], url: 'https://arxiv.org/abs/1706.03762' };
const CARDS: Summary[] = [makeSummary(), makeSummary()];
const OWN = {
  id: 'you:arxiv:2007.12223',
  kind: 'own',
  summary: { ...makeSummary(), id: 'you:arxiv:2007.12223', source: { ...OWN_SOURCE } },
  savedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  tags: [],
  note: '',
  revision: 1,
} as LibraryItem;

const typesSent = () => sent.map((m) => m.type);
const render = (paper: PaperRef | null = PAPER) =>
  renderHook((p: { paper: PaperRef | null }) => usePaperLibrary(p.paper, CARDS), { paper });

beforeEach(() => {
  sent.length = 0;
  failing = {};
  answers = { 'library:paper': { saved: [CARDS[0]!.id], own: OWN, draft: 'half a thought' } };
});
// The hook's effects end in promises: let them settle before the next test's fakes.
afterEach(() => settle());

describe('usePaperLibrary', () => {
  it("shows the paper's saved cards, own summary and draft, and follows library changes until unmounted", async () => {
    const { result, unmount } = render();
    await settle();
    expect(sent[0]).toEqual({
      type: 'library:paper',
      payload: { keys: PAPER.keys, summaryIds: CARDS.map((s) => s.id) },
    });
    expect([...result.current.saved]).toEqual([CARDS[0]!.id]);
    expect(result.current.own?.id).toBe(OWN.id);
    expect(result.current.draft).toBe('half a thought');

    // Another page saved the second card.
    answers['library:paper'] = { saved: [CARDS[0]!.id, CARDS[1]!.id], own: null, draft: null };
    act(() => announceLibraryChange());
    await settle();
    expect([...result.current.saved]).toEqual(CARDS.map((s) => s.id));
    expect(result.current.own).toBeUndefined();
    expect(result.current.draft).toBeUndefined();

    unmount();
    const asked = sent.length;
    announceLibraryChange();
    await settle();
    expect(sent.length).toBe(asked);
  });

  it('asks nothing without a paper', async () => {
    const { result, unmount } = render(null);
    await settle();
    expect(sent).toEqual([]);
    expect(await result.current.saveOwn('words')).toBe(false);
    expect(await result.current.keepDraft('words', '')).toBeNull();
    expect(sent).toEqual([]);
    unmount();
  });

  it('toggles a card through the worker and shows the state after it; a refusal is shown', async () => {
    const { result, unmount } = render();
    await settle();
    answers['library:paper'] = { saved: [], own: null, draft: null };
    await act(() => result.current.toggleSave(CARDS[0]!));
    await settle();
    expect(sent.find((m) => m.type === 'library:toggle-save')?.payload).toEqual({
      summary: CARDS[0],
    });
    expect(typesSent().at(-1)).toBe('library:paper'); // read again after the write
    expect(result.current.saved.size).toBe(0);
    expect(result.current.error).toBeNull();

    failing['library:toggle-save'] = 'This card names an item of your library that is not it.';
    await act(() => result.current.toggleSave(CARDS[1]!));
    expect(result.current.error).toBe('This card names an item of your library that is not it.');
    unmount();
  });

  it("saves the own summary with only the paper's fields it has, and the draft it was written over", async () => {
    const { result, unmount } = render();
    await settle();
    let saved!: boolean;
    await act(async () => {
      saved = await result.current.saveOwn('My notes.', 'half a thought');
    });
    expect(saved).toBe(true);
    const payload = sent.find((m) => m.type === 'library:save-own')?.payload;
    expect(payload).toEqual({ paper: PAPER, body: 'My notes.', draftBase: 'half a thought' });
    expect(Object.keys(payload!.paper as object).sort()).toEqual(['keys', 'url']);

    failing['library:save-own'] = 'quota';
    await act(async () => {
      saved = await result.current.saveOwn('More notes.');
    });
    expect(saved).toBe(false);
    expect(result.current.error).toBe('quota');
    unmount();
  });

  it('offers Undo after deleting the own summary, for that paper only', async () => {
    const { result, rerender, unmount } = render();
    await settle();
    await act(() => result.current.deleteOwn());
    expect(sent.find((m) => m.type === 'library:remove')?.payload).toEqual({ id: OWN.id });
    expect(result.current.deleted).toBe(OWN.id);
    await act(() => result.current.undoDelete());
    expect(sent.find((m) => m.type === 'library:undo-remove')?.payload).toEqual({ id: OWN.id });
    expect(result.current.deleted).toBeUndefined();

    await act(() => result.current.deleteOwn());
    expect(result.current.deleted).toBe(OWN.id);
    rerender({ paper: OTHER });
    await settle();
    expect(result.current.deleted).toBeUndefined();
    unmount();
  });

  it('keeps a draft: answers the draft stored, or null and why', async () => {
    const { result, unmount } = render();
    await settle();
    answers['library:draft'] = { body: 'mine\n\ntheirs' };
    expect(await result.current.keepDraft('mine', 'half a thought')).toBe('mine\n\ntheirs');
    expect(sent.at(-1)).toEqual({
      type: 'library:draft',
      payload: { paperKey: PAPER.keys[0], body: 'mine', base: 'half a thought' },
    });
    failing['library:draft'] = 'The draft changed elsewhere.';
    let kept: string | null = '';
    await act(async () => {
      kept = await result.current.keepDraft('mine', 'half a thought');
    });
    expect(kept).toBeNull();
    expect(result.current.error).toBe('The draft changed elsewhere.');
    unmount();
  });
});
