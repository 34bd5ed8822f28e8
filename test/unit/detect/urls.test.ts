import { describe, expect, it } from 'vitest';
import { detectPaper } from '@/utils/detect';
import { doiFromUrl } from '@/utils/detect/doi-url';

/** URL → canonical key (first key), or null for pages that are not papers. */
const CASES: Array<[url: string, key: string | null, version?: string]> = [
  // arXiv, new-style ids, every page kind
  ['https://arxiv.org/abs/2007.12223', 'arxiv:2007.12223'],
  ['https://arxiv.org/abs/2007.12223v1', 'arxiv:2007.12223', 'v1'],
  ['https://arxiv.org/abs/2007.12223v3', 'arxiv:2007.12223', 'v3'],
  ['https://arxiv.org/pdf/2007.12223', 'arxiv:2007.12223'],
  ['https://arxiv.org/pdf/2007.12223v2', 'arxiv:2007.12223', 'v2'],
  ['https://arxiv.org/pdf/2007.12223.pdf', 'arxiv:2007.12223'],
  ['https://arxiv.org/pdf/2007.12223v2.pdf', 'arxiv:2007.12223', 'v2'],
  ['https://arxiv.org/html/2007.12223v2', 'arxiv:2007.12223', 'v2'],
  ['https://arxiv.org/html/2007.12223v1/#S3', 'arxiv:2007.12223', 'v1'],
  ['https://arxiv.org/html/2007.12223v1/x1.png', 'arxiv:2007.12223', 'v1'],
  ['https://www.arxiv.org/abs/2007.12223v1?context=cs', 'arxiv:2007.12223', 'v1'],
  ['http://export.arxiv.org/abs/2007.12223', 'arxiv:2007.12223'],
  ['https://arxiv.org/abs/2007.12223#comments', 'arxiv:2007.12223'],
  ['https://arxiv.org/format/2007.12223', 'arxiv:2007.12223'],
  ['https://arxiv.org/abs/2007.12223v2/', 'arxiv:2007.12223', 'v2'],
  ['https://arxiv.org/pdf/2007.12223v1.pdf#page=3', 'arxiv:2007.12223', 'v1'],
  ['https://arxiv.org/html/2007.12223v2/', 'arxiv:2007.12223', 'v2'],
  ['https://arxiv.org/ps/2007.12223v1', 'arxiv:2007.12223', 'v1'],
  ['https://ARXIV.ORG/abs/2007.12223?utm_source=x', 'arxiv:2007.12223'],
  ['https://export.arxiv.org/pdf/2007.12223', 'arxiv:2007.12223'],
  ['https://arxiv.org/abs/0704.0001', 'arxiv:0704.0001'],
  ['https://arxiv.org/abs/1412.6980v9', 'arxiv:1412.6980', 'v9'],
  ['https://arxiv.org/abs/1706.03762', 'arxiv:1706.03762'],
  // arXiv, old-style ids: archive kept, subject class dropped
  ['https://arxiv.org/abs/hep-th/9901001', 'arxiv:hep-th/9901001'],
  ['https://arxiv.org/abs/hep-th/9901001v2', 'arxiv:hep-th/9901001', 'v2'],
  ['https://arxiv.org/abs/math.GT/0309136v2', 'arxiv:math/0309136', 'v2'],
  ['https://arxiv.org/abs/math.GT/0309136', 'arxiv:math/0309136'],
  ['https://arxiv.org/pdf/hep-th/9901001v1.pdf', 'arxiv:hep-th/9901001', 'v1'],
  ['https://arxiv.org/pdf/cond-mat/0207270', 'arxiv:cond-mat/0207270'],
  ['https://arxiv.org/abs/cs/0112017', 'arxiv:cs/0112017'],
  ['https://arxiv.org/abs/quant-ph/0512258v1', 'arxiv:quant-ph/0512258', 'v1'],
  // mirrors
  ['https://ar5iv.labs.arxiv.org/html/2007.12223', 'arxiv:2007.12223'],
  ['https://ar5iv.org/abs/1706.03762', 'arxiv:1706.03762'],
  ['https://ar5iv.labs.arxiv.org/html/hep-th/9901001', 'arxiv:hep-th/9901001'],
  ['https://alphaxiv.org/abs/2007.12223', 'arxiv:2007.12223'],
  ['https://www.alphaxiv.org/abs/2007.12223v2', 'arxiv:2007.12223', 'v2'],
  ['https://www.alphaxiv.org/overview/2007.12223', 'arxiv:2007.12223'],
  ['https://huggingface.co/papers/2007.12223', 'arxiv:2007.12223'],
  // OpenReview
  ['https://openreview.net/forum?id=rJlnfaNYvB', 'openreview:rJlnfaNYvB'],
  ['https://openreview.net/forum?id=rJlnfaNYvB&noteId=SkgX1XsaKH', 'openreview:rJlnfaNYvB'],
  ['https://openreview.net/pdf?id=rJlnfaNYvB', 'openreview:rJlnfaNYvB'],
  // ACL Anthology (and the old aclweb.org address)
  ['https://aclanthology.org/2021.naacl-main.208/', 'acl:2021.naacl-main.208'],
  ['https://aclanthology.org/2021.naacl-main.208', 'acl:2021.naacl-main.208'],
  ['https://aclanthology.org/2021.naacl-main.208.pdf', 'acl:2021.naacl-main.208'],
  ['https://aclanthology.org/A00-1031/', 'acl:A00-1031'],
  ['https://aclanthology.org/P19-1001.pdf', 'acl:P19-1001'],
  ['https://www.aclweb.org/anthology/P19-1001/', 'acl:P19-1001'],
  // DOI resolver links
  ['https://doi.org/10.18653/v1/2021.naacl-main.208', 'acl:2021.naacl-main.208'],
  ['https://doi.org/10.48550/arXiv.2007.12223', 'arxiv:2007.12223'],
  ['https://doi.org/10.1093/MIND/LIX.236.433', 'doi:10.1093/mind/lix.236.433'],
  // not papers
  ['https://arxiv.org/', null],
  ['https://arxiv.org/list/cs.LG/recent', null],
  ['https://arxiv.org/abs/', null],
  ['https://arxiv.org/abs/garbage', null],
  ['https://arxiv.org/abs/2007.1222', null], // four digits after 2015
  ['https://arxiv.org/abs/1412.69801', null], // five digits before 2015
  ['https://arxiv.org/abs/2013.12223', null], // month 13
  ['https://arxiv.org/abs/hep-th/2501001', null], // old style after 2007
  ['https://arxiv.org/a/frankle_j_1', null],
  ['https://arxiv.org.evil.com/abs/2007.12223', null],
  ['https://arxiv.org/src/2007.12223', null],
  ['https://arxiv.org/search/?query=lottery&searchtype=all', null],
  ['https://huggingface.co/papers/trending', null],
  ['https://openreview.net/group?id=ICLR.cc/2020/Conference', null],
  ['https://openreview.net/profile?id=~Jonathan_Frankle1', null],
  ['https://openreview.net/forum?id=x', null],
  ['https://aclanthology.org/events/acl-2021/', null],
  ['https://aclanthology.org/volumes/2021.naacl-main/', null],
  ['https://aclanthology.org/2021.naacl-main/', null],
  ['https://aclanthology.org/people/a/alexander-m-rush/', null],
  ['https://example.com/abs/2007.12223', null],
  ['https://github.com/google-research/bert', null],
  ['chrome://extensions/', null],
  ['not a url', null],
];

