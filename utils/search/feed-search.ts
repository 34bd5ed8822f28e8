import type { Summary } from '../summary';
import { buildSearchIndex, type SearchInput } from './build';
import { SearchEngine } from './engine';
import { decodeSearchData } from './format';

/**
 * A search engine over summaries kept locally from a feed (ShortScience),
 * built when a search page opens: one result per paper. A paper known only
 * by its title opens on its ShortScience page.
 */
export function feedSearchEngine(summaries: readonly Summary[]): SearchEngine | null {
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
  if (!papers.size) return null;
  const bytes = buildSearchIndex([...papers.values()], { maxBodyTerms: 200 });
  return new SearchEngine(
    decodeSearchData(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    ),
  );
}
