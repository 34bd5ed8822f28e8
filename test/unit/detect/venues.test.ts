import { describe, expect, it } from 'vitest';
import { detectPaper } from '@/utils/detect';
import { keysForDoi } from '@/utils/detect/doi';
import { orderKeys } from '@/utils/core/paper-ref';

/*
 * The proceedings and index sites ML readers use: NeurIPS, PMLR, CVF open
 * access, JMLR, Semantic Scholar. Each detector file lists its main URL
 * forms (checked by conventions.test.ts); this table adds the odd ones:
 * http, case, trailing slashes, queries and fragments, and the pages on the
 * same hosts (and lookalike hosts) that are not papers.
 */

const ATTENTION = 'neurips:2017/3f5ee243547dee91fbd053c1c4a845aa';
const S2_ATTENTION = 's2:204e3073870fae3d05bcbc2f6a8e263d9b72e776';

const CASES: Array<[url: string, key: string | null]> = [
  // NeurIPS: hash forms, abstract and PDF share a key
  [
    'http://papers.nips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html',
    ATTENTION,
  ],
  [
    'https://PAPERS.NIPS.CC/paper/2017/hash/3F5EE243547DEE91FBD053C1C4A845AA-Abstract.html',
    ATTENTION,
  ],
  [
    'https://proceedings.neurips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html?utm_source=x#abstract',
    ATTENTION,
  ],
  [
    'https://proceedings.neurips.cc/paper_files/paper/2017/file/3f5ee243547dee91fbd053c1c4a845aa-Paper.pdf',
    ATTENTION,
  ],
  [
    // a link that mixes the folders up still names the paper
    'https://proceedings.neurips.cc/paper_files/paper/2022/hash/ee604e1bedbd069d9fc9328b7b9584be-Paper-Datasets_and_Benchmarks.pdf',
    'neurips:2022/ee604e1bedbd069d9fc9328b7b9584be',
  ],
  [
    'https://proceedings.neurips.cc/paper_files/paper/2024/hash/97091a5177d8dc64b1da8bf3e1f6fb54-Abstract-Datasets_and_Benchmarks_Track.html',
    'neurips:2024/97091a5177d8dc64b1da8bf3e1f6fb54',
  ],
  // NeurIPS: the pre-2020 numbered form (LongSumm links to these)
  ['http://papers.nips.cc/paper/4043-learning-to-count-objects-in-images.pdf', 'nips:4043'],
  ['https://papers.nips.cc/paper/7181-attention-is-all-you-need/', 'nips:7181'],
  ['https://proceedings.neurips.cc/paper/7181-attention-is-all-you-need.pdf', 'nips:7181'],
  // NeurIPS: a paper's other files resolve to the paper
  [
    'https://papers.nips.cc/paper_files/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Bibtex.bib',
    ATTENTION,
  ],
  [
    'https://papers.nips.cc/paper_files/paper/2022/file/4a9eaf6dff3fdac9ab1aaf4c0fe2d563-Supplemental-Conference.pdf',
    'neurips:2022/4a9eaf6dff3fdac9ab1aaf4c0fe2d563',
  ],
  ['https://papers.nips.cc/paper/7181-attention-is-all-you-need-supplemental.pdf', 'nips:7181'],
  // NeurIPS: not papers
  ['https://papers.nips.cc/', null],
  ['https://papers.nips.cc/paper_files/paper/2017/', null],
  ['https://proceedings.neurips.cc/paper/2020', null],
  ['https://papers.nips.cc/paper_files/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa', null],
  [
    'https://neurips.cc/paper_files/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html',
    null,
  ],
  [
    'https://papers.nips.cc/paper_files/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845a-Abstract.html',
    null,
  ], // 31 hex digits
  ['https://papers.nips.cc/paper/7181-attention-is-all-you-need/bibtex', null],
  ['https://papers.nips.cc/book/advances-in-neural-information-processing-systems-30-2017', null],
  ['https://neurips.cc/virtual/2023/poster/70000', null],
  [
    'https://papers.nips.cc.evil.com/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html',
    null,
  ],
  [
    'https://evil.com/papers.nips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html',
    null,
  ],
  // PMLR
  ['http://proceedings.mlr.press/v37/ioffe15.pdf', 'pmlr:v37/ioffe15'],
  ['http://proceedings.mlr.press/v80/santoro18a/santoro18a.pdf', 'pmlr:v80/santoro18a'],
  ['https://proceedings.mlr.press/v139/radford21a.html?ref=x#sec1', 'pmlr:v139/radford21a'],
  ['https://proceedings.mlr.press/V139/Radford21a.html', 'pmlr:v139/radford21a'],
  ['http://www.jmlr.org/proceedings/papers/v37/ioffe15.html', 'pmlr:v37/ioffe15'],
  ['https://proceedings.mlr.press/', null],
  ['https://proceedings.mlr.press/v139', null],
  ['https://proceedings.mlr.press/v139/index.html', null],
  ['https://proceedings.mlr.press/v139/radford21a/radford21a-supp.pdf', 'pmlr:v139/radford21a'],
  ['https://proceedings.mlr.press/v139/radford21a', 'pmlr:v139/radford21a'],
  ['https://proceedings.mlr.press/v139/index', null],
  ['https://proceedings.mlr.press/v139/radford21a/radford21a-appendix.pdf', null],
  ['https://proceedings.mlr.press/v139/radford21a.bib', null],
  ['https://proceedings.mlr.press/spec.html', null],
  ['https://proceedings.mlr.press.evil.com/v139/radford21a.html', null],
  ['https://evilproceedings.mlr.press/v139/radford21a.html', null],
  ['https://mlr.press/v139/radford21a.html', null],
  // CVF open access
  [
    'http://openaccess.thecvf.com/content_ECCV_2018/papers/Yuxin_Wu_Group_Normalization_ECCV_2018_paper.pdf',
    'cvf:eccv2018/yuxin_wu_group_normalization',
  ],
  [
    'https://openaccess.thecvf.com/content_CVPR_2016/html/He_Deep_Residual_Learning_CVPR_2016_paper.html?x=1#abs',
    'cvf:cvpr2016/he_deep_residual_learning',
  ],
  [
    'https://openaccess.thecvf.com/content_cvpr_2016/papers/He_Deep_Residual_Learning_CVPR_2016_paper.pdf',
    'cvf:cvpr2016/he_deep_residual_learning',
  ],
  [
    'https://openaccess.thecvf.com/content_cvpr_2018_workshops/papers/w3/Naphade_The_2018_NVIDIA_CVPR_2018_paper.pdf',
    'cvf:cvpr2018w/naphade_the_2018_nvidia',
  ],
  [
    'https://openaccess.thecvf.com/content_cvpr_2018_workshops/w3/html/Naphade_The_2018_NVIDIA_CVPR_2018_paper.html',
    'cvf:cvpr2018w/naphade_the_2018_nvidia',
  ],
  [
    'https://openaccess.thecvf.com/content/WACV2021W/HADCV/html/Godil_2020_Sequestered_Data_Evaluation_for_Known_Activities_in_Extended_Video_WACVW_2021_paper.html',
    'cvf:wacv2021w/godil_2020_sequestered_data_evaluation_for_known_activities_in_extended_video',
  ],
  [
    'https://openaccess.thecvf.com/content_ICCVW_2019/papers/VISDrone/Zhang_How_to_Fully_Exploit_The_Abilities_of_Aerial_Image_Detectors_ICCVW_2019_paper.pdf',
    'cvf:iccv2019w/zhang_how_to_fully_exploit_the_abilities_of_aerial_image_detectors',
  ],
  [
    'https://openaccess.thecvf.com/content_iccv_2015/html/Malinowski_Ask_Your_Neurons_ICCV_2015_paper.html',
    'cvf:iccv2015/malinowski_ask_your_neurons',
  ],
  [
    'https://openaccess.thecvf.com/content/ACCV2020/html/Drory_Best_Buddies_Registration_for_Point_Clouds_ACCV_2020_paper.html',
    'cvf:accv2020/drory_best_buddies_registration_for_point_clouds',
  ],
  ['https://openaccess.thecvf.com/', null],
  ['https://openaccess.thecvf.com/menu', null],
  ['https://openaccess.thecvf.com/CVPR2023?day=all', null],
  ['https://openaccess.thecvf.com/content/CVPR2023/html/', null],
  [
    'https://openaccess.thecvf.com/content/CVPR2021/supplemental/Wu_Greedy_Hierarchical_Variational_CVPR_2021_supplemental.pdf',
    null,
  ],
  // a year that is not the folder's
  [
    'https://openaccess.thecvf.com/content/CVPR2021/html/Wu_Greedy_Hierarchical_Variational_CVPR_2020_paper.html',
    null,
  ],
  [
    'https://openaccess.thecvf.com.evil.com/content/CVPR2021/html/Wu_Greedy_CVPR_2021_paper.html',
    null,
  ],
  ['https://www.thecvf.com/content/CVPR2021/html/Wu_Greedy_CVPR_2021_paper.html', null],
  // JMLR
  ['http://www.jmlr.org/papers/volume3/bengio03a/bengio03a.pdf', 'jmlr:v3/bengio03a'],
  ['https://www.jmlr.org/papers/v21/20-074.html?x=1#abstract', 'jmlr:v21/20-074'],
  ['https://JMLR.org/papers/V21/20-074.html', 'jmlr:v21/20-074'],
  ['https://jmlr.org/papers/', null],
  ['https://jmlr.org/papers/v21', null],
  ['https://jmlr.org/papers/volume21/20-074/20-075.pdf', null],
  ['https://jmlr.org/papers/v21/20-074.bib', null],
  ['https://jmlr.org/tmlr/papers/', null],
  ['https://jmlr.org/author-info.html', null],
  ['https://jmlr.org.evil.com/papers/v21/20-074.html', null],
  ['https://notjmlr.org/papers/v21/20-074.html', null],
  // Semantic Scholar
  [
    'https://www.semanticscholar.org/paper/Attention-is-All-you-Need-Vaswani-Shazeer/204e3073870fae3d05bcbc2f6a8e263d9b72e776/',
    S2_ATTENTION,
  ],
  [
    'https://www.semanticscholar.org/paper/Attention-is-All-you-Need-Vaswani-Shazeer/204E3073870FAE3D05BCBC2F6A8E263D9B72E776?sort=relevance#citing-papers',
    S2_ATTENTION,
  ],
  [
    'http://pdfs.semanticscholar.org/a57d/cde5113855aec888b2a4e1fdd6e3956ce2e6.pdf',
    's2:a57dcde5113855aec888b2a4e1fdd6e3956ce2e6',
  ],
  ['https://www.semanticscholar.org/', null],
  ['https://www.semanticscholar.org/paper/204e3073870fae3d05bcbc2f6a8e263d9b72e77', null], // 39
  ['https://www.semanticscholar.org/author/Ashish-Vaswani/40348417', null],
  ['https://www.semanticscholar.org/venue?name=Neural%20Information%20Processing%20Systems', null],
  ['https://www.semanticscholar.org/me/library', null],
  ['https://www.semanticscholar.org/paper/a/b/204e3073870fae3d05bcbc2f6a8e263d9b72e776', null],
  ['https://api.semanticscholar.org/graph/v1/paper/204e3073870fae3d05bcbc2f6a8e263d9b72e776', null],
  ['https://www.semanticscholar.org.evil.com/paper/204e3073870fae3d05bcbc2f6a8e263d9b72e776', null],
  ['https://pdfs.semanticscholar.org/a57d/cde5113855aec888b2a4e1fdd6e3956ce2e6.html', null],
];

