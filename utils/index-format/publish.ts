import type { LibraryItem } from '@/utils/core/library-item';
import type { SummarySource } from '@/utils/core/summary';
import { buildIndex, type BuiltIndex } from './build';
import type { Manifest } from './format';
import { licenceUrl, PUBLISH_LICENCES } from './index-page';
import { parseInputLine } from './input';
import { zipStore } from './zip';

export { DEFAULT_LICENCE, PUBLISH_LICENCES, type IndexLicence } from './index-page';

/**
 * Publish as an index: the user's own summaries (all, or those with a tag)
 * become (a) builder input lines, the JSONL `npm run build:index` reads, for
 * adding to someone else's index, and (b) the index folder those lines build
 * into, made by the same builder, packed as one zip to upload to any static
 * host. Nothing leaves the browser here: the caller offers both as downloads.
 */

export const MAX_INDEX_NAME_CHARS = 120;
/** Also the index's publisher: within the manifest's cap (MAX_PUBLISHER_CHARS). */
export const MAX_AUTHOR_CHARS = 120;

export interface PublishOptions {
  /** The index's name, shown on every summary card ("Our reading group"). */
  name: string;
  /** Who wrote the summaries, shown as "by …" and as the index's publisher. */
  author: string;
  /** One of PUBLISH_LICENCES' names. */
  licence: string;
  /** Only own summaries with this tag (a reading group's tag); all of them when absent. */
  tag?: string;
  /** Build date as YYYY-MM-DD; today (UTC) when absent. */
  built?: string;
  /** A page about the index or its authors, linked from each summary's source. */
  homepage?: string;
}

export class PublishError extends Error {
  override name = 'PublishError';
}

export interface Publication {
  /** Builder input: one line per summary, ending in a newline. */
  jsonl: string;
  jsonlFileName: string;
  /** The index folder, as the builder made it (index.html and manifest.json included). */
  index: BuiltIndex;
  manifest: Manifest;
  /** The chosen summaries left out, each with why: the index holds the others. */
  skipped: Unpublished[];
  /** The index folder plus README.txt, under one folder named `folder`. */
  zip: Uint8Array;
  zipFileName: string;
  folder: string;
}

/** The user's own summaries, or those of them with `tag`. Saved summaries are not theirs to license. */
export function publishableItems(items: readonly LibraryItem[], tag?: string): LibraryItem[] {
  return items.filter((item) => item.kind === 'own' && (!tag || item.tags.includes(tag)));
}

/** Lower-case ASCII words joined by hyphens: a file and folder name, an id part. */
export function slugOf(text: string, fallback = 'sidenotes-index'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}

const oneLine = (value: string, field: string, max: number): string => {
  const text = value.trim();
  if (!text) throw new PublishError(`Give the ${field}.`);
  if (text.length > max) throw new PublishError(`The ${field} is longer than ${max} characters.`);
  if (/\p{Cc}/u.test(text)) throw new PublishError(`The ${field} must be one line of text.`);
  return text;
};

/** The options with their words trimmed and checked; throws PublishError saying what is wrong. */
export function checkPublishOptions(options: PublishOptions): PublishOptions {
  const name = oneLine(options.name, 'index name', MAX_INDEX_NAME_CHARS);
  const author = oneLine(options.author, 'author name', MAX_AUTHOR_CHARS);
  if (!PUBLISH_LICENCES.some((l) => l.name === options.licence)) {
    throw new PublishError(
      `Choose one of the licences offered (${PUBLISH_LICENCES.map((l) => l.name).join(', ')}).`,
    );
  }
  const built = options.built ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(built))
    throw new PublishError('The build date is not YYYY-MM-DD.');
  let homepage: string | undefined;
  if (options.homepage?.trim()) {
    homepage = options.homepage.trim();
    if (!/^https:\/\/[^\s]+$/.test(homepage) || homepage.length > 2000) {
      throw new PublishError('The home page must be an https:// address.');
    }
  }
  return {
    name,
    author,
    licence: options.licence,
    built,
    ...(options.tag ? { tag: options.tag } : {}),
    ...(homepage ? { homepage } : {}),
  };
}

const ID_FIELDS: Record<string, string> = {
  arxiv: 'arxivId',
  openreview: 'openreviewId',
  acl: 'aclId',
  doi: 'doi',
};

/** One builder input line, fields in a fixed order so the same item always gives the same line. */
function inputLine(item: LibraryItem, source: SummarySource, options: PublishOptions): string {
  const s = item.summary;
  const paper: Record<string, unknown> = {};
  for (const key of s.paperKeys) {
    const colon = key.indexOf(':');
    const field = ID_FIELDS[key.slice(0, colon)];
    // ShortScience and title keys have no input field; the builder keys such a paper by title.
    if (field && paper[field] === undefined) paper[field] = key.slice(colon + 1);
  }
  Object.assign(paper, {
    title: s.paper.title,
    authors: s.paper.authors,
    ...(s.paper.year ? { year: s.paper.year } : {}),
    ...(s.paper.venue ? { venue: s.paper.venue } : {}),
    ...(s.paper.url ? { url: s.paper.url } : {}),
  });
  const summary = {
    // Stable across re-publishing, and distinct between authors of one group index.
    id: `${source.id}:${slugOf(options.author, 'author')}:${s.paperKeys[0] ?? slugOf(s.paper.title)}`,
    body: s.body,
    format: s.format,
    ...(s.label ? { label: s.label } : {}),
    author: options.author,
    ...(s.date ? { date: s.date } : {}),
    source,
  };
  return JSON.stringify({ paper, summary });
}

