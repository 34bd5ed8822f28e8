// @vitest-environment node
import 'fake-indexeddb/auto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLibraryDb } from '@/utils/db/stores';
import { idbRemoteCache, type RemoteCache } from '@/utils/db/remote-cache';
import { fromBase64 } from '@/utils/core/base64';
import { searchEngineOf } from '@/utils/search/engine';
import { buildFeedSearch } from '@/utils/search/feed-search';
import {
  FEED_CACHE_KEY,
  FEED_SEARCH_KEY,
  feedSummariesFor,
  readFeedCopy,
  syncShortScienceFeed,
} from '@/utils/sources/shortscience-feed';
import { parseShortScienceRss } from '@/utils/sources/shortscience-rss';

const item = (arxiv: string, title: string, user: string, text: string) => `<item>
  <title>${title}</title><author>${user}</author>
  <description><![CDATA[${text}]]></description>
  <pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate>
  <link>https://www.shortscience.org/paper?bibtexKey=journals/corr/${arxiv}#${user}</link>
  <guid>https://www.shortscience.org/paper?bibtexKey=journals/corr/${arxiv}#${user}</guid>
  ${arxiv ? `<shortscience:arxivid>${arxiv}</shortscience:arxivid>` : ''}
</item>`;
const rss = (...items: string[]) =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:shortscience="https://www.shortscience.org/rss"><channel><title>ShortScience.org</title>${items.join('')}</channel></rss>`;

let server: Server;
let url = '';
let body = '';
let etag = '"v1"';
const requests: Array<{ ifNoneMatch: string | undefined }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ ifNoneMatch: req.headers['if-none-match'] as string | undefined });
    if (req.headers['if-none-match'] === etag) return res.writeHead(304).end();
    res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: etag }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rss-full.xml`;
});
afterAll(() => server?.close());

let cache: RemoteCache;
let now: number;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  cache = idbRemoteCache(await openLibraryDb(), 2, FEED_CACHE_KEY);
  requests.length = 0;
  now = Date.UTC(2026, 10, 26, 12);
  etag = '"v1"';
  body = rss(
    item('2402.00002', 'Sparse Lattice Attention', 'ada', 'Attention on a **lattice**.'),
    item('', 'A Paper Known by Title', 'bob', 'Only a title to go by.'),
  );
});
const sync = (force = false) => syncShortScienceFeed(cache, { url, now: () => now, force });
const held = async () => readFeedCopy((await cache.get(FEED_CACHE_KEY))!.text);

