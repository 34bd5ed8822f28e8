import { readFixture } from './fixtures';

/**
 * Semantic Scholar's answer for the arXiv paper `arxivId` (its recorded
 * shape, data/api-responses) with a stand-in TLDR: what the stand-ins of
 * api.semanticscholar.org answer in both browsers' tests.
 */
export function semanticScholarPaper(arxivId: string, title: string, tldr: string): string {
  const recorded = JSON.parse(readFixture('api-responses/Paper.trimmed.json')) as Record<
    string,
    unknown
  >;
  return JSON.stringify({
    ...recorded,
    paperId: `s2-${arxivId}`,
    externalIds: { ArXiv: arxivId },
    title,
    tldr: { model: 'tldr@v2.0.0', text: tldr },
  });
}
