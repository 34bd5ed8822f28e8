import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

/**
 * A PDF tab is named after its paper: by the visit's answer (local data) or
 * later by `tab:set-title` (arXiv's answer). That message can reach the page
 * before the page has read the answer (its site choices are still being
 * read); the name must not be lost then, and never go to another paper.
 * Drives the real paper script (entrypoints/paper) with the worker's side
 * played here. (test/e2e/listing.test.ts names real PDF tabs.)
 */
const sent = vi.hoisted(() => ({
  answers: [] as Array<(value: unknown) => void>,
}));
vi.mock('@/utils/page/send', () => ({
  sendFromPage: () => new Promise((resolve) => sent.answers.push(resolve)),
}));
// Each test starts a script of its own; none of them follows later tests' addresses.
vi.mock('@/utils/page/watch-url', () => ({ watchUrl: () => undefined }));

type Listener = (message: unknown, sender: { id?: string }, respond: () => void) => void;
let listener: Listener;
let prefsRead: (() => void) | undefined;

async function startPaperScript(contentType: string) {
  prefsRead = undefined;
  vi.spyOn(document, 'contentType', 'get').mockReturnValue(contentType);
  // Still parsing: the visit with the page's metadata waits for DOMContentLoaded, never fired here.
  vi.spyOn(document, 'readyState', 'get').mockReturnValue('loading');
  vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener').mockImplementation((l) => {
    listener = l as unknown as Listener;
  });
  // The site's sidebar choices are read slowly: held until the test lets them go.
  const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
  vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation((async (keys: string) => {
    await new Promise<void>((resolve) => (prefsRead = resolve));
    return get(keys);
  }) as typeof fakeBrowser.storage.local.get);
  const script = (await import('@/entrypoints/paper/index')).default;
  void script.main();
  await vi.waitFor(() => expect(sent.answers).toHaveLength(1));
}

/** The worker's answer to the visit reaches the page, which then reads its sidebar choices. */
async function answer(paper: object) {
  sent.answers[0]!(paper);
  await vi.waitFor(() => expect(prefsRead).toBeTypeOf('function'));
}

/** The choices are read: the page shows the paper. */
async function shown(paperKey: string) {
  prefsRead!();
  await vi.waitFor(() =>
    expect(document.querySelector('sidenotes-sidebar')?.getAttribute('data-sidenotes-paper')).toBe(
      paperKey,
    ),
  );
}

const setTitle = (paperKey: string, title: string) =>
  listener(
    { type: 'tab:set-title', payload: { paperKey, title } },
    { id: fakeBrowser.runtime.id },
    () => {},
  );

describe('a PDF tab named after its paper', () => {
  beforeEach(() => {
    vi.resetModules();
    sent.answers.length = 0;
    document.title = 'paper.pdf';
  });
  afterEach(() => {
    history.replaceState(null, '', '/');
    vi.restoreAllMocks();
    fakeBrowser.reset();
    document.querySelector('sidenotes-sidebar')?.remove();
  });

  it("keeps arXiv's name sent before the page read its visit's answer, and shows it then", async () => {
    await startPaperScript('application/pdf');
    await answer({ key: 'arxiv:2406.10001', count: 0, opens: false });
    setTitle('arxiv:2406.10001', 'Sparse Training — arXiv 2406.10001');
    expect(document.title).toBe('paper.pdf'); // not shown before the page shows that paper
    prefsRead!();
    await vi.waitFor(() => expect(document.title).toBe('Sparse Training — arXiv 2406.10001'));
  });

  it('keeps it too where the frame is made before the answer (an arXiv /pdf/ address)', async () => {
    // A likely paper address: the site's choices are read before the visit's answer is awaited.
    history.replaceState(null, '', '/pdf/2406.10001');
    await startPaperScript('application/pdf');
    await vi.waitFor(() => expect(prefsRead).toBeTypeOf('function'));
    sent.answers[0]!({ key: 'arxiv:2406.10001', count: 0, opens: false });
    setTitle('arxiv:2406.10001', 'Sparse Training — arXiv 2406.10001');
    expect(document.title).toBe('paper.pdf');
    prefsRead!();
    await vi.waitFor(() => expect(document.title).toBe('Sparse Training — arXiv 2406.10001'));
  });

  it('never names the tab after another paper', async () => {
    await startPaperScript('application/pdf');
    setTitle('arxiv:1111.11111', 'Another paper — arXiv 1111.11111');
    await answer({ key: 'arxiv:2406.10001', count: 0, opens: false });
    await shown('arxiv:2406.10001');
    expect(document.title).toBe('paper.pdf');
    setTitle('arxiv:2406.10001', 'Sparse Training — arXiv 2406.10001');
    expect(document.title).toBe('Sparse Training — arXiv 2406.10001');
  });

  it('never renames a page that is not a PDF', async () => {
    document.title = 'An HTML page';
    await startPaperScript('text/html');
    await answer({ key: 'arxiv:2406.10001', count: 0, opens: false, title: 'Named' });
    await shown('arxiv:2406.10001');
    setTitle('arxiv:2406.10001', 'Sparse Training — arXiv 2406.10001');
    expect(document.title).toBe('An HTML page');
  });
});
