import { isObject } from '@/utils/core/guards';
import type { RemoteCache } from '@/utils/db/remote-cache';
import { fetchBounded, NetError } from '@/utils/net/fetch-bounded';
import { browser } from '@/utils/platform/browser';

/**
 * PDF tabs named after their paper ("<title> — arXiv <id>"). The title comes
 * from what the browser holds; asking arXiv's own API for titles it does not
 * know is an option, off by default, with its own host permission: the
 * request goes to export.arxiv.org only (arXiv already serves the PDF), and
 * says which arXiv paper is open.
 */
export const TAB_TITLES_KEY = 'tabTitles';
export const ARXIV_API_ORIGINS = ['https://export.arxiv.org/*'];

export interface TabTitleSettings {
  /** Ask export.arxiv.org for the titles of arXiv PDFs known nowhere else. */
  askArxiv: boolean;
}

export const parseTabTitleSettings = (raw: unknown): TabTitleSettings => ({
  askArxiv: isObject(raw) && raw.askArxiv === true,
});

export async function loadTabTitleSettings(): Promise<TabTitleSettings> {
  return parseTabTitleSettings((await browser.storage.local.get(TAB_TITLES_KEY))[TAB_TITLES_KEY]);
}

export async function saveTabTitleSettings(settings: TabTitleSettings): Promise<void> {
  await browser.storage.local.set({ [TAB_TITLES_KEY]: settings });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text → plain text: entities decoded (named and numeric), whitespace collapsed. */
function xmlText(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos));/gi, (m, dec, hex, name) => {
      if (name) return ENTITIES[name.toLowerCase()] ?? m;
      const code = Number.parseInt(dec ?? hex, dec ? 10 : 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The paper's title from an arXiv API answer (Atom: `<feed>…<entry>…<title>`),
 * for the entry whose `<id>` is that paper; null when it has none (arXiv
 * answers an unknown id with an "Error" entry). The feed's own `<title>` is
 * not the paper's. No DOMParser in a service worker: a bounded scan.
 */
export function arxivTitleFromAtom(xml: string, arxivId: string): string | null {
  for (const [, entry = ''] of xml
    .slice(0, 1_000_000)
    .matchAll(/<entry\b[^>]*>([\s\S]*?)<\/entry>/g)) {
    const id = /<id>\s*([^<]*?)\s*<\/id>/.exec(entry)?.[1] ?? '';
    if (!id.replace(/v\d+$/, '').endsWith(`/abs/${arxivId}`)) continue;
    const title = /<title\b[^>]*>([\s\S]*?)<\/title>/.exec(entry)?.[1];
    const text = title ? xmlText(title) : '';
    return text && text.length <= 1000 ? text : null;
  }
  return null;
}

/** Whether arXiv's API would be asked: the option is on and its permission held. No request. */
export async function asksArxiv(): Promise<boolean> {
  const { askArxiv } = await loadTabTitleSettings();
  return askArxiv && (await browser.permissions.contains({ origins: ARXIV_API_ORIGINS }));
}

/** How long an answer (a title, or none) is kept. */
const KEEP_MS = 30 * 24 * 3600_000;

/**
 * Asks arXiv's API for one paper's title, through the bounded fetch, kept in
 * the cache so a paper is asked about once. Only when the option is on and
 * the browser holds the permission; otherwise null without a request.
 */
export async function askArxivTitle(
  arxivId: string,
  options: { cache: RemoteCache; fetch?: typeof fetch; now?: () => number },
): Promise<string | null> {
  if (!(await asksArxiv())) return null;
  const now = (options.now ?? Date.now)();
  const key = `live|arxiv-title|${arxivId}`;
  const cached = await options.cache.get(key);
  if (cached && now - cached.fetchedAt < KEEP_MS) return cached.text || null;
  const url = `https://export.arxiv.org/api/query?id_list=${encodeURIComponent(arxivId)}`;
  try {
    const { text } = await fetchBounded(url, {
      maxBytes: 256 * 1024,
      timeoutMs: 10_000,
      allowedOrigins: ['https://export.arxiv.org'],
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    const title = arxivTitleFromAtom(text, arxivId);
    await options.cache.put({ key, text: title ?? '', etag: null, fetchedAt: now });
    return title;
  } catch (error) {
    // Offline or refused: the tab keeps its name, and the next visit asks again.
    if (error instanceof NetError) return null;
    throw error;
  }
}
