import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInputLine } from '@/utils/index-format/input';
import { IndexReader } from '@/utils/index-format/reader';
import { lookupSummaries } from '@/utils/index-format/lookup';
import { renderSummaryHtml } from '@/utils/render/markdown';
import {
  cleanSentence,
  httpsLink,
  importLongSumm,
  longsummLicence,
  longsummSource,
  morningPaperTitle,
  paperFromUrl,
  sentencesToMarkdown,
  slugToTitle,
  type LongSummJson,
} from '@/scripts/import-datasets';
import { BUNDLED_OUTPUT } from '@/scripts/build-index';
import { ROOT } from '../../helpers/fixtures';

interface ShippedRecord {
  paper: { title: string; arxivId?: string; doi?: string; keys?: string[] };
  summary: {
    id: string;
    body: string;
    format: string;
    author: string;
    link: string;
    source: { id: string; name: string; licence: string; kind: string };
  };
}

const shipped = readFileSync(join(ROOT, 'data/bundled/longsumm.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as ShippedRecord);

const readCommitted = (path: string) => readFileSync(join(ROOT, BUNDLED_OUTPUT, path), 'utf8');
const bundled = () => [{ name: 'bundled', reader: new IndexReader(async (p) => readCommitted(p)) }];

/** A LongSumm JSON as the dataset has them (this one is Shagun Sodhani's, cut short). */
const raw = (over: Partial<LongSummJson> = {}): LongSummJson => ({
  id: 79792577,
  blog_id: '4d803bc021f579d4aa3b24cec5b994',
  summary: [
    'Task of translating natural language queries into regular expressions without using domain specific knowledge.',
    'Proposes a methodology for collecting a large corpus of regular expressions to natural language pairs.',
    'Reports performance gain of 19.6% over state-of-the-art models.',
    'Dataset is available at  [url]',
  ],
  author_id: 'shugan',
  pdf_url: 'http://arxiv.org/pdf/1608.03000v1',
  author_full_name: 'Shagun Sodhani',
  source_website: 'https://github.com/shagunsodhani/papers-I-read',
  ...over,
});

describe('LongSumm licence, author and link, per summary', () => {
  it('is CC BY-NC-SA 4.0 for ShortScience summaries and CDLA-Sharing-1.0 for the blogs', () => {
    expect(longsummLicence('https://www.shortscience.org/user?name=hlarochelle')).toBe(
      'CC BY-NC-SA 4.0',
    );
    expect(longsummLicence('https://www.shortscience.org/user?name=joecohen')).toBe(
      'CC BY-NC-SA 4.0',
    );
    for (const blog of [
      'https://blog.acolyer.org/about/',
      'https://github.com/shagunsodhani/papers-I-read',
      'https://github.com/aleju/papers',
      'https://pemami4911.github.io/index.html',
      'https://github.com/dair-ai/nlp_paper_summaries',
    ]) {
      expect(longsummLicence(blog), blog).toBe('CDLA-Sharing-1.0');
      expect(longsummSource(blog)).toMatchObject({ kind: 'human', licence: 'CDLA-Sharing-1.0' });
    }
    expect(() => longsummSource('https://example.com/blog')).toThrow(/unknown source_website/);
  });

  it('ships each summary with the licence of its origin, its author and an https link', () => {
    expect(shipped.length).toBeGreaterThan(450);
    const byLicence = new Map<string, number>();
    for (const { summary } of shipped) {
      const fromShortScience = new URL(summary.link).hostname === 'www.shortscience.org';
      expect(summary.source.licence, summary.id).toBe(
        fromShortScience ? 'CC BY-NC-SA 4.0' : 'CDLA-Sharing-1.0',
      );
      expect(summary.source.kind).toBe('human');
      expect(summary.author.trim(), summary.id).not.toBe('');
      expect(summary.link, summary.id).toMatch(/^https:\/\//);
      expect(summary.id).toMatch(/^longsumm:/);
      byLicence.set(summary.source.licence, (byLicence.get(summary.source.licence) ?? 0) + 1);
    }
    // Hugo Larochelle's and Joseph Paul Cohen's ShortScience summaries, less those that
    // were only a link; the six blogs for the rest.
    expect(byLicence.get('CC BY-NC-SA 4.0')).toBe(72);
    expect(byLicence.get('CDLA-Sharing-1.0')).toBe(421);
    const shortscience = shipped.find((r) => r.summary.author === 'Hugo Larochelle')!;
    expect(shortscience.summary).toMatchObject({
      link: 'https://www.shortscience.org/user?name=hlarochelle',
      source: { name: 'ShortScience.org', licence: 'CC BY-NC-SA 4.0' },
    });
  });

  it('upgrades a blog link to https and refuses what is not a web link', () => {
    expect(httpsLink('http://blog.acolyer.org/about/')).toBe('https://blog.acolyer.org/about/');
    expect(httpsLink('https://github.com/aleju/papers')).toBe('https://github.com/aleju/papers');
    expect(httpsLink('mailto:someone@example.com')).toBeNull();
    expect(httpsLink('not a url')).toBeNull();
  });

  it('writes builder input the index builder accepts', () => {
    const lines = readFileSync(join(ROOT, 'data/bundled/longsumm.jsonl'), 'utf8')
      .trim()
      .split('\n');
    for (const line of lines) expect(() => parseInputLine(line)).not.toThrow();
  });
});

describe('LongSumm bodies', () => {
  it('never show [url] or [ref], in the input or in the built index', () => {
    for (const { summary } of shipped) {
      expect(summary.body, summary.id).not.toMatch(/\[(?:url|ref)\]/i);
      expect(summary.body, summary.id).not.toMatch(/[\uE000\uE001]|SIDENOTESMATH/);
    }
    for (const file of readdirSync(join(ROOT, BUNDLED_OUTPUT, 'shards'))) {
      expect(readCommitted(`shards/${file}`), file).not.toMatch(/\[(?:url|ref)\]/i);
    }
  });

  it('drop a lead-in that only pointed at the link, and keep what a sentence says', () => {
    expect(cleanSentence('Here is a video overview:  [url]')).toEqual([]);
    expect(cleanSentence('Ref:  [url]')).toEqual([]);
    expect(cleanSentence('[1]:  [url]')).toEqual([]);
    expect(cleanSentence('Dataset is available at  [url]')).toEqual(['Dataset is available.']);
    expect(cleanSentence('MadMax is available on GitHub at  [url]')).toEqual([
      'MadMax is available on GitHub.',
    ]);
    // "see [url] for" never becomes "see for": the pointing clause goes.
    expect(cleanSentence('The proofs are long; see [url] for the details.')).toEqual([
      'The proofs are long.',
    ]);
    expect(cleanSentence('See [url] for details.')).toEqual([]);
    expect(cleanSentence('Code is available at  [url]  under an MIT licence.')).toEqual([
      'Code is available under an MIT licence.',
    ]);
  });

  it('drop a parenthetical that only held the link, keeping one with words of its own', () => {
    expect(cleanSentence('Today’s paper introduces Cozy (  [url]')).toEqual([
      'Today’s paper introduces Cozy.',
    ]);
    expect(
      cleanSentence(
        'as in the scheduled sampling method of Bengio et al. (see my note:  [ref] ), in that at training time',
      ),
    ).toEqual(['as in the scheduled sampling method of Bengio et al., in that at training time']);
    expect(
      cleanSentence(
        'models are obtained with a parametrization of the conditionals (e.g. see our work on NADE  [ref] ).',
      ),
    ).toEqual([
      'models are obtained with a parametrization of the conditionals (e.g. see our work on NADE).',
    ]);
  });

  it('keep the text of a link inside a sentence, drop images and references to nothing', () => {
    expect(
      cleanSentence('This paper demonstrates that Word2Vec  [ref]  can extract relations.'),
    ).toEqual(['This paper demonstrates that Word2Vec can extract relations.']);
    expect(cleanSentence('The features using the [VLFEAT]( [url]')).toEqual([
      'The features using the VLFEAT.',
    ]);
    expect(cleanSentence('[Inception Module]( [url]')).toEqual([]);
    expect(cleanSentence('[]( [url]')).toEqual([]);
    expect(
      cleanSentence('Much like previous work [\\[1\\]][1] [\\[2\\]][2], learning is automatic.'),
    ).toEqual(['Much like previous work, learning is automatic.']);
  });

  it('group sentences into paragraphs, with line breaks and headings where the post had them', () => {
    const body = sentencesToMarkdown(
      [
        'What  They propose a method to pretrain jointly on video and audio.',
        'It needs no labels.',
        'How  Basic method  They train their network to tell aligned audio from shifted audio.',
        'Misaligned means shifted by a few seconds.',
        'The network has to understand the scene.',
        'It learns this with self-supervision.',
        'A fifth sentence.',
        'A sixth sentence starts a new paragraph.',
        'Results  They reached 59.9% accuracy, x_F beats ~5% of <person> baselines.',
      ],
      { markdown: false },
    );
    expect(body.split('\n\n')).toEqual([
      '**What**',
      'They propose a method to pretrain jointly on video and audio. It needs no labels.',
      '**How**',
      '**Basic method**',
      'They train their network to tell aligned audio from shifted audio. Misaligned means shifted by a few seconds. The network has to understand the scene. It learns this with self-supervision. A fifth sentence.',
      'A sixth sentence starts a new paragraph.',
      '**Results**',
      // Blog text is plain text: Markdown's characters show as typed.
      'They reached 59.9% accuracy, x\\_F beats \\~5% of \\<person\\> baselines.',
    ]);
  });

  it('keep a list of short lines as lines, not headings', () => {
    const body = sentencesToMarkdown(
      [
        'Reports a gain of 19.6% over earlier models.',
        'Architecture  LSTM based sequence to sequence network (with attention)  Six layers  Two encoder layers  Two decoder layers',
        'Attention over encoder layer.',
      ],
      { markdown: false },
    );
    expect(body).toBe(
      'Reports a gain of 19.6% over earlier models.\n\n**Architecture**\n\n' +
        'LSTM based sequence to sequence network (with attention)\nSix layers\nTwo encoder layers\nTwo decoder layers Attention over encoder layer.',
    );
  });

  it('keep ShortScience Markdown and its math, as ShortScience showed it', async () => {
    const body = sentencesToMarkdown(
      [
        'This extends perceptrons  [ref]  but uses the *Hinge* loss:  $$J_i(w) = max(0,\\gamma -y\\_i f(x\\_i))$$  Where $\\gamma$ is the margin.',
      ],
      { markdown: true },
    );
    expect(body).toBe(
      'This extends perceptrons but uses the *Hinge* loss:\n$$J_i(w) = max(0,\\gamma -y_i f(x_i))$$\nWhere $\\gamma$ is the margin.',
    );
    const div = document.createElement('div');
    div.innerHTML = await renderSummaryHtml(body, 'markdown', { images: false });
    expect(div.querySelector('em')?.textContent).toBe('Hinge');
    expect(div.querySelectorAll('math')).toHaveLength(2);
    expect(div.textContent).not.toContain('[ref]');
  });

  it('make the Morning Paper header a paragraph of its own', () => {
    const sentences = [
      'Generalized data structure synthesis Loncaric et al., ICSE’18  Many systems have a few key data structures at their heart.',
      'Finding correct and efficient implementations for these data structures is not always easy.',
    ];
    expect(morningPaperTitle(sentences, 'generalized-data-structure-synthesis')).toBe(
      'Generalized data structure synthesis',
    );
    expect(sentencesToMarkdown(sentences, { markdown: false, headerLine: true })).toBe(
      'Generalized data structure synthesis Loncaric et al., ICSE’18\n\n' +
        'Many systems have a few key data structures at their heart. Finding correct and efficient implementations for these data structures is not always easy.',
    );
    expect(
      morningPaperTitle(
        ['How good are query optimizers, really? Leis et al., VLDB 2015  Text.'],
        'how-good-are-query-optimizers-really',
      ),
    ).toBe('How good are query optimizers, really?');
    // A slug of the system's name alone: the title runs to the byline.
    expect(
      morningPaperTitle(
        ['DDSketch: a fast and fully-mergeable quantile sketch Masson et al., VLDB’19  Text.'],
        'ddsketch',
      ),
    ).toBe('DDSketch: a fast and fully-mergeable quantile sketch');
  });

  it('renders every shipped body to paragraphs with its words', async () => {
    for (const { summary } of shipped.slice(0, 40)) {
      const div = document.createElement('div');
      div.innerHTML = await renderSummaryHtml(summary.body, 'markdown', { images: false });
      expect(div.querySelector('p'), summary.id).not.toBeNull();
      expect(div.textContent, summary.id).not.toMatch(/\[(?:url|ref)\]/);
    }
  });
});

describe('LongSumm paper keys', () => {
  it('maps arXiv URLs, new and old style, abs and pdf, versioned or not', () => {
    const key = (url: string) => paperFromUrl(url).keys;
    expect(key('http://arxiv.org/pdf/1608.03000v1')).toEqual(['arxiv:1608.03000']);
    expect(key('https://arxiv.org/pdf/1805.00923.pdf')).toEqual(['arxiv:1805.00923']);
    expect(key('https://arxiv.org/abs/1906.04341v1')).toEqual(['arxiv:1906.04341']);
    expect(key('https://arxiv.org/pdf/1902.00751')).toEqual(['arxiv:1902.00751']);
    expect(key('https://arxiv.org/abs/hep-th/9901001v2')).toEqual(['arxiv:hep-th/9901001']);
    expect(key('https://arxiv.org/pdf/math.GT/0309136.pdf')).toEqual(['arxiv:math/0309136']);
    // Cornell's name for an arXiv server, in one LongSumm URL.
    expect(key('http://lib-arxiv-008.serverfarm.cornell.edu/pdf/1505.05695v2.pdf')).toEqual([
      'arxiv:1505.05695',
    ]);
    expect(paperFromUrl('http://arxiv.org/pdf/1608.03000v1')).toMatchObject({
      ids: { arxivId: '1608.03000' },
      kind: 'arxiv',
      url: 'https://arxiv.org/abs/1608.03000',
    });
  });

  it('maps DOIs, ACL, OpenReview, PMLR and NeurIPS URLs to their keys', () => {
    expect(
      paperFromUrl('https://dl.acm.org/doi/pdf/10.1145/3317550.3321443?download=true'),
    ).toMatchObject({
      keys: ['doi:10.1145/3317550.3321443'],
      ids: { doi: '10.1145/3317550.3321443' },
    });
    expect(paperFromUrl('https://dl.acm.org/doi/pdf/abs/10.1145/2616498.2616528.pdf').keys).toEqual(
      ['doi:10.1145/2616498.2616528'],
    );
    expect(
      paperFromUrl('https://www.frontiersin.org/articles/10.3389/fncir.2017.00081/full').keys,
    ).toEqual(['doi:10.3389/fncir.2017.00081']);
    expect(paperFromUrl('https://www.aclweb.org/anthology/P17-1081.pdf').keys).toEqual([
      'acl:P17-1081',
    ]);
    expect(paperFromUrl('http://aclweb.org/anthology/N/N16/N16-1056.pdf').keys).toEqual([
      'acl:N16-1056',
    ]);
    expect(paperFromUrl('https://openreview.net/pdf?id=ry_WPG-A-').keys).toEqual([
      'openreview:ry_WPG-A-',
    ]);
    expect(paperFromUrl('http://proceedings.mlr.press/v97/kahng19a/kahng19a.pdf')).toMatchObject({
      keys: ['pmlr:v97/kahng19a'],
      ids: { keys: ['pmlr:v97/kahng19a'] },
      url: 'https://proceedings.mlr.press/v97/kahng19a.html',
    });
    expect(paperFromUrl('http://proceedings.mlr.press/v37/ioffe15.pdf').keys).toEqual([
      'pmlr:v37/ioffe15',
    ]);
    expect(paperFromUrl('https://proceedings.mlr.press/v97/kahng19a.html').keys).toEqual([
      'pmlr:v97/kahng19a',
    ]);
    expect(
      paperFromUrl(
        'http://papers.nips.cc/paper/7248-z-forcing-training-stochastic-recurrent-networks.pdf',
      ),
    ).toMatchObject({
      keys: ['nips:7248'],
      slugTitle: 'z forcing training stochastic recurrent networks',
    });
    expect(
      paperFromUrl(
        'https://proceedings.neurips.cc/paper/2020/hash/b6af2c9703f203a2794be03d443af2e3-Abstract.html',
      ).keys,
    ).toEqual(['neurips:2020/b6af2c9703f203a2794be03d443af2e3']);
    expect(
      paperFromUrl(
        'https://papers.nips.cc/paper_files/paper/2020/file/b6af2c9703f203a2794be03d443af2e3-Paper.pdf',
      ).keys,
    ).toEqual(['neurips:2020/b6af2c9703f203a2794be03d443af2e3']);
  });

  it('keys JMLR and CVF papers as the extension detectors do', () => {
    expect(paperFromUrl('http://www.jmlr.org/papers/volume3/bengio03a/bengio03a.pdf').keys).toEqual(
      ['jmlr:v3/bengio03a'],
    );
    expect(
      paperFromUrl(
        'http://openaccess.thecvf.com/content_ECCV_2018/papers/Ming_Liang_Deep_Continuous_Fusion_ECCV_2018_paper.pdf',
      ).keys[0],
    ).toMatch(/^cvf:eccv2018\//);
  });

  it('invents no key for other URLs', () => {
    for (const url of [
      'https://www.usenix.org/system/files/conference/nsdi17/nsdi17-kelton.pdf',
      'https://www.cs.toronto.edu/~ranzato/publications/taigman_cvpr14.pdf',
    ]) {
      expect(paperFromUrl(url), url).toMatchObject({ keys: [], kind: null });
    }
  });

  it('titles a paper from a blog file name only when it is words', () => {
    expect(slugToTitle('progressive_growing_of_gans', 'It grows GANs progressively.', /_+/)).toBe(
      'Progressive growing of GANs',
    );
    expect(slugToTitle('infogan', '', /_+/)).toBeUndefined();
    expect(slugToTitle('4d803bc021f579d4aa3b24cec5b994', '', /-+/)).toBeUndefined();
    expect(slugToTitle('johanssonss16', '', /-+/)).toBeUndefined();
  });

  it('trusts no URL that one blog gives for different papers', () => {
    const doi = 'https://www.mitpressjournals.org/doi/pdf/10.1162/089976602753712972';
    const sentences = raw().summary;
    const { records, report } = importLongSumm(
      [
        raw({
          blog_id: 'towards-a-natural-benchmark-for-continual-learning',
          pdf_url: doi,
          summary: sentences,
        }),
        raw({
          blog_id: 'multiple-model-based-reinforcement-learning',
          pdf_url: doi,
          summary: sentences,
        }),
      ],
      { byKey: new Map(), byTitle: new Map() },
    );
    expect(report.ambiguousUrls).toHaveLength(1);
    expect(records.map((r) => (r as ShippedRecord).paper)).toEqual([
      expect.not.objectContaining({ doi: expect.anything() }),
      expect.not.objectContaining({ doi: expect.anything() }),
    ]);
    // Each is still found by its own title.
    expect(records.map((r) => (r as ShippedRecord).paper.title)).toEqual([
      'Towards a natural benchmark for continual learning',
      'Multiple model based reinforcement learning',
    ]);
  });

  it('ships no summary that is only a link, and none without a key or a title', () => {
    const { records, report } = importLongSumm(
      [
        raw({
          summary: ['Here is a video overview:  [url]'],
          author_id: 'joecohen',
          source_website: 'https://www.shortscience.org/user?name=joecohen',
        }),
        raw({ pdf_url: 'http://www.cs.toronto.edu/~jmartens/docs/Deep_HessianFree.pdf' }),
        raw(),
      ],
      { byKey: new Map(), byTitle: new Map() },
    );
    expect(report.tooShort).toHaveLength(1);
    expect(report.unmapped).toEqual([
      {
        id: 'longsumm:shugan/4d803bc021f579d4aa3b24cec5b994',
        pdfUrl: 'http://www.cs.toronto.edu/~jmartens/docs/Deep_HessianFree.pdf',
      },
    ]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      paper: { arxivId: '1608.03000', title: 'arXiv:1608.03000', year: 2016 },
      summary: {
        author: 'Shagun Sodhani',
        link: 'https://github.com/shagunsodhani/papers-I-read',
        source: { id: 'longsumm-papers-i-read', licence: 'CDLA-Sharing-1.0', kind: 'human' },
      },
    });
    expect((records[0] as ShippedRecord).summary.body).toBe(
      'Task of translating natural language queries into regular expressions without using domain specific knowledge. Proposes a methodology for collecting a large corpus of regular expressions to natural language pairs. Reports performance gain of 19.6% over state-of-the-art models. Dataset is available.',
    );
  });
});

describe('the bundled index with LongSumm', () => {
  it('finds a LongSumm summary by its arXiv id, with author, licence and link', async () => {
    const { summaries, errors } = await lookupSummaries({ keys: ['arxiv:1902.00751'] }, bundled());
    expect(errors).toEqual([]);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      paper: { title: 'Parameter-Efficient Transfer Learning for NLP' },
      author: 'Elvis Saravia',
      link: 'https://github.com/dair-ai/nlp_paper_summaries',
      source: { id: 'longsumm-dair-ai', licence: 'CDLA-Sharing-1.0', kind: 'human' },
    });
  });

  it('holds every blog summary of a paper several blogs wrote about', async () => {
    const { summaries } = await lookupSummaries({ keys: ['arxiv:1512.03385'] }, bundled());
    expect(summaries.map((s) => s.source.id).sort()).toEqual([
      'longsumm-aleju-papers',
      'longsumm-pemami',
    ]);
    expect(
      summaries.every((s) => s.paper.title === 'Deep residual learning for image recognition'),
    ).toBe(true);
  });

  it('finds a ShortScience summary from LongSumm, licensed CC BY-NC-SA 4.0', async () => {
    const { summaries } = await lookupSummaries({ keys: ['arxiv:1605.03661'] }, bundled());
    expect(summaries[0]).toMatchObject({
      author: 'Hugo Larochelle',
      source: { name: 'ShortScience.org', licence: 'CC BY-NC-SA 4.0' },
    });
  });

  it('finds papers by PMLR and NeurIPS keys and by title', async () => {
    const pmlr = await lookupSummaries({ keys: ['pmlr:v97/ghorbani19c'] }, bundled());
    expect(pmlr.summaries[0]?.paper.title).toBe(
      'Data Shapley: equitable valuation of data for machine learning',
    );
    const neurips = await lookupSummaries({ keys: ['nips:5666'] }, bundled());
    expect(neurips.summaries[0]?.author).toBe('Hugo Larochelle');
    const byTitle = await lookupSummaries({ keys: ['title:the google file system'] }, bundled());
    expect(byTitle.summaries[0]?.source.name).toBe('The Morning Paper');
  });
});
