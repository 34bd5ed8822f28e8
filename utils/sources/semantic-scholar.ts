import { arxivKey, parseArxivId } from '@/utils/detect/arxiv';
import { keysForDoi, parseDoi } from '@/utils/detect/doi';
import { NetError, parseJsonFrom } from '@/utils/net/fetch-bounded';
import { readSummaries } from '@/utils/core/schema';
import { safeHttpUrl } from '@/utils/core/url';
import { idOf, isObject, text, type LiveSource } from './types';

const API = 'https://api.semanticscholar.org/graph/v1/paper/';
const FIELDS = 'title,tldr,externalIds,authors,year,venue,url';

/** Semantic Scholar's TLDRs: one machine-generated sentence per paper. */
export const semanticScholar: LiveSource = {
  info: {
    id: 'semanticscholar',
    name: 'Semantic Scholar',
    url: 'https://www.semanticscholar.org',
    licence: 'Semantic Scholar API licence',
    kind: 'machine',
  },
  origins: ['https://api.semanticscholar.org/*'],
  sends: 'the arXiv id, DOI or ACL id of the paper you open, to api.semanticscholar.org',
  requestUrls(ref) {
    const arxiv = idOf(ref.keys, 'arxiv');
    const doi = idOf(ref.keys, 'doi');
    const acl = idOf(ref.keys, 'acl');
    const id = arxiv ? `arXiv:${arxiv}` : doi ? `DOI:${doi}` : acl ? `ACL:${acl}` : null;
    return id ? [`${API}${encodeURIComponent(id).replace('%3A', ':')}?fields=${FIELDS}`] : [];
  },
  sendsFor(ref) {
    const arxiv = idOf(ref.keys, 'arxiv');
    const doi = idOf(ref.keys, 'doi');
    const id = arxiv
      ? `the arXiv id ${arxiv}`
      : doi
        ? `the DOI ${doi}`
        : `the ACL Anthology id ${idOf(ref.keys, 'acl') ?? ''}`;
    return [`${id} to api.semanticscholar.org`];
  },
  parse(body, ref) {
    const data = parseJsonFrom('api.semanticscholar.org', body);
    if (!isObject(data) || typeof data.paperId !== 'string') {
      throw new NetError(
        'bad-data',
        'Semantic Scholar sent an answer Sidenotes does not understand.',
      );
    }
    const tldr = isObject(data.tldr) ? text(data.tldr.text) : undefined;
    if (!tldr) return readSummaries([]);
    const ids = isObject(data.externalIds) ? data.externalIds : {};
    const doi = typeof ids.DOI === 'string' ? parseDoi(ids.DOI) : null;
    const arxiv = typeof ids.ArXiv === 'string' ? parseArxivId(ids.ArXiv) : null;
    const keys = [
      ...ref.keys,
      ...(arxiv ? [arxivKey(arxiv.id)] : []),
      ...(doi ? keysForDoi(doi) : []),
    ];
    const authors = Array.isArray(data.authors)
      ? data.authors
          .map((a) => (isObject(a) ? text(a.name) : undefined))
          .filter((a): a is string => !!a)
      : [];
    const model = isObject(data.tldr) ? text(data.tldr.model) : undefined;
    // Built from the answer's fields, then rebuilt by the schema like any record from outside.
    const summary = {
      id: `semanticscholar:${data.paperId}`,
      paperKeys: [...new Set(keys)],
      paper: {
        title: text(data.title) ?? 'Untitled',
        authors,
        ...(typeof data.year === 'number' ? { year: data.year } : {}),
        ...(text(data.venue) ? { venue: text(data.venue)! } : {}),
      },
      body: tldr,
      format: 'text',
      label: `TLDR${model ? ` (${model})` : ''}`,
      author: null,
      date: null,
      votes: null,
      link:
        safeHttpUrl(data.url) ??
        `https://www.semanticscholar.org/paper/${encodeURIComponent(data.paperId)}`,
      source: semanticScholar.info,
    };
    return readSummaries([summary]);
  },
};
