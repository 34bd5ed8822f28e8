import { titleKey } from '@/utils/detect/title';
import { NetError, parseJsonFrom } from '@/utils/net/fetch-bounded';
import { readSummaries } from '@/utils/core/schema';
import { paperPageUrl } from '@/utils/core/paper-ref';
import { sameWork, surnames } from './title-match';
import { idOf, isObject, text, type LiveSource, type SourceRef } from './types';

/** API v2 wraps every field as {value}; v1 (older venues) uses plain values and "TL;DR". */
const field = (content: Record<string, unknown>, ...names: string[]): unknown => {
  for (const name of names) {
    const v = content[name];
    if (isObject(v) && 'value' in v) return v.value;
    if (v !== undefined) return v;
  }
  return undefined;
};

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((a): a is string => typeof a === 'string') : [];

/** Titles longer than this are not sent: no real title is, and the address must stay short. */
const MAX_TITLE_CHARS = 400;

/**
 * The title a paper can be asked about by: a page's title long enough to
 * name one paper (as the bundled index's title keys) and no forum id to ask by.
 */
function titleToAsk(ref: SourceRef): string | undefined {
  if (idOf(ref.keys, 'openreview')) return undefined;
  const title = ref.title?.replace(/\s+/g, ' ').trim();
  return title && title.length <= MAX_TITLE_CHARS && titleKey(title) ? title : undefined;
}

const HOSTS = 'api2.openreview.net (and, for older venues, api.openreview.net)';

/**
 * OpenReview's author-written TL;DRs (the authors' own words: human-written),
 * by forum id on OpenReview pages, and by exact title from any other paper
 * page (arXiv…): many arXiv papers are ICLR/NeurIPS/TMLR submissions.
 */
export const openReview: LiveSource = {
  info: {
    id: 'openreview',
    name: 'OpenReview',
    url: 'https://openreview.net',
    licence: 'as set by the authors on OpenReview',
    kind: 'human',
  },
  origins: ['https://api2.openreview.net/*', 'https://api.openreview.net/*'],
  sends:
    'the forum id of an OpenReview paper you open, or the title of a paper you open elsewhere (arXiv…), to api2.openreview.net (and api.openreview.net for older venues)',
  requestUrls(ref) {
    const forum = idOf(ref.keys, 'openreview');
    const title = titleToAsk(ref);
    const query = forum
      ? `notes?forum=${encodeURIComponent(forum)}`
      : title
        ? `notes?content.title=${encodeURIComponent(title)}`
        : null;
    // API v2 first; venues before 2024 are often only in API v1.
    return query
      ? [`https://api2.openreview.net/${query}`, `https://api.openreview.net/${query}`]
      : [];
  },
  sendsFor(ref) {
    const forum = idOf(ref.keys, 'openreview');
    return forum
      ? [`the forum id ${forum} to ${HOSTS}`]
      : ['the title “', { pageText: titleToAsk(ref) ?? '' }, `” to ${HOSTS}`];
  },
  cacheKey(ref) {
    // A title's answer is kept per author list: the same title by others is another paper.
    return titleToAsk(ref) ? [...surnames(ref.authors ?? [])].sort().join(',') : '';
  },
  parse(body, ref) {
    const data = parseJsonFrom('api2.openreview.net', body);
    if (!isObject(data) || !Array.isArray(data.notes)) {
      throw new NetError('bad-data', 'OpenReview sent an answer Sidenotes does not understand.');
    }
    const forum = idOf(ref.keys, 'openreview');
    const notes = data.notes.filter(
      (n): n is Record<string, unknown> & { content: Record<string, unknown> } =>
        isObject(n) && isObject(n.content),
    );
    const tldrOf = (n: { content: Record<string, unknown> }) =>
      text(field(n.content, 'TLDR', 'TL;DR'));
    const note = forum
      ? // The submission is the note whose id is the forum id; replies carry no TL;DR.
        (notes.find((n) => n.id === forum) ?? notes[0])
      : // By title: only a note that is the same work, and has a TL;DR.
        notes.find(
          (n) =>
            tldrOf(n) &&
            sameWork(ref, {
              title: text(field(n.content, 'title')) ?? '',
              authors: strings(field(n.content, 'authors')),
            }),
        );
    if (!note) return readSummaries([]);
    const tldr = tldrOf(note);
    if (!tldr) return readSummaries([]);
    const id = text(note.forum) ?? text(note.id) ?? forum ?? 'unknown';
    const venue = text(field(note.content, 'venue'));
    // Built from the answer's fields, then rebuilt by the schema like any record from outside.
    const summary = {
      id: `openreview:${id}:tldr`,
      paperKeys: [`openreview:${id}`, ...ref.keys.filter((k) => k !== `openreview:${id}`)],
      paper: {
        title: text(field(note.content, 'title')) ?? 'Untitled',
        authors: strings(field(note.content, 'authors')),
        ...(venue ? { venue } : {}),
      },
      body: tldr,
      format: 'text',
      label: 'TL;DR by the authors',
      author: "the paper's authors",
      date: null,
      votes: null,
      link: paperPageUrl({ keys: [`openreview:${id}`] }),
      source: {
        ...openReview.info,
        ...(text(note.license) ? { licence: text(note.license)! } : {}),
      },
    };
    return readSummaries([summary]);
  },
};
