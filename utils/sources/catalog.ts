import { originPattern, type LiveSourceId, type SourceSettings } from './settings';
import type { SummaryKind } from '@/utils/core/summary';
import { huggingFace } from './huggingface';
import { openReview } from './openreview';
import { semanticScholar } from './semantic-scholar';
import { SHORTSCIENCE_ORIGINS } from '@/utils/core/shortscience';
import type { LiveSource } from './types';

/** Sources asked about each paper as it is opened. */
export const LIVE_SOURCES: readonly LiveSource[] = [openReview, semanticScholar, huggingFace];

/** What the options page says of each source, and the host permissions it needs. */
export interface SourceDescription {
  id: LiveSourceId;
  name: string;
  kind: SummaryKind;
  what: string;
  sends: string;
  origins: string[];
}

export const SOURCE_DESCRIPTIONS: readonly SourceDescription[] = [
  {
    id: 'shortscience',
    name: 'ShortScience.org feed',
    kind: 'human',
    what: 'Every public ShortScience.org summary with more than one vote, in full text with links removed. Its feed (rss-full.xml) is the whole archive, not only the newest: turning it on downloads all of it at once, then checks for changes at most once a day. Kept in this browser, the summaries show beside their papers and in search.',
    sends:
      'nothing about what you read: one request a day for the public feed, to www.shortscience.org',
    origins: SHORTSCIENCE_ORIGINS,
  },
  {
    id: 'openreview',
    name: openReview.info.name,
    kind: 'human',
    what: 'The TL;DR the authors wrote when they submitted the paper to OpenReview, also for arXiv papers whose title and authors match a submission there.',
    sends: openReview.sends,
    origins: openReview.origins,
  },
  {
    id: 'semanticscholar',
    name: semanticScholar.info.name,
    kind: 'machine',
    what: 'A one-sentence TLDR that Semantic Scholar generates with a language model.',
    sends: semanticScholar.sends,
    origins: semanticScholar.origins,
  },
  {
    id: 'huggingface',
    name: huggingFace.info.name,
    kind: 'machine',
    what: 'The AI-generated summary Hugging Face Papers shows for papers posted there.',
    sends: huggingFace.sends,
    origins: huggingFace.origins,
  },
];

export const liveSource = (id: string): LiveSource | undefined =>
  LIVE_SOURCES.find((s) => s.info.id === id);

/** The host permissions the settings need: those of every source on, and each remote index's host. */
export function neededOrigins(settings: SourceSettings): Set<string> {
  return new Set([
    ...SOURCE_DESCRIPTIONS.filter((s) => settings.enabled[s.id]).flatMap((s) => s.origins),
    ...settings.remoteIndexes.map(originPattern),
  ]);
}
