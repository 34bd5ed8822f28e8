import { describe, expect, it } from 'vitest';
import { detectPaper } from '@/utils/detect';

describe('detectPaper', () => {
  // Security review finding: a page's metadata could make a paper of unbounded keys and title.
  it('keeps at most 20 keys and a 1,000-character title from a page', () => {
    const meta: Array<[string, string]> = [
      ['citation_title', 'T'.repeat(5000) + ' and more words'],
      ...Array.from({ length: 300 }, (_, i): [string, string] => ['citation_doi', `10.1234/x${i}`]),
    ];
    const ref = detectPaper('https://arxiv.org/abs/2007.12223', meta)!;
    expect(ref.keys.length).toBeLessThanOrEqual(20);
    expect(ref.title!.length).toBeLessThanOrEqual(1000);
  });
});
