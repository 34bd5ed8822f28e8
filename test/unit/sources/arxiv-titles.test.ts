import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { RemoteCache } from '@/utils/db/remote-cache';
import { MAX_TAB_TITLE_CHARS, realTitle, tabTitles } from '@/utils/lookup/tab-title';
import { browser } from '@/utils/platform/browser';
import {
  arxivTitleFromAtom,
  askArxivTitle,
  saveTabTitleSettings,
} from '@/utils/sources/arxiv-titles';

/** An arXiv API answer as export.arxiv.org/api/query?id_list=… returns it (Atom 1.0). */
const atom = (entries: string) => `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?id_list=2007.12223" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=&amp;id_list=2007.12223</title>
  <id>http://arxiv.org/api/cHxbiOdZaP56ODnBPIenZhzg5f8</id>
  <updated>2024-06-03T00:00:00-04:00</updated>
  ${entries}
</feed>`;
const entry = (id: string, title: string) => `<entry>
    <id>http://arxiv.org/abs/${id}v2</id>
    <updated>2020-10-18T17:29:58Z</updated>
    <title>${title}</title>
    <summary>In natural language processing (NLP)…</summary>
    <author><name>Tianlong Chen</name></author>
  </entry>`;

describe("arXiv's API answer", () => {
  it("reads the paper's title (not the feed's), entities decoded, lines joined", () => {
    const xml = atom(
      entry(
        '2007.12223',
        'The Lottery Ticket Hypothesis for\n  Pre-trained BERT Networks &amp; &lt;more&gt; &#955;',
      ),
    );
    expect(arxivTitleFromAtom(xml, '2007.12223')).toBe(
      'The Lottery Ticket Hypothesis for Pre-trained BERT Networks & <more> λ',
    );
  });

  it('gives nothing for an unknown id, an error entry or another paper', () => {
    expect(arxivTitleFromAtom(atom(''), '2007.12223')).toBeNull();
    expect(
      arxivTitleFromAtom(
        atom(
          '<entry><id>http://arxiv.org/api/errors#incorrect_id_format</id><title>Error</title></entry>',
        ),
        '2007.12223',
      ),
    ).toBeNull();
    expect(arxivTitleFromAtom(atom(entry('1512.03385', 'Deep Residual')), '2007.12223')).toBeNull();
    expect(arxivTitleFromAtom('not xml at all', '2007.12223')).toBeNull();
  });

  it('is matched by old-style ids too', () => {
    expect(arxivTitleFromAtom(atom(entry('hep-th/9901001', 'Strings')), 'hep-th/9901001')).toBe(
      'Strings',
    );
  });
});

describe('asking arXiv for a title', () => {
  let files: Map<string, { key: string; text: string; etag: string | null; fetchedAt: number }>;
  let cache: RemoteCache;
  const answered = vi.fn(
    async () => new Response(atom(entry('2007.12223', 'Lottery BERT')), { status: 200 }),
  );
  beforeEach(() => {
    fakeBrowser.reset();
    files = new Map();
    cache = { get: async (k) => files.get(k), put: async (f) => void files.set(f.key, f) };
    answered.mockClear();
    browser.permissions.contains = async () => true;
  });

  it('asks nothing while the option is off (the default)', async () => {
    expect(
      await askArxivTitle('2007.12223', { cache, fetch: answered as typeof fetch }),
    ).toBeNull();
    expect(answered).not.toHaveBeenCalled();
  });

  it('asks nothing without the permission, even with the option on', async () => {
    await saveTabTitleSettings({ askArxiv: true });
    browser.permissions.contains = async () => false;
    expect(
      await askArxivTitle('2007.12223', { cache, fetch: answered as typeof fetch }),
    ).toBeNull();
    expect(answered).not.toHaveBeenCalled();
  });

  it('asks export.arxiv.org once per paper, then answers from the kept copy', async () => {
    await saveTabTitleSettings({ askArxiv: true });
    const options = { cache, fetch: answered as typeof fetch };
    expect(await askArxivTitle('2007.12223', options)).toBe('Lottery BERT');
    expect(await askArxivTitle('2007.12223', options)).toBe('Lottery BERT');
    expect(answered).toHaveBeenCalledTimes(1);
    expect(String((answered.mock.calls[0] as unknown[])[0])).toBe(
      'https://export.arxiv.org/api/query?id_list=2007.12223',
    );
  });
});

