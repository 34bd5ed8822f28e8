import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasScholarlyMetadata } from '@/utils/page/scholarly';

const page = (head: string, body = '') =>
  new DOMParser().parseFromString(
    `<!doctype html><html><head>${head}</head><body>${body}</body></html>`,
    'text/html',
  );
const fixture = (path: string) =>
  new DOMParser().parseFromString(
    readFileSync(join(process.cwd(), 'test/fixtures/pages', path), 'utf8'),
    'text/html',
  );
const at = (href: string) => new URL(href);
const PLAIN = at('https://example.org/2024/05/notes');

/** The probe's check: what makes a page worth the detection script, and what does not. */
describe('hasScholarlyMetadata', () => {
  it.each([
    ['Highwire citation_*', '<meta name="citation_title" content="A paper">'],
    ['Highwire in upper case', '<meta name="CITATION_DOI" content="10.1145/1">'],
    [
      'Dublin Core as Atypon writes it',
      '<meta name="dc.Identifier" scheme="doi" content="10.1/x">',
    ],
    ['DC terms', '<meta name="DCTERMS.title" content="A paper">'],
    ['PRISM', '<meta name="prism.doi" content="10.1/x">'],
    ['bepress', '<meta name="bepress_citation_title" content="A paper">'],
    [
      'an og: article naming its DOI',
      '<meta property="og:type" content="article"><meta property="og:url" content="https://doi.org/10.1/x">',
    ],
  ])('finds %s', (_what, head) => {
    expect(hasScholarlyMetadata(page(head), PLAIN)).toBe(true);
  });

  it('finds JSON-LD of a ScholarlyArticle in <head> (the body would cost a walk of the page)', () => {
    const ld =
      '<script type="application/ld+json">{"@type":"ScholarlyArticle","name":"A"}</script>';
    expect(hasScholarlyMetadata(page(ld), PLAIN)).toBe(true);
    expect(hasScholarlyMetadata(page('', ld), PLAIN)).toBe(false);
    const full = ld.replace('"ScholarlyArticle"', '"http://schema.org/ScholarlyArticle"');
    expect(hasScholarlyMetadata(page(full), PLAIN)).toBe(true);
  });

  it.each([
    'https://dl.acm.org/doi/10.1145/3025453.3025912',
    'https://journals.plos.org/climate/article?id=10.1371/journal.pclm.0000068',
    'https://onlinelibrary.wiley.com/doi/abs/10.1002%2Facr2.11440',
  ])('finds a DOI in the address %s', (href) => {
    expect(hasScholarlyMetadata(page(''), at(href))).toBe(true);
  });

  it('leaves pages without scholarly metadata alone', () => {
    expect(hasScholarlyMetadata(fixture('anysite-nometa/post.html'), PLAIN)).toBe(false);
    const ordinary = page(
      '<meta property="og:type" content="article"><meta name="description" content="10.5 reasons">' +
        '<script type="application/ld+json">{"@type":"NewsArticle"}</script>',
      '<p>Cite as doi:10.1145/3025453.3025912</p><meta name="citation_title" content="late">',
    );
    expect(hasScholarlyMetadata(ordinary, at('https://news.example.com/v10.2/story'))).toBe(false);
  });

  it('finds the saved publisher pages', () => {
    expect(hasScholarlyMetadata(fixture('anysite-acm/doi.html'), PLAIN)).toBe(true);
    expect(hasScholarlyMetadata(fixture('anysite-eprints/record.html'), PLAIN)).toBe(true);
  });
});
