import type { Summary } from '../summary';
import { buildSearchIndex, type SearchInput } from './build';
import { SearchEngine } from './engine';
import { decodeSearchData } from './format';

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

export function engineOf(bytes: Uint8Array): SearchEngine {
  return new SearchEngine(
    decodeSearchData(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    ),
  );
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
