import { describe, expect, it } from 'vitest';
import { sendsText } from '@/utils/core/tab-state';
import { NetError } from '@/utils/net/fetch-bounded';
import { huggingFace } from '@/utils/sources/huggingface';
import { openReview } from '@/utils/sources/openreview';
import { semanticScholar } from '@/utils/sources/semantic-scholar';
import { surnames } from '@/utils/sources/title-match';
import { parseShortScienceRss } from '@/utils/sources/shortscience-rss';
import { renderSummaryHtml } from '@/utils/render/markdown';
import { readFixture } from '../../helpers/fixtures';

const seed = { keys: ['arxiv:2007.12223'] };

describe('Semantic Scholar', () => {
  it('asks by arXiv id, DOI or ACL id, and by nothing else', () => {
    expect(semanticScholar.requestUrls(seed)).toEqual([
      'https://api.semanticscholar.org/graph/v1/paper/arXiv:2007.12223?fields=title,tldr,externalIds,authors,year,venue,url',
    ]);
    expect(semanticScholar.requestUrls({ keys: ['doi:10.1093/mind/lix.236.433'] })[0]).toContain(
      '/paper/DOI:10.1093%2Fmind%2Flix.236.433?',
    );
    expect(semanticScholar.requestUrls({ keys: ['acl:P19-1001'] })[0]).toContain(
      '/paper/ACL:P19-1001?',
    );
    expect(semanticScholar.requestUrls({ keys: ['openreview:abcdefgh12'] })).toEqual([]);
  });

  it('reads the recorded response: one machine-generated TLDR', () => {
    const [s, ...rest] = semanticScholar.parse(readFixture('api-responses/Paper.trimmed.json'), {
      keys: ['doi:10.1093/mind/lix.236.433'],
    }).summaries;
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      source: { name: 'Semantic Scholar', kind: 'machine' },
      label: 'TLDR (tldr@v2.0.0)',
      paper: { title: 'Computing Machinery and Intelligence', authors: ['A. Turing'], year: 1950 },
      link: 'https://www.semanticscholar.org/paper/2d5673caa9e6af3a7b82a43f19ee920992db07ad',
    });
    expect(s!.body).toMatch(/^If the meaning of the words “machine” and “think”/);
    expect(s!.paperKeys).toContain('doi:10.1093/mind/lix.236.433');
  });

  it('has nothing when the paper has no TLDR, and refuses what is not a paper', () => {
    expect(
      semanticScholar.parse('{"paperId": "x", "title": "T", "tldr": null}', seed).summaries,
    ).toEqual([]);
    expect(() => semanticScholar.parse('{"error": "Paper with id 0 not found"}', seed)).toThrow(
      NetError,
    );
    expect(() => semanticScholar.parse('<html>rate limited</html>', seed)).toThrow(
      'not valid JSON',
    );
  });
});

