/**
 * Whether a page carries scholarly metadata, checked as cheaply as a page
 * allows: the probe (entrypoints/probe) runs it on every page of the sites
 * the user let Sidenotes recognise papers on, most of them no paper. The
 * metadata families are the ones detection reads (utils/detect/meta.ts,
 * which decides what the paper is): Highwire `citation_*`, Dublin Core,
 * PRISM and bepress `<meta>`, an `og:type` article that names a DOI, JSON-LD
 * of a ScholarlyArticle (all in `<head>`), or a DOI in the URL (publishers' `/doi/10.…`
 * paths). A false "yes" costs one message and the detection script, which
 * then finds no paper; a false "no" loses the sidebar, so the selectors are
 * broad within those families.
 */
const SCHOLARLY_META =
  'meta[name^="citation_" i],meta[name^="dc." i],meta[name^="dcterms." i],meta[name^="prism." i],meta[name^="bepress_citation_" i],meta[property^="citation_" i]';
const OG_ARTICLE = 'meta[property="og:type" i][content$="article" i]';
const NAMES_DOI = 'meta[content*="doi.org/10." i],meta[name="doi" i],meta[property="og:doi" i]';
/** A DOI as publishers put it in paths and queries (`/doi/10.1145/…`, `?id=10.1371/…`). */
const DOI_IN_URL = /(?:^|[/=])10\.\d{4,9}(?:\/|%2f)/i;

export function hasScholarlyMetadata(doc: Document, url: { pathname: string; search: string }) {
  // <meta> belongs in <head> (the parser keeps it there): a small subtree, whatever the page's size.
  const head = doc.head;
  if (head?.querySelector(SCHOLARLY_META)) return true;
  if (head?.querySelector(OG_ARTICLE) && head.querySelector(NAMES_DOI)) return true;
  if (DOI_IN_URL.test(url.pathname + url.search)) return true;
  // JSON-LD in <head> only, where publishers put it: looking through the
  // whole document's scripts walks every element (0.8 ms on a 36,000-element
  // page, scripts/bench-probe.ts), on every page of every site.
  for (const script of head?.querySelectorAll<HTMLScriptElement>(
    'script[type="application/ld+json" i]',
  ) ?? []) {
    if (/"(?:https?:\/\/schema\.org\/)?ScholarlyArticle"/.test(script.text.slice(0, 100_000)))
      return true;
  }
  return false;
}
