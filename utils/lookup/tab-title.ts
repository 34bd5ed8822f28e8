import type { PaperRef } from '@/utils/core/paper-ref';
import { plainText } from '@/utils/core/page-text';
import { cutText } from '@/utils/core/schema';
import type { Summary } from '@/utils/core/summary';
import type { TabState } from '@/utils/core/tab-state';
import { keyLabel } from '@/utils/render/links';

export interface TabTitleSources {
  /** The bundled index's summaries of the paper: the same in every install. */
  bundled(ref: PaperRef): Promise<Summary[]>;
  /** Everything in the user's library under these keys (saved and own). */
  library(keys: readonly string[]): Promise<Summary[]>;
  /** Whether arXiv's API would be asked (the option on, its permission held); no request. */
  asksArxiv(): Promise<boolean>;
  /** arXiv's API, when the reader turned it on (null otherwise, or when it does not know). */
  askArxiv(arxivId: string): Promise<string | null>;
  /** The tab's state as resolved: the kept feed's summaries and what remote sources answered. */
  state(tabId: number): Promise<TabState | undefined>;
  /** The remote indexes downloaded whole for offline use, under one key. */
  kept(key: string): Promise<Summary[]>;
}

/** A tab's name at most: the title is cut so that "— arXiv <id>" always shows. */
export const MAX_TAB_TITLE_CHARS = 150;

/**
 * A title that is one, as a tab shows it: no format characters, spaces
 * collapsed; none when it is only the paper's id (index entries of papers
 * whose title was never known carry it: "arXiv:1608.08021").
 */
export function realTitle(title: string | undefined, key: string): string | undefined {
  const id = key.slice(key.indexOf(':') + 1).toLowerCase();
  // No format characters (utils/core/page-text.ts): zero-width padding would hide the id.
  const text = title === undefined ? undefined : plainText(title);
  return text && !text.toLowerCase().includes(id) ? text : undefined;
}

/** "<title> — arXiv 2007.12223": what a PDF tab is called, cut to MAX_TAB_TITLE_CHARS. */
export function pdfTabTitle(title: string, key: string): string {
  const label = ` — ${keyLabel(key)}`;
  return `${cutText(title, Math.max(MAX_TAB_TITLE_CHARS - label.length, 20))}${label}`;
}

const firstTitle = (summaries: readonly Summary[], key: string) =>
  summaries.map((s) => realTitle(s.paper.title, key)).find(Boolean);

/**
 * A PDF tab's name. The sources are trusted in order: the bundled index,
 * then the user's library, then arXiv's own answer (only when the reader
 * turned it on), and only then what others say (the kept feed, remote
 * indexes and live sources, the page's metadata). Otherwise a subscribed
 * index claiming a million votes could rename any paper in the tab strip,
 * history and bookmarks.
 */
export function tabTitles(sources: TabTitleSources) {
  const asking = new Map<string, Promise<string | undefined>>();

  /** What others say: asked last, never before arXiv. */
  async function others(tabId: number, ref: PaperRef): Promise<string | undefined> {
    const key = ref.keys[0]!;
    return (
      firstTitle((await sources.state(tabId))?.summaries ?? [], key) ??
      realTitle(ref.title, key) ??
      firstTitle(await sources.kept(key).catch(() => []), key)
    );
  }

  const arxivAsked = async (key: string) =>
    key.startsWith('arxiv:') && (await sources.asksArxiv().catch(() => false));

  /**
   * The name from what the browser holds, at once; none when arXiv is to be
   * asked first (`remote` then names the tab).
   */
  async function local(tabId: number, ref: PaperRef): Promise<string | undefined> {
    const key = ref.keys[0]!;
    const title =
      firstTitle(await sources.bundled(ref).catch(() => []), key) ??
      firstTitle(await sources.library(ref.keys).catch(() => []), key) ??
      ((await arxivAsked(key)) ? undefined : await others(tabId, ref));
    return title && pdfTabTitle(title, key);
  }

  /** arXiv's answer for an arXiv paper (once per paper at a time), else what others say. */
  async function remote(tabId: number, ref: PaperRef): Promise<string | undefined> {
    const key = ref.keys[0]!;
    if (!(await arxivAsked(key))) return undefined;
    let pending = asking.get(key);
    if (!pending) {
      pending = sources
        .askArxiv(key.slice('arxiv:'.length))
        .then((title) => realTitle(title ?? undefined, key))
        .finally(() => asking.delete(key));
      asking.set(key, pending);
    }
    const title = (await pending) ?? (await others(tabId, ref));
    return title && pdfTabTitle(title, key);
  }

  return { local, remote };
}
