// @vitest-environment node
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIndex } from '@/utils/index-format/build';
import { parseInputLine } from '@/utils/index-format/input';
import {
  DEFAULT_LICENCE,
  PUBLISH_LICENCES,
  publishableItems,
  publishIndex,
  publishInputLines,
  PublishError,
  type PublishOptions,
} from '@/utils/index-format/publish';
import { IndexFormatError, validateManifest } from '@/utils/index-format/validate';
import { crc32, zipStore } from '@/utils/index-format/zip';
import type { LibraryItem } from '@/utils/core/library-item';
import { IndexReader } from '@/utils/index-format/reader';
import { lookupSummaries } from '@/utils/index-format/lookup';
import { ROOT } from '../../helpers/fixtures';
import { makeSummary } from '../library/helpers';

const temp = mkdtempSync(join(tmpdir(), 'sidenotes-publish-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function own(
  keys: string[],
  title: string,
  body: string,
  tags: string[] = [],
  extra: Partial<LibraryItem['summary']> = {},
): LibraryItem {
  const id = `you:${keys[0]}`;
  const summary = makeSummary({
    id,
    paperKeys: keys,
    paper: { title, authors: ['A. Author'], year: 2020 },
    body,
    author: 'you',
    date: '2026-02-01T09:00:00.000Z',
    link: null,
    source: { id: 'you', name: 'Your summary', url: '', licence: 'yours', kind: 'human' },
    ...extra,
  });
  const time = '2026-02-01T09:00:00.000Z';
  return { id, kind: 'own', summary, savedAt: time, updatedAt: time, tags, note: '', revision: 1 };
}

const ITEMS: LibraryItem[] = [
  own(
    ['arxiv:2007.12223', 'title:the lottery ticket hypothesis for bert'],
    'The Lottery Ticket Hypothesis for BERT',
    'Pruned *BERT* keeps $x_i$.',
    ['group'],
  ),
  own(
    ['openreview:rJlnfaNYvB'],
    'Adaptive Loss Scaling for Mixed Precision Training',
    'Scale per layer.',
    ['group'],
  ),
  own(
    ['acl:2021.naacl-main.208', 'doi:10.18653/v1/2021.naacl-main.208'],
    'An ACL paper with a DOI of its own',
    'Ünïcödé 中文 🙂 "quotes" <b>tags</b>.',
    ['group', 'other'],
  ),
  own(
    ['shortscience:conf/nips/SmithJ17'],
    'A NeurIPS paper known to ShortScience only',
    'From the CSV import.',
    ['other'],
  ),
  {
    ...own(['arxiv:1706.03762'], 'Attention Is All You Need', 'Saved, not mine.'),
    kind: 'saved',
    id: 'shortscience:x:0',
  },
];

const OPTIONS: PublishOptions = {
  name: 'Reading Group <Vision & Language>',
  author: 'Ada "Lovelace"',
  licence: 'CC BY-SA 4.0',
  built: '2026-03-04',
};

/** Every file under a folder, by relative path. */
function filesUnder(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path).split('\\').join('/'), readFileSync(path));
    }
  };
  walk(dir);
  return out;
}

/** A bitwise CRC-32, written apart from the module's table-driven one. */
function referenceCrc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A tiny reader of stored zips: the central directory, each local header, the data. */
function unzip(zip: Uint8Array): Map<string, Buffer> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    expect(view.getUint16(at + 8, true) & 0x0800).toBe(0x0800); // UTF-8 names
    expect(view.getUint16(at + 10, true)).toBe(0); // stored
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = Buffer.from(zip.subarray(at + 46, at + 46 + nameLength)).toString('utf8');
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    const dataAt = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = Buffer.from(zip.subarray(dataAt, dataAt + size));
    expect(referenceCrc32(data), name).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return files;
}