describe("ShortScience's feed, kept locally", () => {
  it('downloads the feed once, then not again within a day; after that with If-None-Match', async () => {
    expect(await sync()).toMatchObject({ changed: true, summaries: 2 });
    now += 3600_000;
    expect(await sync()).toMatchObject({ changed: false, summaries: 2 });
    expect(requests).toHaveLength(1);
    now += 24 * 3600_000;
    expect(await sync()).toMatchObject({ changed: false, summaries: 2, checkedAt: now });
    expect(requests).toEqual([{ ifNoneMatch: undefined }, { ifNoneMatch: '"v1"' }]);
  });

  it('keeps summaries the feed no longer lists, and takes new ones', async () => {
    await sync();
    body = rss(item('2403.00003', 'Newer Paper', 'cy', 'Brand new.'));
    etag = '"v2"';
    expect(await sync(true)).toMatchObject({ changed: true, summaries: 3 });
    expect((await held()).map((s) => s.author)).toEqual(['cy', 'ada', 'bob']);
  });

  it('refuses a broken feed and keeps the copy it has', async () => {
    await sync();
    body = '<html>Maintenance</html>';
    etag = '"broken"';
    await expect(sync(true)).rejects.toThrow('not its RSS feed');
    expect(await held()).toHaveLength(2);
  });

  it('finds a paper’s summaries by id or title, never a same-titled paper with another id', async () => {
    await sync();
    const feed = await held();
    expect(feedSummariesFor(feed, { keys: ['arxiv:2402.00002'] }).map((s) => s.author)).toEqual([
      'ada',
    ]);
    expect(
      feedSummariesFor(feed, { keys: ['arxiv:2499.00001', 'title:sparse lattice attention'] }),
    ).toEqual([]);
    expect(
      feedSummariesFor(feed, { keys: ['doi:10.1/x', 'title:a paper known by title'] }).map(
        (s) => s.author,
      ),
    ).toEqual(['bob']);
  });

  it('is searchable from the index kept beside it: a title-only paper opens on ShortScience', async () => {
    await sync();
    const engine = searchEngineOf(fromBase64((await cache.get(FEED_SEARCH_KEY))!.text));
    const [hit] = engine.search('known by title').hits;
    expect(hit!.doc.url).toMatch(/^https:\/\/www\.shortscience\.org\/paper\?bibtexKey=/);
    expect(engine.search('lattice').hits[0]!.doc.key).toBe('arxiv:2402.00002');
    expect(buildFeedSearch([])).toBeNull();
    body = rss(item('2403.00003', 'Newer Paper', 'cy', 'Brand new.'));
    etag = '"v2"';
    await sync(true);
    const updated = searchEngineOf(fromBase64((await cache.get(FEED_SEARCH_KEY))!.text));
    expect(updated.search('newer paper').hits[0]!.doc.key).toBe('arxiv:2403.00003');
    expect(updated.search('lattice').hits[0]!.doc.key).toBe('arxiv:2402.00002');
  });
});

describe('reading the feed in one pass (issue 10, finding 7)', () => {
  const good = item('2402.00002', 'Sparse Lattice Attention', 'ada', 'Attention on a **lattice**.');
  const MB = 1024 * 1024;
  const fill = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length));
  const authors = (xml: string) => parseShortScienceRss(xml).map((s) => s.author);

  it('reads items written in any case, with attributes, and skips look-alikes', () => {
    const xml = rss(
      good.replace('<item>', '<ITEM class="x">').replace('</item>', '</ITEM>'),
      '<items><title>not an item</title></items>',
      item('', 'A Paper Known by Title', 'bob', 'Only a title.').replace('<item>', '<item\n>'),
    );
    expect(authors(xml)).toEqual(['ada', 'bob']);
  });

  it('decodes fields as before: CDATA with spaces around it, entities, then trimming', () => {
    const xml = rss(
      item('2402.00002', ' &amp;lt;Deep&amp;gt; &#32;Nets ', ' <![CDATA[ ada ]]> ', ' x ').replace(
        '<description><![CDATA[ x ]]></description>',
        '<description>&#32;body &lt;b&gt;</description>',
      ),
    );
    const [summary] = parseShortScienceRss(xml);
    expect(summary).toMatchObject({ author: 'ada', body: 'body <b>' });
    expect(summary!.paper.title).toBe('&lt;Deep&gt;  Nets');
  });

  it('finishes 50,000 unclosed <item> tags after the real items, keeping the real ones', () => {
    expect(authors(rss(good, '<item>'.repeat(50_000)))).toEqual(['ada']);
    expect(authors(rss(good) + '<item>'.repeat(50_000))).toEqual(['ada']);
  });

  it('finishes 1 MB of `<item ` that never ends its tag', () => {
    expect(authors(rss(good, fill('<item ', MB)))).toEqual(['ada']);
  });

  it('finishes 1 MB of items whose fields never close, skipping each', () => {
    const broken =
      '<item><title>T</title><link>https://www.shortscience.org/p</link><description>x</item>';
    expect(authors(rss(good, fill(broken, MB), good))).toEqual(['ada', 'ada']);
  });

  it('finishes one item holding 1 MB of unclosed tags', () => {
    const xml = rss(`<item>${fill('<description><title>', MB)}</item>`, good);
    expect(authors(xml)).toEqual(['ada']);
  });
});