describe('detectPaper from the URL alone', () => {
  it.each(CASES)('%s → %s', (url, key, version) => {
    const ref = detectPaper(url);
    expect(ref?.keys[0] ?? null).toBe(key);
    if (key) expect(ref?.version).toBe(version);
  });

  it('has a table of at least 40 URL forms', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(CASES.filter(([, key]) => key === null).length).toBeGreaterThanOrEqual(10);
  });

  it('never takes the last path segment for an old-style id', () => {
    expect(detectPaper('https://arxiv.org/abs/hep-th/9901001')?.keys).toEqual([
      'arxiv:hep-th/9901001',
    ]);
    expect(detectPaper('https://arxiv.org/abs/hep-th/9901001')?.keys).not.toContain(
      'arxiv:9901001',
    );
  });

  it('gives ACL DOIs both the ACL and the DOI key', () => {
    expect(detectPaper('https://doi.org/10.18653/v1/2021.naacl-main.208')?.keys).toEqual([
      'acl:2021.naacl-main.208',
      'doi:10.18653/v1/2021.naacl-main.208',
    ]);
  });
});

describe("DOIs from publishers' URLs (doi-url.ts): odd forms", () => {
  it.each([
    // one normalization: lower case, percent-decoding, the key grammar
    ['https://dl.acm.org/doi/10.1145%2F3292500.3330701', '10.1145/3292500.3330701'],
    ['https://pubs.rsc.org/en/content/articlehtml/2022/dd/D2DD00066K', '10.1039/d2dd00066k'],
    ['https://www.biorxiv.org/content/10.1101/123456v1', '10.1101/123456'],
    [
      'https://www.frontiersin.org/journals/space-sciences/articles/10.3389/fpace.2022.892330/full',
      '10.3389/fpace.2022.892330',
    ],
    [
      'https://www.tandfonline.com/doi/full/10.1080/01621459.2017.1285773',
      '10.1080/01621459.2017.1285773',
    ],
    ['https://dl.acm.org/doi/10.1145/x%7D,@preamble%7B', null],
    ['https://link.springer.com.evil.com/article/10.1007/s41095-022-0271-y', null],
    ['https://www.nature.com/articles/s41467-018-07210-0/figures/1', null],
    ['https://www.biorxiv.org/content/10.1101/2021.11.08.467690v2.supplementary-material', null],
    ['https://www.ijcai.org/proceedings/2020/0', null],
    ['https://journals.plos.org/climate/article?id=not-a-doi', null],
  ])('%s → %s', (url, doi) => {
    expect(doiFromUrl(new URL(url))).toBe(doi);
  });

  it('gives an arXiv DOI in a publisher URL the arXiv key', () => {
    expect(detectPaper('https://dl.acm.org/doi/abs/10.48550/arXiv.2007.12223')?.keys).toEqual([
      'arxiv:2007.12223',
    ]);
  });
});

describe('hosts named like Object.prototype members', () => {
  // A host is page data: `constructor` or `__proto__` must find no rule, not throw.
  it.each(['constructor', '__proto__', 'hasOwnProperty', 'toString'])('%s', (host) => {
    // The Atypon path holds on any host; the host itself is no rule.
    expect(detectPaper(`https://${host}/doi/10.1234/abc`)?.keys).toEqual(['doi:10.1234/abc']);
    expect(detectPaper(`https://${host}/content/10.1101/2021.11.08.467690v2`)).toBeNull();
    expect(detectPaper(`https://${host}/articles/PMC1234`)).toBeNull();
  });
});
