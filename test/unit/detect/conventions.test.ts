import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPaper, URL_DETECTORS } from '@/utils/detect';
import { PAPER_SITES } from '@/utils/detect/sites';
import { keyLabel } from '@/utils/render/links';
import { isPaperKeys } from '@/utils/messaging/validate';
import { ROOT } from '../../helpers/fixtures';

/*
 * The conventions of utils/detect/, checked (as refined-github checks its
 * features): every site detector is registered in URL_DETECTORS, lists the
 * URLs it was tested on, each listed URL resolves to the key it states, and
 * every host it claims is one the content script runs on.
 *
 * The list is a block in the file's header comment, one URL per line:
 *
 *   Tested on:
 *     https://arxiv.org/abs/2007.12223 → arxiv:2007.12223
 *     https://arxiv.org/list/cs.LG/recent → none
 *
 * The block runs to the end of the comment; every line in it must have this
 * form. `→ none` marks a URL on the site that is not a paper.
 */

const DETECT_DIR = join(ROOT, 'utils/detect');

/** Files in utils/detect/ that are not site detectors: the shared parts. */
const HELPERS = ['doi', 'index', 'meta', 'page-json', 'sites', 'title'];

/**
 * Hosts a detector may list that the content script never runs on: a DOI
 * resolver only redirects, so its detector serves links, not pages.
 */
const NOT_PAGE_HOSTS = ['doi.org', 'dx.doi.org'];

/**
 * Detectors and hosts outside PAPER_SITES: publishers' pages (doi-url.ts,
 * publisher-ids.ts) are read only where the reader let Sidenotes look (a
 * toolbar click, "Always on <host>", "every site"); so are the
 * other hosts of supported sites (old and beta addresses). Their detectors also serve
 * links (index building, imports, pasted URLs).
 */
const NOT_YET_PAGE_FILES = ['doi-url', 'publisher-ids'];
const NOT_YET_PAGE_HOSTS = ['browse.arxiv.org', 'papers.neurips.cc', 'proceedings.nips.cc'];

type Detector = (url: URL) => unknown;

interface Listed {
  url: string;
  key: string | null;
}

const ENTRY = /^\s*\*\s+(https?:\/\/\S+) → (none|[a-z0-9]+:\S+)$/;

/** The `Tested on:` block of a detector file; throws on a line not in its form. */
function parseTestedOn(source: string, file = 'file'): Listed[] {
  const lines = source.split('\n');
  const start = lines.findIndex((line) => /^\s*\*\s*Tested on:\s*$/.test(line));
  if (start === -1) throw new Error(`${file}: no "Tested on:" block in a /* */ comment`);
  const listed: Listed[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\s*\*\//.test(line)) return listed;
    const m = ENTRY.exec(line);
    if (!m?.[1] || !m[2]) throw new Error(`${file}: not "* <url> → <key|none>": ${line.trim()}`);
    listed.push({ url: m[1], key: m[2] === 'none' ? null : m[2] });
  }
  throw new Error(`${file}: the "Tested on:" block has no end of comment`);
}

/**
 * Whether a URL is covered by a WebExtension match pattern
 * (`<scheme>://<host>/<path>`; scheme `*` is http or https, host `*.` any
 * subdomain, `*` in the path any characters; the path is matched with the
 * query, without the fragment). `<all_urls>` is not used here.
 */