/** A summary left out of an index, and why (in words for people). */
export interface Unpublished {
  title: string;
  reason: string;
}

/**
 * The builder input lines for these items, one per summary, sorted by paper
 * key: the same summaries give the same file. Each is checked with the
 * builder's own parser; one that would not build (an item stored by an
 * older version, past today's limits) is left out and listed in `skipped`,
 * so one bad summary never stops the others from being published. Throws
 * PublishError only when nothing at all can be published.
 */
export function publishInputLines(
  items: readonly LibraryItem[],
  publishOptions: PublishOptions,
): { lines: string[]; skipped: Unpublished[] } {
  const options = checkPublishOptions(publishOptions);
  const chosen = publishableItems(items, options.tag);
  if (!chosen.length) {
    throw new PublishError(
      options.tag
        ? `None of your own summaries has the tag "${options.tag}".`
        : 'There are no summaries of your own to publish yet.',
    );
  }
  const source: SummarySource = {
    id: `index:${slugOf(options.name)}`,
    name: options.name,
    url: options.homepage ?? '',
    licence: options.licence,
    kind: 'human',
  };
  // Code-unit order, not the locale's: the same on every machine.
  const order = (item: LibraryItem) => `${item.summary.paperKeys[0] ?? ''}\u0000${item.id}`;
  const lines: string[] = [];
  const skipped: Unpublished[] = [];
  for (const item of [...chosen].sort((a, b) =>
    order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0,
  )) {
    const line = inputLine(item, source, options);
    try {
      parseInputLine(line);
      lines.push(line);
    } catch (error) {
      skipped.push({
        title: item.summary.paper.title,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  if (!lines.length) {
    const [first] = skipped;
    throw new PublishError(
      `None of the chosen summaries can be published: "${first!.title}": ${first!.reason}.`,
    );
  }
  return { lines, skipped };
}

/** README.txt in the zip: what the folder is, how to host it, how readers add it. */
export function hostingReadme(manifest: Manifest, folder: string): string {
  const licence = manifest.licence ?? '';
  const url = licenceUrl(licence);
  return `${manifest.name} — a Sidenotes index
${'='.repeat(manifest.name.length + 21)}

Published by ${manifest.publisher ?? 'its authors'} under ${licence}${url ? ` (${url})` : ''}.
Built ${manifest.built}: ${manifest.counts.papers} papers, ${manifest.counts.summaries} summaries.

This folder ("${folder}") is a complete index for Sidenotes, the browser
extension that shows human-written summaries beside research papers. Nothing
has been uploaded: it is only on your computer until you put it on a web host.
Whatever you host is public, under the licence above.

HOST IT
Copy the files of this folder, as they are (keep the shards/ folder), to any
static web host. For example:
- GitHub Pages: make a repository, add these files, then in Settings → Pages
  publish the branch. The address is https://<user>.github.io/<repository>/.
- Netlify: drag this folder onto https://app.netlify.com/drop.
- Cloudflare Pages: Workers & Pages → Create → Pages → Upload assets, and
  upload this folder.
- Amazon S3 (or any S3-compatible storage): upload the files to a bucket with
  public read access (static website hosting on), keeping the folder layout.
No server code and no special settings are needed: these are plain files.

ADD IT TO SIDENOTES
Open the address in a browser: index.html describes this index. Then, in
Sidenotes, open Options → Sources → Remote indexes and paste that address under
"Add an index" (the folder's address, its index.html or its manifest.json all
work). Share the address with anyone who wants to read these summaries.

UPDATE IT
Publish again from Sidenotes and replace all the files on the host. Readers'
Sidenotes notice the new manifest.json on its next check and fetch only the
parts that changed.
`;
}

/** Builds the index in the browser, with the builder the command line uses, and packs it. */
export async function publishIndex(
  items: readonly LibraryItem[],
  publishOptions: PublishOptions,
): Promise<Publication> {
  const options = checkPublishOptions(publishOptions);
  const { lines, skipped } = publishInputLines(items, options);
  const jsonl = lines.join('\n') + '\n';
  const index = await buildIndex(lines.map(parseInputLine), {
    name: options.name,
    built: options.built!,
    publisher: options.author,
    licence: options.licence,
  });
  const folder = slugOf(options.name);
  const zip = zipStore([
    ...[...index.files].map(([path, content]) => ({ path: `${folder}/${path}`, content })),
    { path: `${folder}/README.txt`, content: hostingReadme(index.manifest, folder) },
  ]);
  return {
    jsonl,
    jsonlFileName: `${folder}.jsonl`,
    index,
    manifest: index.manifest,
    skipped,
    zip,
    zipFileName: `${folder}.zip`,
    folder,
  };
}
