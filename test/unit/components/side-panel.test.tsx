import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SidePanelApp } from '@/components/SidePanelApp';
import { emptyTabState } from '@/utils/core/tab-state';
import { buildSearchIndex } from '@/utils/search/build';
import { SearchEngine } from '@/utils/search/engine';
import { decodeSearchData } from '@/utils/search/search-file';
import { SearchSet } from '@/utils/search/search-set';

const bytes = buildSearchIndex([
  {
    key: 'acl:A00-1031',
    paper: { title: 'TnT - A Statistical Part-Of-Speech Tagger', authors: ['Thorsten Brants'] },
    summaries: [
      {
        body: 'A tagger.',
        source: { id: 'scisummnet', name: 'ScisummNet', kind: 'human' },
      },
    ],
  },
]);
const engine = new SearchSet([
  new SearchEngine(decodeSearchData(bytes.buffer.slice(0) as ArrayBuffer)),
]);

let root: HTMLElement;
afterEach(async () => {
  render(null, root);
  root.remove();
  // Preact runs effects after a frame, or after a 100 ms timer where frames do not come;
  // let that timer fire while the DOM environment still exists (it is torn down after the file).
  await new Promise((r) => setTimeout(r, 150));
});

describe('the side panel', () => {
  it("shows results in place of the tab's paper in the same frame as the query, never both", async () => {
    root = document.body.appendChild(document.createElement('div'));
    // As a browser does it: no test helper flushing effects; the frame comes later.
    render(
      <SidePanelApp
        load={{ status: 'ready', state: emptyTabState(1), retry: vi.fn() }}
        images={false}
        engine={engine}
        onOpen={vi.fn()}
      />,
      root,
    );
    const input = root.querySelector<HTMLInputElement>('[data-testid="search-input"]')!;
    const shown = () => ({
      results: root.querySelectorAll('[data-testid="search-result"]').length,
      paper: root.querySelectorAll('[data-testid="no-paper"]').length,
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(shown()).toEqual({ results: 0, paper: 1 });
    input.value = 'tagger';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // The render the input caused, before any effect (effects wait for a frame).
    await Promise.resolve();
    await Promise.resolve();
    expect(shown()).toEqual({ results: 1, paper: 0 });
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await Promise.resolve();
    await Promise.resolve();
    expect(shown()).toEqual({ results: 0, paper: 1 });
  });
});
