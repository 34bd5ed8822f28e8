import { NetError, parseJsonFrom } from '@/utils/net/fetch-bounded';
import type { Summary } from '@/utils/core/summary';
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
  origins: ['https://huggingface.co/*'],
  sends: 'the arXiv id of the paper you open, to huggingface.co',
  requestUrls(ref) {
    const arxiv = idOf(ref.keys, 'arxiv');
    // Only new-style ids: Hugging Face Papers keys papers by them.
    return arxiv && !arxiv.includes('/') ? [`https://huggingface.co/api/papers/${arxiv}`] : [];
  },
  sendsFor: (ref) => `the arXiv id ${idOf(ref.keys, 'arxiv') ?? ''} to huggingface.co`,
  parse(body, ref) {
    const data = parseJsonFrom('huggingface.co', body);
    if (!isObject(data) || typeof data.id !== 'string') {
      throw new NetError('bad-data', 'Hugging Face sent an answer Sidenotes does not understand.');
    }
    const summaryText = text(data.ai_summary);
    if (!summaryText) return [];
    const authors = Array.isArray(data.authors)
      ? data.authors
          .map((a) => (isObject(a) ? text(a.name) : undefined))
          .filter((a): a is string => !!a)
      : [];
    const summary: Summary = {
      id: `huggingface:${data.id}:ai`,
      paperKeys: [...new Set([`arxiv:${data.id}`, ...ref.keys])],
      paper: { title: text(data.title) ?? 'Untitled', authors },
      body: summaryText,
      format: 'text',
      label: 'AI summary',
      author: null,
      date: text(data.publishedAt) ?? null,
      votes: null,
      link: `https://huggingface.co/papers/${data.id}`,
      source: huggingFace.info,
    };
    return [summary];
  },
};