describe('detectPaper on NeurIPS, PMLR, CVF, JMLR and Semantic Scholar URLs', () => {
  it.each(CASES)('%s → %s', (url, key) => {
    const ref = detectPaper(url);
    expect(ref?.keys[0] ?? null).toBe(key);
    if (key) expect(ref?.keys).toEqual([key]);
  });

  it('has positives and negatives for every site', () => {
    for (const kind of ['neurips:', 'nips:', 'pmlr:', 'cvf:', 'jmlr:', 's2:'])
      expect(CASES.filter(([, key]) => key?.startsWith(kind)).length).toBeGreaterThanOrEqual(2);
    expect(CASES.filter(([, key]) => key === null).length).toBeGreaterThanOrEqual(40);
  });
});

function page(head: string): Document {
  return new DOMParser().parseFromString(`<html><head>${head}</head></html>`, 'text/html');
}

/*
 * Composed pages, not saved ones: the Highwire `citation_*` tags these sites
 * put in their heads, as Google Scholar's inclusion guidelines describe them
 * (NeurIPS adds `citation_doi` from its 2024 volume on). Values are those of
 * the papers named; the DOI of the NeurIPS 2024 case is made up.
 */
describe('metadata on venue pages', () => {
  it('adds the title and authors to the URL key (NeurIPS abstract page)', () => {
    const doc = page(`
      <meta name="citation_title" content="Attention is All you Need">
      <meta name="citation_author" content="Vaswani, Ashish">
      <meta name="citation_author" content="Shazeer, Noam">
      <meta name="citation_journal_title" content="Advances in Neural Information Processing Systems">
      <meta name="citation_volume" content="30">
      <meta name="citation_pdf_url" content="https://proceedings.neurips.cc/paper_files/paper/2017/file/3f5ee243547dee91fbd053c1c4a845aa-Paper.pdf">`);
    const ref = detectPaper(
      'https://proceedings.neurips.cc/paper_files/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html',
      doc,
    );
    expect(ref?.keys).toEqual([ATTENTION, 'title:attention is all you need']);
    expect(ref?.authors).toEqual(['Ashish Vaswani', 'Noam Shazeer']);
  });

  it('adds the DOI a NeurIPS 2024 page gives', () => {
    const doc = page(`
      <meta name="citation_title" content="A Benchmark Composed for This Test">
      <meta name="citation_doi" content="10.52202/079017-9999">`);
    const ref = detectPaper(
      'https://proceedings.neurips.cc/paper_files/paper/2024/hash/97091a5177d8dc64b1da8bf3e1f6fb54-Abstract-Datasets_and_Benchmarks_Track.html',
      doc,
    );
    expect(ref?.keys).toEqual([
      'neurips:2024/97091a5177d8dc64b1da8bf3e1f6fb54',
      'doi:10.52202/079017-9999',
      'title:a benchmark composed for this test',
    ]);
  });

  it('makes an arXiv DOI in the metadata the canonical key (Semantic Scholar page)', () => {
    const doc = page(`
      <meta name="citation_title" content="Attention is All you Need">
      <meta name="citation_doi" content="10.48550/arXiv.1706.03762">`);
    const ref = detectPaper(
      'https://www.semanticscholar.org/paper/Attention-is-All-you-Need-Vaswani-Shazeer/204e3073870fae3d05bcbc2f6a8e263d9b72e776',
      doc,
    );
    expect(ref?.keys).toEqual([
      'arxiv:1706.03762',
      S2_ATTENTION,
      'title:attention is all you need',
    ]);
  });

  it('makes a DOI in the metadata the canonical key of a Semantic Scholar page, not of a venue page', () => {
    const doc = page(`
      <meta name="citation_title" content="Attention is All you Need">
      <meta name="citation_doi" content="10.5555/3295222.3295349">`);
    const s2 = detectPaper(
      'https://www.semanticscholar.org/paper/204e3073870fae3d05bcbc2f6a8e263d9b72e776',
      doc,
    );
    expect(s2?.keys.slice(0, 2)).toEqual(['doi:10.5555/3295222.3295349', S2_ATTENTION]);
    const venue = detectPaper(
      'https://proceedings.neurips.cc/paper_files/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html',
      doc,
    );
    expect(venue?.keys.slice(0, 2)).toEqual([ATTENTION, 'doi:10.5555/3295222.3295349']);
    // Without metadata the record's id is all there is.
    expect(
      detectPaper('https://www.semanticscholar.org/reader/204e3073870fae3d05bcbc2f6a8e263d9b72e776')
        ?.keys,
    ).toEqual([S2_ATTENTION]);
  });

  it('keeps a PMLR, CVF or JMLR page known by title and its arXiv id', () => {
    const doc = page(`
      <meta name="citation_title" content="Learning Transferable Visual Models From Natural Language Supervision">
      <meta name="citation_author" content="Radford, Alec">
      <meta name="citation_conference_title" content="Proceedings of the 38th International Conference on Machine Learning">
      <meta name="citation_arxiv_id" content="2103.00020">`);
    const ref = detectPaper('https://proceedings.mlr.press/v139/radford21a.html', doc);
    expect(ref?.keys).toEqual([
      'pmlr:v139/radford21a',
      'arxiv:2103.00020',
      'title:learning transferable visual models from natural language supervision',
    ]);
    expect(ref?.title).toBe(
      'Learning Transferable Visual Models From Natural Language Supervision',
    );
    for (const url of [
      'https://openaccess.thecvf.com/content/CVPR2021/html/Wu_Greedy_CVPR_2021_paper.html',
      'https://jmlr.org/papers/v21/20-074.html',
    ]) {
      expect(detectPaper(url, doc)?.keys.slice(1)).toEqual(ref?.keys.slice(1));
    }
  });
});

