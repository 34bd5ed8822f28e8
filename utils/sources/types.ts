import type { PaperRef } from '@/utils/core/paper-ref';
import type { Sends } from '@/utils/core/tab-state';
import type { ReadSummaries } from '@/utils/core/schema';
import type { SummarySource as SourceInfo } from '@/utils/core/summary';
import { isObject } from '@/utils/core/guards';

/** What a source may know of the paper: its keys, and the title and authors its page names. */
export type SourceRef = Pick<PaperRef, 'keys' | 'title' | 'authors'>;

/**
 * A live source of summaries (issue 5): how to ask it about a paper and how
 * to read its answer. Requests go through utils/net/fetch-bounded; parsing is
 * pure, so each source is tested on recorded and broken answers.
 */
export interface LiveSource {
  info: SourceInfo;
  /** Origins it contacts: the optional host permissions it needs when enabled. */
  origins: string[];
  /** What leaves the browser, for the options page. */
  sends: string;
  /** Where to ask about a paper, in order (the next when one has nothing); none when it cannot. */
  requestUrls(ref: SourceRef): string[];
  /**
   * What asking about this paper sends, and to whom, in words ("the arXiv id
   * 2401.00001, to api.semanticscholar.org"); only called when requestUrls has some.
   */
  sendsFor(ref: SourceRef): Sends;
  /**
   * What the cached answer depends on besides the first address, when the
   * parse reads more of the paper than the address holds (its authors).
   */
  cacheKey?(ref: SourceRef): string;
  /**
   * The summaries in an answer, each read through the one schema
   * (utils/core/schema.ts), with why any were dropped; throws
   * NetError('bad-data') on an answer that is not the source's at all.
   */
  parse(text: string, ref: SourceRef): ReadSummaries;
}

export { isObject };

export const idOf = (keys: readonly string[], kind: string): string | undefined =>
  keys.find((k) => k.startsWith(`${kind}:`))?.slice(kind.length + 1);

export const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : undefined;
