import { NetError, parseJsonFrom } from '@/utils/net/fetch-bounded';
import { readSummaries } from '@/utils/core/schema';
import { idOf, isObject, text, type LiveSource } from './types';

/** API v2 wraps every field as {value}; v1 (older venues) uses plain values and "TL;DR". */
const field = (content: Record<string, unknown>, ...names: string[]): unknown => {
  for (const name of names) {
    const v = content[name];
    if (isObject(v) && 'value' in v) return v.value;
    if (v !== undefined) return v;
  }
  return undefined;
};

/** OpenReview's author-written TL;DRs (the authors' own words: human-written). */
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
    'the OpenReview forum id of the paper you open, to api2.openreview.net (and api.openreview.net for older venues)',
  requestUrls(ref) {
    const forum = idOf(ref.keys, 'openreview');
    if (!forum) return [];
    const query = `notes?forum=${encodeURIComponent(forum)}`;
    // API v2 first; venues before 2024 are often only in API v1.
    return [`https://api2.openreview.net/${query}`, `https://api.openreview.net/${query}`];
  },
  parse(body, ref) {
    const data = parseJsonFrom('api2.openreview.net', body);
    if (!isObject(data) || !Array.isArray(data.notes)) {
      throw new NetError('bad-data', 'OpenReview sent an answer Sidenotes does not understand.');
    }
    const forum = idOf(ref.keys, 'openreview');
    // The submission is the note whose id is the forum id; replies carry no TL;DR.
    const note =
      data.notes.find((n) => isObject(n) && n.id === (forum ?? n.forum)) ?? data.notes[0];
    if (!isObject(note) || !isObject(note.content)) return readSummaries([]);
    const tldr = text(field(note.content, 'TLDR', 'TL;DR'));
    if (!tldr) return readSummaries([]);
    const authors = field(note.content, 'authors');
    const id = text(note.forum) ?? text(note.id) ?? forum ?? 'unknown';
    // Built from the answer's fields, then rebuilt by the schema like any record from outside.
    const summary = {
      id: `openreview:${id}:tldr`,
      paperKeys: [`openreview:${id}`, ...ref.keys.filter((k) => k !== `openreview:${id}`)],
      paper: {
        title: text(field(note.content, 'title')) ?? 'Untitled',
        authors: Array.isArray(authors)
          ? authors.filter((a): a is string => typeof a === 'string')
          : [],
        ...(text(field(note.content, 'venue'))
          ? { venue: text(field(note.content, 'venue'))! }
          : {}),
      },
      body: tldr,
      format: 'text',
      label: 'TL;DR by the authors',
      author: "the paper's authors",
      date: null,
      votes: null,
      link: `https://openreview.net/forum?id=${encodeURIComponent(id)}`,
      source: {
        ...openReview.info,
        ...(text(note.license) ? { licence: text(note.license)! } : {}),
      },
    };
    return readSummaries([summary]);
  },
};
