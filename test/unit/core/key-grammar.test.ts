import { describe, expect, it } from 'vitest';
import { isCanonicalKey, KEY_KINDS, keyPageUrl } from '@/utils/core/paper-ref';
import { detectPaper } from '@/utils/detect';
import { parseDoi } from '@/utils/detect/doi';
import { readPageMeta } from '@/utils/detect/meta';
import { InputError, parseInputLine } from '@/utils/index-format/input';
import { parseImport } from '@/utils/library/import';
import { exportJson } from '@/utils/library/export';
import { paperForBibtexKey } from '@/utils/library/shortscience-csv';
import { isPaperKeys } from '@/utils/messaging/validate';
import { generateItems } from '../library/helpers';

/** Finding 8: a page's citation_doi that would break out of a BibTeX field. */
const HOSTILE_DOI = '10.1234/x},@preamble{"\\immediate\\write18{rm -rf ~}"},@misc{y';

describe('the one key grammar', () => {
  it.each([
    'arxiv:2007.12223',
    'arxiv:1706.03762',
    'arxiv:hep-th/9901001',
    'arxiv:cond-mat/0601001',
    'doi:10.18653/v1/2021.naacl-main.208',
    'doi:10.1093/mind/lix.236.433',
    'doi:10.1016/s0140-6736(97)11096-0',
    'doi:10.1002/(sici)1097-4571(199806)49:8',
    'openreview:rJlnfaNYvB',
    'openreview:BJ8vJebC-',
    'acl:P19-1001',
    'acl:2021.naacl-main.208',
    'neurips:2017/3f5ee243547dee91fbd053c1c4a845aa',
    'nips:7181',
    'pmlr:v97/kahng19a',
    'cvf:cvpr2016/he_deep_residual_learning',
    'jmlr:v21/20-074',
    's2:204e3073870fae3d05bcbc2f6a8e263d9b72e776',
    'pmc:PMC7249434',
    'pii:S2589721721000349',
    'pii:S014067369711096X',
    'ieee:9090146',
    'inspire:2095720',
    'inspirefile:d49a276d7d2370cce978dd900d94ab84',
    'shortscience:conf/nips/SmithJ17',
    'shortscience:journals/corr/abs-1713-00001',
    'title:attention is all you need',
    'title:empir ensembles of mixed precision',
    'title:深度学习 的 研究',
  ])('accepts %s', (key) => expect(isCanonicalKey(key)).toBe(true));

  it.each([
    `doi:${HOSTILE_DOI}`,
    'doi:10.1234/with space',
    'doi:10.1234/"quoted"',
    'doi:10.1234/UPPER',
    'doi:10.12/too-short-prefix',
    'doi:10.1234/a{b}',
    'doi:10.1234/a\\b',
    'doi:10.1234/a@b',
    'doi:10.1234/a%7Bb',
    'doi:10.1234/a#b',
    'arxiv:2007.12223v2',
    'arxiv:2007.12223}',
    'openreview:short',
    'openreview:abc}defgh',
    'acl:P19-1001 ',
    'nips:7181a',
    's2:xyz',
    'pmc:7249434',
    'pmc:pmc7249434',
    'pii:S25897217210003',
    'pii:10.1016/S2589721721000349',
    'ieee:9090146a',
    'inspire:literature/2095720',
    'inspirefile:D49A276D7D2370CCE978DD900D94AB84',
    'shortscience:conf/nips/Smith{J17}',
    'shortscience:@preamble',
    'title:has  two spaces',
    'title:Upper-Case, punctuation!',
    'title:',
    'neurips:nips-5865',
    'evil:kind',
    'ARXIV:2007.12223',
    '__proto__:x',
    'constructor:x',
    'arxiv',
    '',
    `title:${'a '.repeat(600)}b`,
  ])('refuses %j', (key) => expect(isCanonicalKey(key)).toBe(false));

  it('knows every kind a key is made of', () => {
    expect([...KEY_KINDS].sort()).toEqual(
      [
        'acl',
        'arxiv',
        'cvf',
        'doi',
        'jmlr',
        'neurips',
        'nips',
        'openreview',
        'pmlr',
        's2',
        'pmc',
        'pii',
        'ieee',
        'inspire',
        'inspirefile',
        'shortscience',
        'title',
      ].sort(),
    );
  });
});

