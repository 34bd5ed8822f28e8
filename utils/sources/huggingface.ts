import { NetError, parseJsonFrom } from '@/utils/net/fetch-bounded';
import { readSummaries } from '@/utils/core/schema';
import { arxivKey, parseArxivId } from '@/utils/detect/arxiv';
import { idOf, isObject, text, type LiveSource } from './types';

/** Hugging Face Papers' `ai_summary` (machine-generated; `summary` is the abstract, not used). */
export const huggingFace: LiveSource = {
  info: {
    id: 'huggingface',
    name: 'Hugging Face Papers',
    url: 'https://huggingface.co/papers',
    licence: 'Hugging Face terms',
    kind: 'machine',
  },
  // The API path only: huggingface.co/papers is also a paper site, whose access must stay,
  // while this permission is given back when the source is off.
  origins: ['https://huggingface.co/api/*'],
  sends: 'the arXiv id of the paper you open, to huggingface.co',
  requestUrls(ref) {
    const arxiv = idOf(ref.keys, 'arxiv');
    // Only new-style ids: Hugging Face Papers keys papers by them.
    return arxiv && !arxiv.includes('/') ? [`https://huggingface.co/api/papers/${arxiv}`] : [];
  },
  sendsFor: (ref) => [`the arXiv id ${idOf(ref.keys, 'arxiv') ?? ''} to huggingface.co`],
  parse(body, ref) {
    const data = parseJsonFrom('huggingface.co', body);
    if (!isObject(data) || typeof data.id !== 'string') {
      throw new NetError('bad-data', 'Hugging Face sent an answer Sidenotes does not understand.');
    }
    const summaryText = text(data.ai_summary);
    const arxiv = parseArxivId(data.id);
    if (!summaryText) return readSummaries([]);
    const authors = Array.isArray(data.authors)
      ? data.authors
          .map((a) => (isObject(a) ? text(a.name) : undefined))
          .filter((a): a is string => !!a)
      : [];
    // Built from the answer's fields, then rebuilt by the schema like any record from outside.
    const summary = {
      id: `huggingface:${data.id}:ai`,
      paperKeys: [...new Set([...(arxiv ? [arxivKey(arxiv.id)] : []), ...ref.keys])],
      paper: { title: text(data.title) ?? 'Untitled', authors },
      body: summaryText,
      format: 'text',
      label: 'AI summary',
      author: null,
      date: text(data.publishedAt) ?? null,
      votes: null,
      link: `https://huggingface.co/papers/${encodeURIComponent(data.id)}`,
      source: huggingFace.info,
    };
    return readSummaries([summary]);
  },
};