describe('arXiv DOIs', () => {
  it.each([
    ['10.48550/arxiv.1706.03762', 'arxiv:1706.03762'],
    ['10.48550/arxiv.1706.03762v5', 'arxiv:1706.03762'],
    ['10.48550/arxiv.hep-th/9901001', 'arxiv:hep-th/9901001'],
    ['10.48550/arxiv.math.gt/0309136', 'arxiv:math/0309136'],
  ])('%s → %s', (doi, key) => {
    expect(keysForDoi(doi)).toEqual([key]);
  });

  it('keeps a DOI of the arXiv prefix that names no arXiv id as a DOI', () => {
    expect(keysForDoi('10.48550/arxiv.not-an-id')).toEqual(['doi:10.48550/arxiv.not-an-id']);
  });

  it.each([
    'https://doi.org/10.48550/arXiv.1706.03762',
    'https://doi.org/10.48550/ARXIV.1706.03762',
    'https://dx.doi.org/10.48550%2FarXiv.1706.03762',
    'https://arxiv.org/abs/1706.03762v7',
  ])('%s → arxiv:1706.03762', (url) => {
    expect(detectPaper(url)?.keys).toEqual(['arxiv:1706.03762']);
  });
});

describe('orderKeys with venue keys', () => {
  it('puts venue ids after the DOI and before the title', () => {
    expect(
      orderKeys([
        'title:attention is all you need',
        's2:204e3073870fae3d05bcbc2f6a8e263d9b72e776',
        'nips:7181',
        'doi:10.5555/3295222.3295349',
        'arxiv:1706.03762',
      ]),
    ).toEqual([
      'arxiv:1706.03762',
      'doi:10.5555/3295222.3295349',
      's2:204e3073870fae3d05bcbc2f6a8e263d9b72e776',
      'nips:7181',
      'title:attention is all you need',
    ]);
  });
});
