import type { PaperRef } from '@/utils/core/paper-ref';
import type { Summary } from '@/utils/core/summary';
import type { TabState } from '@/utils/core/tab-state';
import { keyLabel } from '@/utils/render/links';

export interface TabTitleSources {
  /** The tab's state as resolved: its local summaries and what remote sources answered. */
  state(tabId: number): Promise<TabState | undefined>;
  /** Everything in the user's library under these keys (saved and own). */
  library(keys: readonly string[]): Promise<Summary[]>;
  /** The remote indexes' copies kept in this browser, under one key. */
  kept(key: string): Promise<Summary[]>;
  /** arXiv's API, when the reader turned it on (null otherwise, or when it does not know). */
  askArxiv(arxivId: string): Promise<string | null>;
}

/**
 * A title that is one: index entries of papers whose title was never known
 * carry their id instead ("arXiv:1608.08021", "PMLR v9/glorot10a").
 */
export function realTitle(title: string | undefined, key: string): string | undefined {
  const id = key.slice(key.indexOf(':') + 1).toLowerCase();
  const text = title?.replace(/\s+/g, ' ').trim();
  return text && !text.toLowerCase().includes(id) ? text : undefined;
}

/** "<title> — arXiv 2007.12223": what a PDF tab is called. */
export const pdfTabTitle = (title: string, key: string): string => `${title} — ${keyLabel(key)}`;

/**
 * A PDF tab's name from what the browser holds, in order: the tab's own
 * summaries (bundled index, kept feed, own summaries, remote answers), the
 * page's metadata, the library, the kept remote indexes. Then, apart and
 * only when turned on, arXiv's API.
 */
export function tabTitles(sources: TabTitleSources) {
  const asking = new Map<string, Promise<string | undefined>>();

  async function local(tabId: number, ref: PaperRef): Promise<string | undefined> {
    const key = ref.keys[0]!;
    const first = (summaries: readonly Summary[] = []) =>
      summaries.map((s) => realTitle(s.paper.title, key)).find(Boolean);
    const title =
      first((await sources.state(tabId))?.summaries) ??
      realTitle(ref.title, key) ??
      first(await sources.library(ref.keys).catch(() => [])) ??
      first(await sources.kept(key).catch(() => []));
    return title && pdfTabTitle(title, key);
  }

  /** arXiv's answer for an arXiv paper, once per paper at a time. */
  function remote(ref: PaperRef): Promise<string | undefined> {
    const key = ref.keys[0]!;
    if (!key.startsWith('arxiv:')) return Promise.resolve(undefined);
    let pending = asking.get(key);
    if (!pending) {
      pending = sources
        .askArxiv(key.slice('arxiv:'.length))
        .then((title) => realTitle(title ?? undefined, key))
        .then((title) => title && pdfTabTitle(title, key))
        .finally(() => asking.delete(key));
      asking.set(key, pending);
    }
    return pending;
  }

  return { local, remote };
}