describe('OpenReview', () => {
  const forum = { keys: ['openreview:rJlnfaNYvB'] };
  const v2 = JSON.stringify({
    notes: [
      { id: 'reply1', forum: 'rJlnfaNYvB', content: { comment: { value: 'Nice paper' } } },
      {
        id: 'rJlnfaNYvB',
        forum: 'rJlnfaNYvB',
        license: 'CC BY 4.0',
        content: {
          title: { value: 'Adaptive Loss Scaling for Mixed Precision Training' },
          TLDR: { value: 'We devise adaptive loss scaling to improve mixed precision training.' },
          authors: { value: ['Ruizhe Zhao', 'Brian Vogel'] },
          venue: { value: 'ICLR 2020 Conference Blind Submission' },
        },
      },
    ],
  });
  const v1 = JSON.stringify({
    notes: [
      {
        id: 'rJlnfaNYvB',
        forum: 'rJlnfaNYvB',
        content: { title: 'Adaptive Loss Scaling', 'TL;DR': 'Old-style TL;DR.', authors: ['A'] },
      },
    ],
  });

  it('asks about a forum by its id, and about any other paper by its title', () => {
    expect(openReview.requestUrls(forum)).toEqual([
      'https://api2.openreview.net/notes?forum=rJlnfaNYvB',
      'https://api.openreview.net/notes?forum=rJlnfaNYvB',
    ]);
    // A forum page's title is not sent: its id says it all.
    expect(openReview.requestUrls({ ...forum, title: 'Adaptive Loss Scaling' })).toHaveLength(2);
    expect(openReview.requestUrls({ ...forum, title: 'Adaptive Loss Scaling' })[0]).toContain(
      'forum=',
    );
    expect(openReview.requestUrls(seed)).toEqual([]);
    expect(openReview.requestUrls({ ...seed, title: 'Adaptive Loss Scaling & more' })).toEqual([
      'https://api2.openreview.net/notes?content.title=Adaptive%20Loss%20Scaling%20%26%20more',
      'https://api.openreview.net/notes?content.title=Adaptive%20Loss%20Scaling%20%26%20more',
    ]);
    // Titles too short to name one paper are not asked about.
    expect(openReview.requestUrls({ ...seed, title: 'Introduction' })).toEqual([]);
    expect(sendsText(openReview.sendsFor({ ...seed, title: 'Adaptive  Loss\nScaling' }))).toBe(
      'the title “Adaptive Loss Scaling” to api2.openreview.net (and, for older venues, api.openreview.net)',
    );
    expect(sendsText(openReview.sendsFor(forum))).toMatch(
      /^the forum id rJlnfaNYvB to api2\.openreview\.net/,
    );
  });

  it("reads the submission's TL;DR from API v2 and v1, not from replies", () => {
    const [s] = openReview.parse(v2, forum).summaries;
    expect(s).toMatchObject({
      body: 'We devise adaptive loss scaling to improve mixed precision training.',
      label: 'TL;DR by the authors',
      source: { kind: 'human', licence: 'CC BY 4.0' },
      paper: {
        authors: ['Ruizhe Zhao', 'Brian Vogel'],
        venue: 'ICLR 2020 Conference Blind Submission',
      },
      link: 'https://openreview.net/forum?id=rJlnfaNYvB',
    });
    expect(openReview.parse(v1, forum).summaries[0]!.body).toBe('Old-style TL;DR.');
  });

  it('has nothing without a TL;DR, and refuses a broken answer', () => {
    expect(openReview.parse('{"notes": []}', forum).summaries).toEqual([]);
    expect(
      openReview.parse(
        '{"notes": [{"id": "rJlnfaNYvB", "content": {"title": {"value": "T"}}}]}',
        forum,
      ).summaries,
    ).toEqual([]);
    expect(() => openReview.parse('{"status": 500}', forum)).toThrow('does not understand');
  });
});