describe('finding 8: keys are checked wherever they are created', () => {
  it('detection: a hostile citation_doi is no DOI and becomes no key', () => {
    expect(parseDoi(HOSTILE_DOI)).toBeNull();
    expect(parseDoi('https://doi.org/10.1234/ok.1')).toBe('10.1234/ok.1');
    const meta = readPageMeta([
      ['citation_title', 'A Paper About Things'],
      ['citation_doi', HOSTILE_DOI],
    ]);
    expect(meta.keys).toEqual([]);
    const ref = detectPaper('https://example.org/paper', [
      ['citation_title', 'A Paper About Things'],
      ['citation_doi', HOSTILE_DOI],
    ]);
    expect(ref?.keys).toEqual(['title:a paper about things']);
  });

  it('messages: the worker refuses keys outside the grammar', () => {
    expect(isPaperKeys(['arxiv:2007.12223'])).toBe(true);
    expect(isPaperKeys([`doi:${HOSTILE_DOI}`])).toBe(false);
    expect(isPaperKeys(['doi:10.1234/x}'])).toBe(false);
    expect(isPaperKeys(['neurips:anything goes'])).toBe(false);
  });

  it('index input: a key of an unknown kind or outside its grammar is refused', () => {
    const line = (paper: object) =>
      JSON.stringify({
        paper: { title: 'A Paper About Things', ...paper },
        summary: { body: 'Body.', source: 'shortscience' },
      });
    expect(() => parseInputLine(line({ keys: ['evil:x'] }))).toThrow(InputError);
    expect(() => parseInputLine(line({ keys: ['evil:x'] }))).toThrow(/not a kind of key/);
    expect(() => parseInputLine(line({ keys: ['pmlr:v97/a}b'] }))).toThrow(/not a valid pmlr key/);
    expect(() => parseInputLine(line({ doi: HOSTILE_DOI }))).toThrow(/is not a DOI/);
    expect(() => parseInputLine(line({ openreviewId: 'x}y' }))).toThrow(/not an OpenReview/);
    expect(parseInputLine(line({ keys: ['pmlr:v97/kahng19a'] })).keys).toEqual([
      'pmlr:v97/kahng19a',
    ]);
  });

  it('import: an item whose keys are all outside the grammar is refused', () => {
    const data = JSON.parse(exportJson(generateItems(2))) as {
      items: Array<{ summary: { paperKeys: string[] } }>;
    };
    data.items[0]!.summary.paperKeys = [`doi:${HOSTILE_DOI}`];
    const original = data.items[1]!.summary.paperKeys;
    data.items[1]!.summary.paperKeys = [`doi:${HOSTILE_DOI}`, ...original];
    const parsed = parseImport(JSON.stringify(data));
    expect(parsed.invalid).toEqual([
      { entry: 1, reason: 'summary.paperKeys holds no valid paper key' },
    ]);
    expect(parsed.items[0]!.summary.paperKeys).toEqual(original);
  });

  it('ShortScience CSV import: a bibtexKey outside the grammar is no paper id', () => {
    expect(paperForBibtexKey(HOSTILE_DOI)).toBeNull();
    expect(paperForBibtexKey('conf/nips/Smith},@preamble{x')).toBeNull();
    expect(paperForBibtexKey('conf/nips/SmithJ17')?.keys).toEqual([
      'shortscience:conf/nips/SmithJ17',
    ]);
  });
});

describe('the page a key names', () => {
  it.each([
    ['arxiv:2007.12223', 'https://arxiv.org/abs/2007.12223'],
    ['arxiv:hep-th/9901001', 'https://arxiv.org/abs/hep-th/9901001'],
    ['openreview:rJlnfaNYvB', 'https://openreview.net/forum?id=rJlnfaNYvB'],
    ['acl:P19-1001', 'https://aclanthology.org/P19-1001/'],
    ['doi:10.18653/v1/2021.naacl-main.208', 'https://doi.org/10.18653/v1/2021.naacl-main.208'],
    ['pmlr:v97/frankle19a', null],
    ['title:attention is all you need', null],
    ['arxiv:2007.12223/../../evil', null],
    ['openreview:x"><script>', null],
    [`doi:${HOSTILE_DOI}`, null],
  ])('%s → %s', (key, url) => {
    expect(keyPageUrl(key)).toBe(url);
  });
});