describe('publish: builder input lines', () => {
  it('takes own summaries only, all or those with a tag', () => {
    expect(publishableItems(ITEMS).map((i) => i.id)).toHaveLength(4);
    expect(publishableItems(ITEMS, 'group').map((i) => i.id)).toEqual([
      'you:arxiv:2007.12223',
      'you:openreview:rJlnfaNYvB',
      'you:acl:2021.naacl-main.208',
    ]);
  });

  it('writes lines the builder reads back, with author, licence and a stable id', () => {
    const { lines, skipped } = publishInputLines(ITEMS, { ...OPTIONS, tag: 'group' });
    expect(lines).toHaveLength(3);
    expect(skipped).toEqual([]);
    const records = lines.map(parseInputLine);
    expect(records.map((r) => r.keys)).toEqual([
      ['acl:2021.naacl-main.208', 'doi:10.18653/v1/2021.naacl-main.208'],
      ['arxiv:2007.12223'],
      ['openreview:rJlnfaNYvB'],
    ]);
    expect(records[1]!.summary).toMatchObject({
      id: 'index:reading-group-vision-language:ada-lovelace:arxiv:2007.12223',
      body: 'Pruned *BERT* keeps $x_i$.',
      author: 'Ada "Lovelace"',
      date: '2026-02-01T09:00:00.000Z',
      source: {
        id: 'index:reading-group-vision-language',
        name: 'Reading Group <Vision & Language>',
        licence: 'CC BY-SA 4.0',
        kind: 'human',
      },
    });
    expect(JSON.parse(lines[1]!)).toHaveProperty('paper.arxivId', '2007.12223');
  });

  it('is the same for the same summaries in any order', () => {
    const a = publishInputLines(ITEMS, OPTIONS);
    const b = publishInputLines([...ITEMS].reverse(), OPTIONS);
    expect(b).toEqual(a);
  });

  it.each([
    [{ name: ' ' }, 'Give the index name.'],
    [{ author: 'x'.repeat(121) }, 'The author name is longer than 120 characters.'],
    [{ author: 'two\nlines' }, 'The author name must be one line of text.'],
    [{ licence: 'All rights reserved' }, 'Choose one of the licences offered'],
    [{ tag: 'nobody' }, 'None of your own summaries has the tag "nobody".'],
    [{ homepage: 'http://plain.example' }, 'The home page must be an https:// address.'],
  ])('refuses %j', (change, message) => {
    expect(() => publishInputLines(ITEMS, { ...OPTIONS, ...change })).toThrow(PublishError);
    expect(() => publishInputLines(ITEMS, { ...OPTIONS, ...change })).toThrow(message);
  });

  it('leaves out and lists a summary that cannot be published, and publishes the others', async () => {
    // Stored by an older version: one author past the schema's 300 characters.
    const old = own(
      ['arxiv:1406.2661'],
      'Generative Adversarial Networks',
      'Two networks play.',
      [],
      {
        paper: { title: 'Generative Adversarial Networks', authors: ['A'.repeat(500)] },
      },
    );
    const { lines, skipped } = publishInputLines([...ITEMS, old], OPTIONS);
    expect(lines).toHaveLength(publishInputLines(ITEMS, OPTIONS).lines.length);
    expect(skipped).toEqual([
      {
        title: 'Generative Adversarial Networks',
        reason: expect.stringContaining('longer than 300 characters'),
      },
    ]);
    const publication = await publishIndex([...ITEMS, old], OPTIONS);
    expect(publication.skipped).toHaveLength(1);
    expect(publication.manifest.counts.summaries).toBe(lines.length);
    // Nothing publishable at all: said, not an empty index.
    expect(() => publishInputLines([old], OPTIONS)).toThrow(
      'None of the chosen summaries can be published: "Generative Adversarial Networks"',
    );
  });

  it('offers open licences, CC BY 4.0 first and by default, never "all rights reserved"', () => {
    expect(PUBLISH_LICENCES.map((l) => l.name)).toEqual([
      'CC BY 4.0',
      'CC BY-SA 4.0',
      'CC BY-NC 4.0',
      'CC BY-NC-SA 4.0',
      'CC0 1.0',
    ]);
    expect(DEFAULT_LICENCE).toBe('CC BY 4.0');
    for (const l of PUBLISH_LICENCES) expect(l.url).toMatch(/^https:\/\/creativecommons\.org\//);
  });
});

describe('publish: the index, built in the browser', () => {
  it('is byte for byte what `npm run build:index` makes from the same JSONL', async () => {
    const publication = await publishIndex(ITEMS, OPTIONS);
    const input = join(temp, publication.jsonlFileName);
    writeFileSync(input, publication.jsonl);
    const out = join(temp, 'cli-out');
    // The command line itself, as `npm run build:index -- …` runs it.
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/build-index.ts',
        '--name',
        OPTIONS.name,
        '--publisher',
        OPTIONS.author,
        '--licence',
        OPTIONS.licence,
        '--built',
        OPTIONS.built!,
        input,
        out,
      ],
      { cwd: ROOT, stdio: 'pipe' },
    );
    const cli = filesUnder(out);
    expect([...cli.keys()].sort()).toEqual([...publication.index.files.keys()].sort());
    for (const [path, content] of publication.index.files) {
      expect(cli.get(path)!.equals(Buffer.from(content)), path).toBe(true);
    }
    expect([...cli.keys()]).toContain('index.html');
  }, 30_000);

  it('packs the folder and a README into a zip whose files match the manifest', async () => {
    const publication = await publishIndex(ITEMS, OPTIONS);
    expect(publication.zipFileName).toBe('reading-group-vision-language.zip');
    const files = unzip(publication.zip);
    const folder = 'reading-group-vision-language';
    expect([...files.keys()]).toEqual(
      [
        ...[...publication.index.files.keys()].map((p) => `${folder}/${p}`),
        `${folder}/README.txt`,
      ].sort(),
    );
    const manifest = validateManifest(JSON.parse(files.get(`${folder}/manifest.json`)!.toString()));
    expect(manifest).toMatchObject({
      name: OPTIONS.name,
      publisher: OPTIONS.author,
      licence: 'CC BY-SA 4.0',
      built: '2026-03-04',
      counts: { papers: 4, summaries: 4 },
    });
    const listed = [...Object.values(manifest.shards), manifest.search!];
    for (const { file, sha256, bytes } of listed) {
      const data = files.get(`${folder}/${file}`)!;
      expect(createHash('sha256').update(data).digest('hex'), file).toBe(sha256);
      expect(data.length, file).toBe(bytes);
    }
    const readme = files.get(`${folder}/README.txt`)!.toString();
    expect(readme).toContain('Published by Ada "Lovelace" under CC BY-SA 4.0');
    expect(readme).toMatch(/GitHub Pages[\s\S]*Netlify[\s\S]*Cloudflare Pages[\s\S]*S3/);
    expect(readme).toContain('Options → Sources → Remote indexes');
    expect(readme).toContain('Nothing\nhas been uploaded');
  });

  it('is accepted by unzip, where it is installed', async () => {
    if (spawnSync('unzip', ['-v']).status !== 0) return;
    const { zip, zipFileName, index } = await publishIndex(ITEMS, OPTIONS);
    const path = join(temp, zipFileName);
    writeFileSync(path, zip);
    const test = spawnSync('unzip', ['-t', path], { encoding: 'utf8' });
    expect(test.stdout).toContain('No errors detected');
    const manifest = execFileSync('unzip', [
      '-p',
      path,
      'reading-group-vision-language/manifest.json',
    ]);
    expect(manifest.toString()).toBe(index.files.get('manifest.json'));
  });

  it('gives the same zip bytes every time', async () => {
    const a = await publishIndex(ITEMS, OPTIONS);
    const b = await publishIndex([...ITEMS].reverse(), OPTIONS);
    expect(Buffer.from(b.zip).equals(Buffer.from(a.zip))).toBe(true);
    expect(b.jsonl).toBe(a.jsonl);
  });

  it('serves the published summaries to a reader, with their author and licence', async () => {
    const { index } = await publishIndex(ITEMS, { ...OPTIONS, tag: 'group' });
    const reader = new IndexReader(async (path) => {
      const content = index.files.get(path);
      if (typeof content !== 'string') throw new Error(`missing ${path}`);
      return content;
    });
    const { summaries } = await lookupSummaries({ keys: ['arxiv:2007.12223'] }, [
      { name: 'group', reader },
    ]);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      body: 'Pruned *BERT* keeps $x_i$.',
      author: 'Ada "Lovelace"',
      source: { name: OPTIONS.name, licence: 'CC BY-SA 4.0', kind: 'human' },
    });
  });
});

