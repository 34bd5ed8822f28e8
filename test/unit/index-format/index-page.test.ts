import { describe, expect, it } from 'vitest';
import { buildIndex } from '@/utils/index-format/build';
import { indexUrlFromPageUrl } from '@/utils/index-format/index-page';
import { parseInputLine } from '@/utils/index-format/input';
import { normalizeIndexUrl } from '@/utils/sources/settings';

const records = [
  parseInputLine(
    JSON.stringify({
      paper: { arxivId: '2007.12223', title: 'The Lottery Ticket Hypothesis for BERT' },
      summary: { body: 'Body.', source: 'shortscience' },
    }),
  ),
];

const pageOf = async (options: { name: string; publisher?: string; licence?: string }) =>
  (await buildIndex(records, { built: '2026-03-04', ...options })).files.get(
    'index.html',
  ) as string;

describe('index.html of a built index', () => {
  it('says what the index is and how to add it, as static HTML', async () => {
    const html = await pageOf({ name: 'Vision group', publisher: 'Ada', licence: 'CC BY 4.0' });
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.title).toBe('Vision group — a Sidenotes index');
    expect(doc.querySelector('h1')?.textContent).toBe('Vision group');
    const facts = Object.fromEntries(
      [...doc.querySelectorAll('dt')].map((dt) => [
        dt.textContent,
        dt.nextElementSibling?.textContent,
      ]),
    );
    expect(facts).toEqual({
      'Published by': 'Ada',
      Licence: 'CC BY 4.0',
      Papers: '1',
      Summaries: '1',
      'Last built': '2026-03-04',
    });
    expect(doc.querySelector('a[rel="license"]')?.getAttribute('href')).toBe(
      'https://creativecommons.org/licenses/by/4.0/',
    );
    expect(doc.body.textContent).toContain('Options → Sources → Remote indexes');
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(html).not.toMatch(/<script|javascript:|\son\w+=/i);
  });

  it('escapes every word that comes from the input', async () => {
    const hostile = '</title><script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
    const html = await pageOf({ name: hostile, publisher: hostile, licence: hostile });
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelectorAll('script, img')).toHaveLength(0);
    expect(doc.title).toBe(`${hostile} — a Sidenotes index`);
    expect(doc.querySelector('h1')?.textContent).toBe(hostile);
    // A licence that is not one of ours is shown as text, never as a link.
    expect(doc.querySelector('a[rel="license"]')).toBeNull();
  });

  it('leaves out what an older-style build does not say', async () => {
    const html = await pageOf({ name: 'Plain' });
    expect(html).not.toContain('Published by');
    expect(html).toContain('<dt>Licence</dt><dd>as given on each summary</dd>');
  });

  it('is not written for the bundled index', async () => {
    const { files } = await buildIndex(records, { name: 'b', built: '2026-01-01', page: false });
    expect(files.has('index.html')).toBe(false);
  });
});

describe('indexUrlFromPageUrl', () => {
  it.each([
    ['https://ada.github.io/group/', 'https://ada.github.io/group/'],
    ['https://ada.github.io/group', 'https://ada.github.io/group/'],
    ['https://ada.github.io/group/index.html', 'https://ada.github.io/group/'],
    ['https://ada.github.io/group/INDEX.HTM', 'https://ada.github.io/group/'],
    ['https://ada.github.io/group/manifest.json', 'https://ada.github.io/group/'],
    ['  https://ada.github.io/group/index.html?ref=x#top ', 'https://ada.github.io/group/'],
    ['https://example.netlify.app/index.html', 'https://example.netlify.app/'],
    ['https://example.netlify.app', 'https://example.netlify.app/'],
    ['http://127.0.0.1:8787/index.html', 'http://127.0.0.1:8787/'],
    ['not an address', 'not an address'],
  ])('%s → %s', (page, folder) => {
    expect(indexUrlFromPageUrl(page)).toBe(folder);
  });

  it('leaves the https check to normalizeIndexUrl', () => {
    expect(normalizeIndexUrl(indexUrlFromPageUrl('https://a.org/x/index.html'))).toBe(
      'https://a.org/x/',
    );
    expect(() => normalizeIndexUrl(indexUrlFromPageUrl('http://a.org/x/index.html'))).toThrow(
      'https://',
    );
  });
});
