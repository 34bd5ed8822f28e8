import { describe, expect, it } from 'vitest';
import {
  keyOfListed,
  LISTING_SITES,
  listingSiteFor,
  plainLinkUrl,
  readEntries,
  tableMatch,
} from '@/utils/detect/listing';
import type { KeyCounts } from '@/utils/index-format/key-counts';
import { listingTables } from '@/utils/lookup/listing-counts';
import { readFixture } from '../../helpers/fixtures';

/** The listing fixtures, under the URLs test/unit/detect/listing.test.ts reads them at. */
const PAGES: Array<[fixture: string, url: string]> = [
  ['arxiv-listing/list-new.html', 'https://arxiv.org/list/cs.LG/new'],
  ['arxiv-listing/search.html', 'https://arxiv.org/search/?query=lottery+ticket&searchtype=all'],
  ['huggingface-listing/papers.html', 'https://huggingface.co/papers'],
  ['acl-listing/volume.html', 'https://aclanthology.org/volumes/2021.naacl-main/'],
  ['neurips-listing/year.html', 'https://papers.nips.cc/paper_files/paper/2017'],
  ['pmlr-listing/volume.html', 'https://proceedings.mlr.press/v97/'],
  ['cvf-listing/conference.html', 'https://openaccess.thecvf.com/ECCV2018'],
  ['openreview-listing/venue.html', 'https://openreview.net/group?id=ICLR.cc/2020/Conference'],
];

const entriesOf = (fixture: string, url: string) => {
  const site = listingSiteFor(url)!;
  const doc = new DOMParser().parseFromString(readFixture(`pages/${fixture}`), 'text/html');
  return { site, entries: readEntries(site, doc, new URL(url)) };
};

describe('listing tables', () => {
  it.each(PAGES)(
    '%s: an entry matched in the table gets the badge the worker would answer',
    async (fixture, url) => {
      const { site, entries } = entriesOf(fixture, url);
      // The bundled index as it might be: every paper the page lists, and others.
      const counts: KeyCounts = { 'arxiv:1706.03762': [3, 1], 'acl:P19-1001': [1, 0] };
      for (const [i, e] of entries.entries()) {
        const key = keyOfListed(site, e.url);
        if (key) counts[key] = [i % 3, (i + 1) % 2];
      }
      const table = await listingTables(async () => counts)(site, url);
      if (!site.entryHref) return expect(table).toBeNull();
      let matched = 0;
      for (const e of entries) {
        const key = keyOfListed(site, e.url);
        const row = key ? counts[key]! : undefined;
        const answer = row && row[0] + row[1] > 0 ? { key, human: row[0], machine: row[1] } : null;
        const match = tableMatch(table!, site.kind, e.url);
        // Never a badge the worker would not give; where the link is in the table, the same one.
        if (match) {
          expect(match).toEqual(answer);
          matched++;
        }
      }
      // The site's link form is the one its entries use.
      expect(matched).toBe(
        entries.filter((e) => {
          const row = counts[keyOfListed(site, e.url) ?? ''];
          return row && row[0] + row[1] > 0;
        }).length,
      );
      expect(matched).toBeGreaterThan(0);
    },
  );

  it('holds only links its URL detectors read back as the same key, of the kind listed', async () => {
    const site = listingSiteFor('https://arxiv.org/list/cs.LG/new')!;
    const table = (await listingTables(async () => ({
      'arxiv:2007.12223': [1, 0],
      'arxiv:hep-th/9901001': [2, 0],
      'arxiv:0000.bad': [1, 0],
      'arxiv:1406.2661': [0, 0],
      'acl:P19-1001': [1, 0],
      'title:deep residual learning': [5, 0],
    }))(site, 'https://www.arxiv.org/list/cs.LG/new'))!;
    expect(table.prefix).toBe('https://www.arxiv.org/abs/');
    expect(table.suffix).toBe('');
    expect(table.versions).toBe(true);
    expect(table.ids).toEqual({ '2007.12223': [1, 0], 'hep-th/9901001': [2, 0] });
    const match = (url: string) => tableMatch(table, site.kind, url);
    for (const url of [
      'https://www.arxiv.org/abs/2007.12223',
      'https://www.arxiv.org/abs/2007.12223v2',
    ])
      expect(match(url)).toEqual({ key: 'arxiv:2007.12223', human: 1, machine: 0 });
    expect(match('https://www.arxiv.org/abs/hep-th/9901001v3')?.key).toBe('arxiv:hep-th/9901001');
    // Other hosts, other forms (the worker answers those), papers not in it, prototypes.
    for (const url of [
      'https://evil.example/abs/2007.12223',
      'https://arxiv.org/abs/2007.12223',
      'https://www.arxiv.org/abs/2007.12223v',
      'https://www.arxiv.org/abs/2007.12223/',
      'https://www.arxiv.org/abs/v2',
      'https://www.arxiv.org/abs/1406.2661',
      'https://www.arxiv.org/abs/',
      'https://www.arxiv.org/abs/__proto__',
      'https://www.arxiv.org/abs/constructor',
    ])
      expect(match(url), url).toBeNull();
  });

  it('matches an href read as a plain string only where the URL parser reads it the same', async () => {
    const page = new URL('https://arxiv.org/list/cs.LG/new');
    const site = listingSiteFor(page.href)!;
    const table = (await listingTables(async () => ({ 'arxiv:2007.12223': [1, 0] }))(
      site,
      page.href,
    ))!;
    for (const href of [
      '/abs/2007.12223',
      '/abs/2007.12223v3',
      'https://arxiv.org/abs/2007.12223',
      '//arxiv.org/abs/2007.12223',
      '/\\arxiv.org/abs/2007.12223',
      '/\\evil.example/abs/2007.12223',
      '/abs/../abs/2007.12223',
      '/abs/%32007.12223',
      '/abs/2007.12223 ',
      ' /abs/2007.12223',
      '/abs/2007.1\n2223',
      'HTTPS://ARXIV.ORG/abs/2007.12223',
      'https://arxiv.org:443/abs/2007.12223',
      'https://arxiv.org/abs/2007.12223#x',
      'abs/2007.12223',
    ]) {
      const plain = plainLinkUrl(href, page.origin);
      const match = plain && tableMatch(table, site.kind, plain);
      // Never a match the parsed URL would not give.
      if (match) expect(new URL(href, page).href, href).toBe(plain);
    }
    expect(plainLinkUrl('/abs/2007.12223', page.origin)).toBe('https://arxiv.org/abs/2007.12223');
    expect(plainLinkUrl('//evil.example/abs/2007.12223', page.origin)).toBeNull();
    expect(plainLinkUrl('abs/2007.12223', page.origin)).toBeNull();
  });

  it('is made once per site and link form while the worker lives', async () => {
    let reads = 0;
    const tables = listingTables(async () => {
      reads++;
      return { 'arxiv:2007.12223': [1, 0] };
    });
    const site = LISTING_SITES.find((s) => s.id === 'arxiv')!;
    const a = await tables(site, 'https://arxiv.org/list/cs.LG/new');
    expect(await tables(site, 'https://arxiv.org/list/cs.CL/recent')).toBe(a);
    await tables(site, 'https://export.arxiv.org/list/cs.LG/new');
    expect(reads).toBe(2);
  });
});
