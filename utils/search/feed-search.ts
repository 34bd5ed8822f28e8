import type { Summary } from '@/utils/core/summary';
import { buildSearchIndex, type SearchInput } from './build';

/**
 * The search index over summaries kept from a feed (ShortScience): built
 * once per sync (a few hundred ms for thousands of summaries) and stored as
 * base64 text beside the feed, so a popup only decodes it. One result per
 * paper; a paper known only by its title opens on its ShortScience page.
 */
export function buildFeedSearch(summaries: readonly Summary[]): Uint8Array | null {
  const papers = new Map<string, SearchInput>();
  for (const s of summaries) {
    const key = s.paperKeys[0];
    if (!key) continue;
    const paper = papers.get(key);
    if (paper) paper.summaries.push(s);
    else
      papers.set(key, {
        key,
        paper: {
          ...s.paper,
          ...(key.startsWith('title:') && s.link ? { url: s.link } : {}),
        },
        summaries: [s],
      });
  }
  return papers.size ? buildSearchIndex([...papers.values()], { maxBodyTerms: 200 }) : null;
}