describe("a PDF tab's name", () => {
  const summary = (title: string, votes: number | null = null) =>
    ({ paper: { title, authors: [] }, votes, source: { kind: 'human' } }) as never;
  const sources = {
    bundled: async () => [],
    library: async () => [],
    asksArxiv: async () => false,
    askArxiv: async () => null,
    state: async () => undefined,
    kept: async () => [],
  };
  const ref = { keys: ['arxiv:2007.12223'], url: 'https://arxiv.org/pdf/2007.12223' };
  const stateOf =
    (...summaries: never[]) =>
    async () =>
      ({ summaries }) as never;

  it('skips index titles that are only the id', () => {
    expect(realTitle('arXiv:1608.08021', 'arxiv:1608.08021')).toBeUndefined();
    expect(realTitle('PMLR v9/glorot10a', 'pmlr:v9/glorot10a')).toBeUndefined();
    expect(realTitle('  Deep   Residual ', 'arxiv:1512.03385')).toBe('Deep Residual');
  });

  it('comes from the bundled index, then the library, then arXiv, then the others', async () => {
    const remoteIndex = stateOf(summary('Remote title', 1_000_000));
    const all = {
      ...sources,
      bundled: async () => [summary('Bundled title')],
      library: async () => [summary('Saved title')],
      state: remoteIndex,
      kept: async () => [summary('Kept title')],
    };
    expect(await tabTitles(all).local(1, ref)).toBe('Bundled title — arXiv 2007.12223');
    expect(await tabTitles({ ...all, bundled: async () => [] }).local(1, ref)).toBe(
      'Saved title — arXiv 2007.12223',
    );
    const others = { ...sources, state: remoteIndex, kept: all.kept };
    // arXiv off: the others name the tab at once.
    expect(await tabTitles(others).local(1, ref)).toBe('Remote title — arXiv 2007.12223');
    expect(await tabTitles({ ...others, state: sources.state }).local(1, ref)).toBe(
      'Kept title — arXiv 2007.12223',
    );
    // arXiv on: it is asked before any of them, and they stand only when it does not know.
    const arxiv = { ...others, asksArxiv: async () => true, askArxiv: async () => 'From arXiv' };
    expect(await tabTitles(arxiv).local(1, ref)).toBeUndefined();
    expect(await tabTitles(arxiv).remote(1, ref)).toBe('From arXiv — arXiv 2007.12223');
    expect(await tabTitles({ ...arxiv, askArxiv: async () => null }).remote(1, ref)).toBe(
      'Remote title — arXiv 2007.12223',
    );
    expect(await tabTitles(arxiv).remote(1, { ...ref, keys: ['acl:P19-1001'] })).toBeUndefined();
  });

  it('is not chosen by a remote index’s votes, and keeps the id in sight of a padded title', async () => {
    const padded = `Attention\u200b${'\u200b'.repeat(900)} is all you need ${'x'.repeat(200)}`;
    expect(padded.length).toBeGreaterThan(980);
    const hostile = stateOf(summary(padded, 1_000_000));
    const named = await tabTitles({
      ...sources,
      bundled: async () => [summary('The Lottery Ticket Hypothesis')],
      state: hostile,
    }).local(1, ref);
    expect(named).toBe('The Lottery Ticket Hypothesis — arXiv 2007.12223');
    // Known only to the remote index: shown, but without its invisible padding, and short.
    const only = (await tabTitles({ ...sources, state: hostile }).local(1, ref))!;
    expect(only).not.toMatch(/\p{Cf}/u);
    expect(only.length).toBeLessThanOrEqual(MAX_TAB_TITLE_CHARS);
    expect(only).toMatch(/^Attention is all you need x+… — arXiv 2007\.12223$/);
  });
});