function matchesPattern(pattern: string, href: string): boolean {
  const m = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*]+)(\/.*)$/.exec(pattern);
  if (!m?.[1] || !m[2] || !m[3]) throw new Error(`not a match pattern: ${pattern}`);
  const [, scheme, host, path] = m;
  const url = new URL(href);
  const protocol = url.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme)
    return false;
  if (host !== '*') {
    const bare = host.replace(/^\*\./, '');
    const sub = host.startsWith('*.') && url.hostname.endsWith(`.${bare}`);
    if (url.hostname !== bare && !sub) return false;
  }
  const glob = path.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${glob.join('.*')}$`).test(url.pathname + url.search);
}

const files = readdirSync(DETECT_DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -'.ts'.length))
  .sort();
const detectorFiles = files.filter((f) => !HELPERS.includes(f));
const sources = new Map(
  detectorFiles.map((f) => [f, readFileSync(join(DETECT_DIR, `${f}.ts`), 'utf8')]),
);
const modules = new Map<string, Record<string, unknown>>();
for (const f of detectorFiles) {
  modules.set(f, (await import(join(DETECT_DIR, `${f}.ts`))) as Record<string, unknown>);
}

/** The registered detectors a file exports. */
const registeredIn = (file: string): Detector[] =>
  Object.values(modules.get(file) ?? {}).filter((v): v is Detector =>
    (URL_DETECTORS as readonly unknown[]).includes(v),
  );

/** Each detector file's list, or why it could not be read (reported by a test below). */
const lists = new Map<string, Listed[] | Error>(
  detectorFiles.map((file) => {
    try {
      return [file, parseTestedOn(sources.get(file) ?? '', file)];
    } catch (error) {
      return [file, error instanceof Error ? error : new Error(String(error))];
    }
  }),
);
const table = detectorFiles.flatMap((file) => {
  const listed = lists.get(file);
  return Array.isArray(listed) ? listed.map((entry) => ({ file, ...entry })) : [];
});

describe('detector conventions', () => {
  it('has the helper files it exempts, and at least one detector', () => {
    for (const helper of HELPERS) expect(files).toContain(helper);
    expect(detectorFiles.length).toBeGreaterThan(0);
  });

  it.each(detectorFiles)('%s.ts is registered in URL_DETECTORS, once', (file) => {
    expect(registeredIn(file), `${file}.ts exports no detector listed in index.ts`).toHaveLength(1);
  });

  it('registers nothing but the detector files', () => {
    const fromFiles = detectorFiles.flatMap(registeredIn);
    for (const detect of URL_DETECTORS) expect(fromFiles).toContain(detect);
    expect(new Set(URL_DETECTORS).size).toBe(URL_DETECTORS.length);
  });

  it.each(detectorFiles)('%s.ts lists the URLs it was tested on, papers and not', (file) => {
    const listed = lists.get(file);
    if (!Array.isArray(listed)) throw listed ?? new Error(`${file}: not read`);
    expect(listed.filter((e) => e.key).length).toBeGreaterThanOrEqual(3);
    expect(listed.filter((e) => !e.key).length).toBeGreaterThanOrEqual(1);
  });
});

describe('every listed URL resolves to its stated key', () => {
  it.each(table)('$file: $url → $key', ({ file, url, key }) => {
    expect(detectPaper(url)?.keys[0] ?? null).toBe(key);
    // …and by the detector of the file that lists it.
    const [detect] = registeredIn(file);
    const own = detect?.(new URL(url)) as { keys: string[] } | null | undefined;
    expect(own?.keys[0] ?? null).toBe(key);
  });
});

describe('every key kind a detector gives is known downstream', () => {
  const keys = [...new Set(table.flatMap(({ key }) => (key ? [key] : [])))];

  it.each(keys)('%s passes the message validator and has a label', (key) => {
    expect(isPaperKeys([key])).toBe(true);
    expect(keyLabel(key)).not.toBe(key.slice(key.indexOf(':') + 1));
  });
});

describe('every host a detector claims is a paper site', () => {
  const pages = table.filter(
    (e) =>
      e.key &&
      !NOT_PAGE_HOSTS.includes(new URL(e.url).hostname) &&
      !NOT_YET_PAGE_FILES.includes(e.file) &&
      !NOT_YET_PAGE_HOSTS.includes(new URL(e.url).hostname),
  );

  it.each(pages)('$url is in PAPER_SITES', ({ url }) => {
    expect(PAPER_SITES.some((pattern) => matchesPattern(pattern, url))).toBe(true);
  });

  it.each(PAPER_SITES)('%s has a listed paper URL', (pattern) => {
    expect(pages.some(({ url }) => matchesPattern(pattern, url))).toBe(true);
  });
});

describe('the conventions checker itself', () => {
  it('parses a block and refuses a line out of form', () => {
    const ok = `/*\n * Tested on:\n *   https://a.org/1 → x:1\n *   https://a.org/ → none\n */`;
    expect(parseTestedOn(ok)).toEqual([
      { url: 'https://a.org/1', key: 'x:1' },
      { url: 'https://a.org/', key: null },
    ]);
    expect(() => parseTestedOn(ok.replace('→ x:1', '-> x:1'))).toThrow(/not "\* <url>/);
    expect(() => parseTestedOn('/* no list */')).toThrow(/no "Tested on:"/);
  });

  it('matches URLs against match patterns as browsers do', () => {
    expect(matchesPattern('*://arxiv.org/*', 'http://arxiv.org/abs/1')).toBe(true);
    expect(matchesPattern('*://arxiv.org/*', 'ftp://arxiv.org/abs/1')).toBe(false);
    expect(matchesPattern('https://jmlr.org/*', 'http://jmlr.org/papers/v1/a.html')).toBe(false);
    expect(matchesPattern('https://jmlr.org/*', 'https://www.jmlr.org/papers/')).toBe(false);
    expect(matchesPattern('*://*.jmlr.org/*', 'https://www.jmlr.org/papers/')).toBe(true);
    expect(matchesPattern('*://*.jmlr.org/*', 'https://jmlr.org/')).toBe(true);
    expect(matchesPattern('*://*.jmlr.org/*', 'https://evil-jmlr.org/')).toBe(false);
    expect(matchesPattern('*://huggingface.co/papers/*', 'https://huggingface.co/papers/1')).toBe(
      true,
    );
    expect(matchesPattern('*://huggingface.co/papers/*', 'https://huggingface.co/models')).toBe(
      false,
    );
    expect(
      matchesPattern('https://proceedings.mlr.press/*', 'https://proceedings.mlr.press.evil.com/'),
    ).toBe(false);
    expect(() => matchesPattern('<all_urls>', 'https://a.org/')).toThrow();
  });
});
