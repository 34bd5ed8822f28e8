import { describe, expect, it } from 'vitest';
import { parseDoi } from '@/utils/detect/doi';

describe('parseDoi', () => {
  // Security review finding: trimming a DOI's trailing punctuation with an
  // end-anchored regex was quadratic on a hostile run of dots.
  it('trims trailing punctuation from a DOI in one pass, with the same result', () => {
    expect(parseDoi('10.1234/abc.def).,;')).toBe('10.1234/abc.def');
    const hostile = `10.1234/${'.'.repeat(200_000)}x${'.'.repeat(200_000)}`;
    expect(parseDoi(hostile)).toBeNull(); // not a DOI by the key grammar; and it returns
  });
});
