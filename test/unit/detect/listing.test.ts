import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  keyOfListed,
  keysOf,
  LISTING_SITES,
  listingSiteFor,
  MAX_ENTRIES,
  readEntries,
  type ListingSite,
} from '@/utils/detect/listing';
import { LISTING_PAGES } from '@/utils/detect/listing/pages';
import { ROOT, readFixture } from '../../helpers/fixtures';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

/** Reads a composed page of a site as the content script does, under the page's own URL. */
function read(fixture: string, url: string) {
  const site = listingSiteFor(url);
  if (!site) throw new Error(`${url} is not a listing page`);
  const doc = parse(readFixture(`pages/${fixture}`));
  // The entries that name a paper, as the worker reads their links.
  const entries = readEntries(site, doc, new URL(url)).filter((e) => keyOfListed(site, e.url));
  return { site, doc, entries, keys: keysOf(site, entries) };
}

describe('arXiv lists and search', () => {
  it('reads a /list/…/new page: one entry per abs link, keys from links only', () => {
    const { entries, keys } = read(
      'arxiv-listing/list-new.html',
      'https://arxiv.org/list/cs.LG/new',
    );
    // Items 1–5 and 7 (item 7 repeats item 1); item 6 has no abs link, item 8 an impossible id.
    expect(entries).toHaveLength(6);
    expect(keys).toEqual([
      'arxiv:2007.12223',
      'arxiv:2406.01001',
      'arxiv:1512.03385',
      'arxiv:hep-th/9901001',
      'arxiv:1406.2661',
    ]);
    // Ids named only in text (titles, comments, abstracts, item 6) give no key.
    expect(keys).not.toContain('arxiv:1606.03657');
    expect(keys).not.toContain('arxiv:1803.03635');
    expect(entries[0]!.title()).toBe('The Lottery Ticket Hypothesis for Pre-trained BERT Networks');
    const place = entries[0]!.place()!;
    expect(place.in.tagName).toBe('DT');
    expect(place.at).toBe('inline');
  });

  it('reads search results from the abs link of each result', () => {
    const { entries, keys } = read(
      'arxiv-listing/search.html',
      'https://arxiv.org/search/?query=lottery+ticket&searchtype=all',
    );
    expect(keys).toEqual(['arxiv:2007.12223', 'arxiv:1803.03635']);
    // The DOI link names 1512.03385, the comment 1406.2661: neither is the entry's own link.
    expect(entries[1]!.title()).toBe(
      'The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks',
    );
    expect(entries[0]!.place()!.in.className).toContain('title');
  });
});

describe('the other sites', () => {
  it('Hugging Face daily papers: the title link of each card, the badge on its corner', () => {
    const { entries, keys } = read(
      'huggingface-listing/papers.html',
      'https://huggingface.co/papers',
    );
    expect(entries).toHaveLength(5);
    expect(keys).toEqual([
      'arxiv:2007.12223',
      'arxiv:2406.01001',
      'arxiv:1512.03385',
      'arxiv:1406.2661',
    ]);
    expect(entries[0]!.place()).toMatchObject({ at: 'corner' });
    expect(entries[0]!.place()!.in.tagName).toBe('ARTICLE');
    expect(entries[3]!.title()).toBe('Generative Adversarial Networks');
  });

  it('ACL Anthology volume: the title link of each paper', () => {
    const { entries, keys } = read(
      'acl-listing/volume.html',
      'https://aclanthology.org/volumes/2021.naacl-main/',
    );
    expect(entries).toHaveLength(5);
    expect(keys).toEqual([
      'acl:2021.naacl-main.0',
      'acl:2021.naacl-main.208',
      'acl:A00-1031',
      'acl:C04-1073',
    ]);
    expect(entries[1]!.title()).toBe('How many data points is a prompt worth?');
    expect(entries[1]!.place()!.in.tagName).toBe('STRONG');
  });

  it('NeurIPS year page: abstract links by hash; supplements and broken hashes are not papers', () => {
    const { entries, keys } = read(
      'neurips-listing/year.html',
      'https://papers.nips.cc/paper_files/paper/2017',
    );
    expect(entries).toHaveLength(4);
    expect(keys).toEqual([
      'neurips:2017/3f5ee243547dee91fbd053c1c4a845aa',
      'neurips:2017/0a113ef6b61820daa5611c870ed8d5ee',
      'neurips:2017/cbb6a3b884f4f88b3a8e3d44c636cbd8',
    ]);
    expect(entries[0]!.title()).toBe('Attention is All you Need');
  });

  it('PMLR volume: the abs link of each paper, the badge after its title', () => {
    const { entries, keys } = read(
      'pmlr-listing/volume.html',
      'https://proceedings.mlr.press/v97/',
    );
    expect(keys).toEqual(['pmlr:v97/locatello19a', 'pmlr:v97/ghorbani19c', 'pmlr:v97/author19a']);
    expect(entries[1]!.title()).toBe(
      'Data Shapley: Equitable Valuation of Data for Machine Learning',
    );
    expect(entries[1]!.place()!.in.className).toBe('title');
  });

  it('CVF conference page: the ptitle link only (not the arXiv link beside it)', () => {
    const { keys } = read('cvf-listing/conference.html', 'https://openaccess.thecvf.com/ECCV2018');
    expect(keys).toEqual([
      'cvf:eccv2018/andrew_owens_audio-visual_scene_analysis',
      'cvf:eccv2018/mathilde_caron_deep_clustering_for',
      'cvf:eccv2018/some_author_another_paper',
    ]);
  });

  it('OpenReview venue: forum links of papers, not of replies, and new tabs as they fill', () => {
    const url = 'https://openreview.net/group?id=ICLR.cc/2020/Conference';
    const { site, doc, entries, keys } = read('openreview-listing/venue.html', url);
    expect(site.live).toBe(true);
    expect(keys).toEqual([
      'openreview:rJlnfaNYvB',
      'openreview:BklSwn4tDH',
      'openreview:SJxyZ81FDH',
    ]);
    expect(entries).toHaveLength(3);
    // The site fills another tab: a second read with the same memory reads only the new entry.
    const seen = new WeakSet<Element>();
    readEntries(site, doc, new URL(url), seen);
    doc.querySelector('#tab-accept-poster ul')!.innerHTML =
      '<li><div class="note"><h4><a href="/forum?id=BJ8vJebC-">Synthetic and Natural Noise</a></h4></div></li>';
    expect(keysOf(site, readEntries(site, doc, new URL(url), seen))).toEqual([
      'openreview:BJ8vJebC-',
    ]);
  });
});