describe('OpenReview by title (arXiv and other pages)', () => {
  const TITLE = 'Parameter-Efficient Transfer Learning for NLP';
  const TLDR = 'Adapters: a few new parameters per task, the rest shared.';
  // arXiv writes citation_author as "Surname, Given names".
  const page = {
    keys: ['arxiv:1902.00751', 'title:parameter efficient transfer learning for nlp'],
    title: TITLE,
    authors: ['Houlsby, Neil', 'Giurgiu, Andrei'],
  };
  const v2 = (title: string, authors: string[] | undefined, tldr = TLDR) =>
    JSON.stringify({
      notes: [
        {
          id: 'rJlPaRam01',
          forum: 'rJlPaRam01',
          content: {
            title: { value: title },
            ...(authors ? { authors: { value: authors } } : {}),
            TLDR: { value: tldr },
          },
        },
      ],
    });

  it('accepts a note whose normalized title is equal and whose authors share a surname', () => {
    const [s, ...rest] = openReview.parse(
      v2('Parameter-efficient transfer learning for NLP.', ['Neil Houlsby', 'Someone Else']),
      page,
    ).summaries;
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      id: 'openreview:rJlPaRam01:tldr',
      body: TLDR,
      label: 'TL;DR by the authors',
      source: { id: 'openreview', kind: 'human' },
      link: 'https://openreview.net/forum?id=rJlPaRam01',
    });
    expect(s!.paperKeys).toEqual(['openreview:rJlPaRam01', ...page.keys]);
  });

  it('accepts the v1 shape (plain title, "TL;DR", authors as strings)', () => {
    const v1 = JSON.stringify({
      notes: [
        {
          id: 'B1v1Note',
          forum: 'B1v1Note',
          content: { title: TITLE, authors: ['Andrei Giurgiu'], 'TL;DR': 'Old-style TL;DR.' },
        },
      ],
    });
    expect(openReview.parse(v1, page).summaries[0]!.body).toBe('Old-style TL;DR.');
  });

  it('takes the title alone when either side lists no authors (or only "Anonymous")', () => {
    expect(openReview.parse(v2(TITLE, undefined), page).summaries).toHaveLength(1);
    expect(openReview.parse(v2(TITLE, ['Anonymous']), page).summaries).toHaveLength(1);
    expect(
      openReview.parse(v2(TITLE, ['Jane Doe']), { ...page, authors: [] }).summaries,
    ).toHaveLength(1);
  });

  it('refuses a near-title', () => {
    expect(
      openReview.parse(v2('Parameter-Efficient Transfer Learning for NLP Tasks', undefined), page)
        .summaries,
    ).toEqual([]);
    expect(
      openReview.parse(v2('Parameter Efficient Transfer Learning', ['Neil Houlsby']), page)
        .summaries,
    ).toEqual([]);
  });

  it('refuses the same title by other authors', () => {
    expect(openReview.parse(v2(TITLE, ['Jane Doe', 'John Roe']), page).summaries).toEqual([]);
  });

  it('refuses an empty answer, and a match without a TL;DR', () => {
    expect(openReview.parse('{"notes": []}', page).summaries).toEqual([]);
    expect(openReview.parse(v2(TITLE, ['Neil Houlsby'], ''), page).summaries).toEqual([]);
    expect(() => openReview.parse('{"status": 500}', page)).toThrow('does not understand');
  });

  it('picks the matching note among several', () => {
    const notes = JSON.parse(v2(TITLE, ['Jane Doe'], 'Another paper.')) as { notes: unknown[] };
    notes.notes.push(...(JSON.parse(v2(TITLE, ['N. Houlsby'])) as { notes: unknown[] }).notes);
    expect(openReview.parse(JSON.stringify(notes), page).summaries.map((s) => s.body)).toEqual([
      TLDR,
    ]);
  });

  it('keeps a title’s answer per author list', () => {
    expect(openReview.cacheKey!(page)).toBe('giurgiu,houlsby');
    expect(openReview.cacheKey!({ keys: ['openreview:x'], title: TITLE })).toBe('');
  });
});

describe('surnames', () => {
  it('reads "Surname, Given" and "Given Surname" alike, particles and accents included', () => {
    expect([...surnames(['van der Maaten, Laurens', 'Laurens van der Maaten'])]).toEqual([
      'maaten',
    ]);
    expect([...surnames(['Müller, K.', 'Klaus-Robert Muller', 'Anonymous'])]).toEqual(['muller']);
  });
});

describe('what asking would send, for the sidebar’s offer', () => {
  it('names the id and the host', () => {
    expect(sendsText(semanticScholar.sendsFor(seed))).toBe(
      'the arXiv id 2007.12223 to api.semanticscholar.org',
    );
    expect(sendsText(semanticScholar.sendsFor({ keys: ['doi:10.1/x'] }))).toBe(
      'the DOI 10.1/x to api.semanticscholar.org',
    );
    expect(sendsText(huggingFace.sendsFor(seed))).toBe('the arXiv id 2007.12223 to huggingface.co');
  });
});

