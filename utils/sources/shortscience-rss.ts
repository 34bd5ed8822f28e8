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
  const trimmed = raw.trim();
  if (trimmed.length >= 12 && trimmed.startsWith('<![CDATA[') && trimmed.endsWith(']]>')) {
    return trimmed.slice(9, -3).trim();
  }
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

const patterns = new Map<string, RegExp>();
/** A case-insensitive search for a fixed string: linear, nothing to backtrack. */
function literal(text: string): RegExp {
  let pattern = patterns.get(text);
  if (!pattern) {
    pattern = new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    patterns.set(text, pattern);
  }
  return pattern;
}

function indexOfIgnoringCase(text: string, search: string, from: number): number {
  const pattern = literal(search);
  pattern.lastIndex = from;
  return pattern.exec(text)?.index ?? -1;
}

/**
 * The elements `<name …>…</name>` in `text`, in order, as the ranges of
 * their contents: the first closing tag after an opening one ends it.
 * One left-to-right pass. When an opening tag has no `>` or no closing tag
 * after it, no later one has either, so the search stops there instead of
 * scanning to the end again from every later opening tag.
 */
function* elements(text: string, name: string): Generator<[number, number]> {
  const open = `<${name}`;
  const close = `</${name}>`;
  let at = indexOfIgnoringCase(text, open, 0);
  while (at >= 0) {
    const after = text[at + open.length];
    // `<item>` or `<item attributes…>`, not `<items>`.
    if (after === '>' || (after !== undefined && /\s/.test(after))) {
      const openEnd = text.indexOf('>', at + open.length);
      if (openEnd < 0) return;
      const end = indexOfIgnoringCase(text, close, openEnd + 1);
      if (end < 0) return;
      yield [openEnd + 1, end];
      at = indexOfIgnoringCase(text, open, end + close.length);
    } else {
      at = indexOfIgnoringCase(text, open, at + 1);
    }
  }
}

/** The text of an item's first `<name>` element. */
function tag(item: string, name: string): string | undefined {
  const first = elements(item, name).next();
  return first.done ? undefined : decode(item.slice(...first.value)) || undefined;
}

export function parseShortScienceRss(xml: string): Summary[] {
  if (!/<rss[\s>]/i.test(xml) || !/<channel[\s>]/i.test(xml)) {
    throw new NetError('bad-data', 'ShortScience sent something that is not its RSS feed.');
  }
  const summaries: Summary[] = [];
  for (const [start, end] of elements(xml, 'item')) {
    const item = xml.slice(start, end);
    const field = (name: string) => tag(item, name);
    const body = field('description');
    const title = field('title');
    const link = field('link') ?? field('guid');
    if (!body || !title || !link || !/^https:\/\/(www\.)?shortscience\.org\//.test(link)) continue;
    const arxiv = parseArxivId(field('shortscience:arxivid') ?? '');
    const byTitle = titleKey(title);
    const keys = [...(arxiv ? [arxivKey(arxiv.id)] : []), ...(byTitle ? [byTitle] : [])];
    if (!keys.length) continue;
    const votes = Number(field('shortscience:votes'));
    const date = Date.parse(field('pubDate') ?? '');
    summaries.push({
      id: `shortscience:${field('guid') ?? link}`,
      paperKeys: keys,
      paper: { title, authors: [] },
      body,
      format: 'markdown',
      author: field('author') ?? field('dc:creator') ?? null,
      date: Number.isNaN(date) ? null : new Date(date).toISOString(),
      votes: Number.isFinite(votes) ? votes : null,
      link,
      source: KNOWN_SOURCES.shortscience!,
    });
  }
  return summaries;
}