describe('hostile listing markup', () => {
  const site = listingSiteFor('https://arxiv.org/list/cs.LG/recent')!;
  const page = new URL('https://arxiv.org/list/cs.LG/recent');
  const entry = (href: string, title: string) =>
    `<dt><a href="${href}" title="Abstract">x</a></dt><dd><div class="list-title">${title}</div></dd>`;

  it('never takes a key from text, from other hosts, from other schemes or from odd ids', () => {
    const doc = parse(
      `<dl>${[
        entry('https://evil.example/abs/2007.12223', 'arXiv:2007.12223'),
        entry('javascript:alert(1)//arxiv.org/abs/2007.12223', 'x'),
        entry('/abs/' + '1'.repeat(5000), 'huge id'),
        entry('/abs/2007.12223%00', 'nul'),
        entry('/abs/../../abs/2007.12223x', 'dots'),
        `<dt>arXiv:1406.2661 <a href="/list/cs.LG/new" title="Abstract">new</a></dt>`,
        entry('/abs/1406.2661', 'Fake title: The Lottery Ticket Hypothesis (arXiv:2007.12223)'),
      ].join('')}</dl>`,
    );
    expect(keysOf(site, readEntries(site, doc, page))).toEqual(['arxiv:1406.2661']);
    // A link of another kind on an arXiv list names nothing there.
    expect(keyOfListed(site, 'https://aclanthology.org/P19-1001/')).toBeNull();
    expect(keyOfListed(site, 'not a url')).toBeNull();
  });

  it('reads a long page in time linear in its entries, and stops at the cap', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      entry(`/abs/2401.${String(i).padStart(5, '0')}`, `Paper ${i}`),
    ).join('');
    const doc = parse(`<dl>${many}</dl>`);
    expect(readEntries(site, doc, page, new WeakSet(), 2000)).toHaveLength(2000);
    // What is left is read on the next pass, and nothing twice.
    const seen = new WeakSet<Element>();
    expect(readEntries(site, doc, page, seen)).toHaveLength(3000);
    expect(readEntries(site, doc, page, seen)).toHaveLength(0);
    expect(MAX_ENTRIES).toBeGreaterThanOrEqual(2000);
  }, 30_000);
});

/*
 * The conventions of utils/detect/listing/: every site file lists the
 * listing pages it was tested on, each is a listing page of that site (and
 * of no other), and the content script is registered on it; the pages it
 * names as "not listing pages" are not.
 */
describe('listing site conventions', () => {
  const dir = join(ROOT, 'utils/detect/listing');
  const files = readdirSync(dir).filter(
    (f) =>
      f.endsWith('.ts') && !['index.ts', 'keys.ts', 'read.ts', 'types.ts', 'pages.ts'].includes(f),
  );

  const tested = (source: string) => {
    const block = /Listing pages tested:\n((?:\s*\*\s+https:\/\/\S+\n)+)/.exec(source)?.[1] ?? '';
    const not = /Not listing pages: (.+)\n/.exec(source)?.[1] ?? '';
    return {
      listing: [...block.matchAll(/https:\/\/\S+/g)].map((m) => m[0]),
      not: not.split(', ').map((u) => u.trim()),
    };
  };

  const matches = (pattern: string, href: string) => {
    const [, host, path] = /^https:\/\/([^/]+)(\/.*)$/.exec(pattern)!;
    const url = new URL(href);
    const glob = path!.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
    return (
      url.hostname === host && new RegExp(`^${glob.join('.*')}$`).test(url.pathname + url.search)
    );
  };

  it('has one registered site per file', () => {
    expect(files).toHaveLength(LISTING_SITES.length);
  });

  it.each(files)('%s lists its listing pages, each read by it and run on', (file) => {
    const { listing, not } = tested(readFileSync(join(dir, file), 'utf8'));
    expect(listing.length).toBeGreaterThanOrEqual(3);
    expect(not.length).toBeGreaterThanOrEqual(2);
    const sites = new Set<ListingSite | null>();
    for (const url of listing) {
      const site = listingSiteFor(url);
      expect(site, url).not.toBeNull();
      sites.add(site);
      expect(
        LISTING_PAGES.some((p) => matches(p, url)),
        `${url} is in LISTING_PAGES`,
      ).toBe(true);
    }
    expect(sites.size).toBe(1);
    for (const url of not) expect(listingSiteFor(url), url).toBeNull();
  });
});