describe('the zip writer', () => {
  it('computes CRC-32 as the standard check values say', () => {
    const bytes = new TextEncoder().encode('123456789');
    expect(crc32(bytes)).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251);
    expect(crc32(random)).toBe(referenceCrc32(random));
  });

  it('sorts entries, fixes their time, and refuses unsafe or repeated paths', () => {
    const zip = zipStore([
      { path: 'b/é.txt', content: 'two' },
      { path: 'a.bin', content: new Uint8Array([0, 255]) },
    ]);
    expect([...unzip(zip).keys()]).toEqual(['a.bin', 'b/é.txt']);
    const view = new DataView(zip.buffer);
    expect([view.getUint16(10, true), view.getUint16(12, true)]).toEqual([0, 0x21]); // 1980-01-01 00:00
    for (const path of ['/abs', '../up', 'a/../b', 'a\\b', 'dir/', '']) {
      expect(() => zipStore([{ path, content: '' }]), path).toThrow();
    }
    expect(() =>
      zipStore([
        { path: 'x', content: '1' },
        { path: 'x', content: '2' },
      ]),
    ).toThrow('twice');
  });
});

describe('manifest: publisher and licence', () => {
  const base = async (options = {}) =>
    (
      await buildIndex([parseInputLine(publishInputLines(ITEMS, OPTIONS).lines[0]!)], {
        name: 'n',
        built: '2026-01-01',
        ...options,
      })
    ).manifest;

  it('are optional: an older manifest without them is still valid', async () => {
    const manifest = await base();
    expect(manifest).not.toHaveProperty('publisher');
    expect(manifest).not.toHaveProperty('licence');
    expect(() => validateManifest(JSON.parse(JSON.stringify(manifest)))).not.toThrow();
  });

  it('are checked: text, at most 200 characters', async () => {
    const manifest = JSON.parse(JSON.stringify(await base({ publisher: 'P', licence: 'L' })));
    expect(validateManifest(manifest)).toMatchObject({ publisher: 'P', licence: 'L' });
    for (const bad of [{ publisher: 'x'.repeat(201) }, { licence: 42 }, { publisher: null }]) {
      expect(() => validateManifest({ ...manifest, ...bad }), JSON.stringify(bad)).toThrow(
        IndexFormatError,
      );
    }
    await expect(base({ publisher: 'x'.repeat(201) })).rejects.toThrow('1 to 200 characters');
  });
});