describe('Hugging Face Papers', () => {
  it('reads ai_summary as machine-generated and ignores the abstract', () => {
    const body = JSON.stringify({
      id: '2007.12223',
      title: 'The Lottery Ticket Hypothesis for Pre-trained BERT Networks',
      summary: 'In natural language processing (NLP), enormous pre-trained models… (the abstract)',
      ai_summary: 'Matching subnetworks exist in pre-trained BERT at 40% to 90% sparsity.',
      ai_keywords: ['lottery ticket'],
      upvotes: 3,
      authors: [{ name: 'Tianlong Chen' }],
    });
    const [s] = huggingFace.parse(body, seed).summaries;
    expect(s).toMatchObject({
      body: 'Matching subnetworks exist in pre-trained BERT at 40% to 90% sparsity.',
      source: { kind: 'machine' },
      votes: null,
    });
    expect(
      huggingFace.parse('{"id": "2007.12223", "summary": "abstract only"}', seed).summaries,
    ).toEqual([]);
    expect(huggingFace.requestUrls({ keys: ['arxiv:hep-th/9901001'] })).toEqual([]);
    expect(() => huggingFace.parse('{"error": "Not Found"}', seed)).toThrow(NetError);
  });
});

describe('ShortScience RSS', () => {
  const feed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:shortscience="https://www.shortscience.org/rss">
<channel><title>ShortScience.org</title>
<item>
  <title>The Lottery Ticket Hypothesis for Pre-trained BERT Networks</title>
  <author>decodyng</author>
  <description><![CDATA[This is an interesting paper… $\\sum_i x_i$ <script>alert(1)</script>]]></description>
  <pubDate>Sun, 06 Dec 2020 18:00:00 +0000</pubDate>
  <link>https://www.shortscience.org/paper?bibtexKey=journals/corr/2007.12223#decodyng</link>
  <guid>https://www.shortscience.org/paper?bibtexKey=journals/corr/2007.12223#decodyng</guid>
  <shortscience:arxivid>2007.12223</shortscience:arxivid>
  <shortscience:bibtexkey>journals/corr/2007.12223</shortscience:bibtexkey>
  <shortscience:votes>4</shortscience:votes>
</item>
<item>
  <title>Deep Residual Learning &amp; Friends</title>
  <description>Text with &lt;b&gt;escaped&lt;/b&gt; markup &#8212; and an em dash.</description>
  <link>https://www.shortscience.org/paper?bibtexKey=conf/cvpr/HeZRS16#joe</link>
</item>
<item><title>No text</title><link>https://www.shortscience.org/x</link></item>
<item><title>Elsewhere</title><description>x</description><link>https://evil.example/phish</link></item>
</channel></rss>`;

  it('reads items: paper, author, text, date, votes, link back', () => {
    const [a, b, ...rest] = parseShortScienceRss(feed);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({
      paperKeys: [
        'arxiv:2007.12223',
        'title:the lottery ticket hypothesis for pre trained bert networks',
      ],
      author: 'decodyng',
      votes: 4,
      date: '2020-12-06T18:00:00.000Z',
      link: 'https://www.shortscience.org/paper?bibtexKey=journals/corr/2007.12223#decodyng',
      source: { name: 'ShortScience.org', kind: 'human' },
    });
    expect(b).toMatchObject({
      paper: { title: 'Deep Residual Learning & Friends' },
      paperKeys: ['title:deep residual learning friends'],
    });
    expect(b!.body).toBe('Text with <b>escaped</b> markup — and an em dash.');
  });

  it('keeps hostile markup as text that the renderer sanitizes', async () => {
    const [a] = parseShortScienceRss(feed);
    const html = await renderSummaryHtml(a!.body, a!.format, { images: true });
    expect(html).not.toContain('<script');
    expect(html).toContain('<math');
  });

  it('refuses what is not a feed, and survives a cut-off one', () => {
    expect(() => parseShortScienceRss('<html><body>Maintenance</body></html>')).toThrow(
      'not its RSS feed',
    );
    expect(parseShortScienceRss(feed.slice(0, feed.indexOf('<item>', 200) + 40))).toHaveLength(1);
  });
});
