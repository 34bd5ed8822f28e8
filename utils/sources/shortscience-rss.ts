import { arxivKey, parseArxivId } from '@/utils/detect/arxiv';
import { titleKey } from '@/utils/detect/title';
import { KNOWN_SOURCES } from '@/utils/index-format/input';
import { NetError } from '@/utils/net/fetch-bounded';
import type { Summary } from '@/utils/core/summary';

/**
 * ShortScience's full-text feed (`rss-full.xml`): one <item> per summary,
 * with the paper title, author, the summary text, date, a link back, and
 * `shortscience:arxivid`, `shortscience:bibtexkey`, `shortscience:votes`.
 * A tolerant reader (a service worker has no DOMParser): an item missing its
 * text or link is skipped, a document that is not an RSS feed is refused.
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
  if (cdata) return cdata[1]!.trim();
  return raw
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code =
          name[1] === 'x' || name[1] === 'X'
            ? parseInt(name.slice(2), 16)
            : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000
          ? String.fromCodePoint(code)
          : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .trim();
}

function tag(item: string, name: string): string | undefined {
  const escaped = name.replace(':', '\\:');
  const m = new RegExp(`<${escaped}(?:\\s[^>]*)?>([\\s\\S]*?)</${escaped}>`, 'i').exec(item);
  return m ? decode(m[1]!) || undefined : undefined;
}

export function parseShortScienceRss(xml: string): Summary[] {
  if (!/<rss[\s>]/i.test(xml) || !/<channel[\s>]/i.test(xml)) {
    throw new NetError('bad-data', 'ShortScience sent something that is not its RSS feed.');
  }
  const summaries: Summary[] = [];
  for (const [, item] of xml.matchAll(/<item(?:\s[^>]*)?>([\s\S]*?)<\/item>/gi)) {
    const body = tag(item!, 'description');
    const title = tag(item!, 'title');
    const link = tag(item!, 'link') ?? tag(item!, 'guid');
    if (!body || !title || !link || !/^https:\/\/(www\.)?shortscience\.org\//.test(link)) continue;
    const arxiv = parseArxivId(tag(item!, 'shortscience:arxivid') ?? '');
    const byTitle = titleKey(title);
    const keys = [...(arxiv ? [arxivKey(arxiv.id)] : []), ...(byTitle ? [byTitle] : [])];
    if (!keys.length) continue;
    const votes = Number(tag(item!, 'shortscience:votes'));
    const date = Date.parse(tag(item!, 'pubDate') ?? '');
    summaries.push({
      id: `shortscience:${tag(item!, 'guid') ?? link}`,
      paperKeys: keys,
      paper: { title, authors: [] },
      body,
      format: 'markdown',
      author: tag(item!, 'author') ?? tag(item!, 'dc:creator') ?? null,
      date: Number.isNaN(date) ? null : new Date(date).toISOString(),
      votes: Number.isFinite(votes) ? votes : null,
      link,
      source: KNOWN_SOURCES.shortscience!,
    });
  }
  return summaries;
}
