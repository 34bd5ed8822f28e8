import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { libraryHandlers } from '@/entrypoints/background/library-handlers';
import { syncHandlers } from '@/entrypoints/background/sync-handlers';
import { readSyncAccount, SYNC_LIMITS } from '@/utils/core/sync';
import { browser } from '@/utils/platform/browser';
import { loadConfig } from '@/utils/sync/config';
import type { SyncService } from '@/utils/sync/service';
import { checked } from '@/utils/messaging/router';
import { VIEW_PAYLOADS } from '@/utils/messaging/view-to-worker';
import { LISTING_ENTRIES, SCHEMA_LIMITS as L, readSummary } from '@/utils/core/schema';
import { detectPaper } from '@/utils/detect';
import { MAX_ENTRIES } from '@/utils/detect/listing';
import { metaEntries } from '@/utils/detect/meta';
import { readLibraryItem } from '@/utils/library/import';
import { normalizeTags } from '@/utils/library/library';
import { isListingLinks, isMetaEntries, isPaperRef } from '@/utils/messaging/validate';
import { ROOT } from '../../helpers/fixtures';
import { freshIndexedDb, makeSummary } from '../library/helpers';

const text = (n: number, c = 'a') => c.repeat(n);

/**
 * Files that read data from pages or from outside. Their limits come from the
 * one table (SCHEMA_LIMITS in utils/core/schema.ts): a number of their own in
 * a length check or a cut is how two readers came to disagree.
 */
const READERS = [
  'utils/messaging/validate.ts',
  'utils/messaging/validate-library.ts',
  'utils/messaging/worker-to-view.ts',
  'entrypoints/background/page-handlers.ts',
  'entrypoints/background/library-handlers.ts',
  'entrypoints/background/view-handlers.ts',
  'entrypoints/background/sync-handlers.ts',
  'utils/sync/config.ts',
  'utils/core/sync.ts',
  'utils/detect/index.ts',
  'utils/detect/meta.ts',
  'utils/library/import.ts',
  'utils/library/library.ts',
];
const LITERAL_LIMIT =
  /(?:\.length\s*[<>]=?\s*|slice\(0,\s*|(?:isStringArray|str|strings|isText|text)\([^()]*,\s*)\d{2,}/;

describe('one table of limits', () => {
  it.each(READERS)('%s writes no limit of its own', (file) => {
    const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
    // Reading a file's first bytes to tell its kind bounds no data.
    const limits = lines.filter((line) => LITERAL_LIMIT.test(line) && !/file\.slice/.test(line));
    expect(limits).toEqual([]);
  });

  it('a paper a page names: detection keeps to what a message may carry', () => {
    const ids = Array.from({ length: L.metaDois + 10 }, (_, i) => `10.1145/${3000 + i}`);
    const ref = detectPaper('https://example.org/paper', [
      ['citation_title', text(L.titleChars + 500, 't')],
      ...Array.from(
        { length: L.authors + 10 },
        (_, i) => ['citation_author', `${i} ${text(L.authorChars + 50)}`] as [string, string],
      ),
      ...ids.map((id) => ['citation_doi', id] as [string, string]),
    ])!;
    expect(ref.keys).toHaveLength(L.metaDois);
    expect(ref.title).toHaveLength(L.titleChars);
    expect(ref.authors).toHaveLength(L.authors);
    expect(isPaperRef(ref)).toBe(true);
    // …and the message check refuses one more of anything.
    expect(isPaperRef({ ...ref, title: text(L.titleChars + 1) })).toBe(false);
    expect(isPaperRef({ ...ref, authors: [text(L.authorChars + 1)] })).toBe(false);
    expect(isPaperRef({ ...ref, authors: Array(L.authors + 1).fill('A') })).toBe(false);
    const keys = Array.from({ length: L.pageKeys }, (_, i) => `arxiv:2007.${10000 + i}`);
    expect(isPaperRef({ ...ref, keys })).toBe(true);
    expect(isPaperRef({ ...ref, keys: [...keys, 'arxiv:2007.12223'] })).toBe(false);
    expect(isPaperRef({ ...ref, url: `https://example.org/?${text(L.pageUrlChars)}` })).toBe(false);
  });

  it("a page's <meta> tags: what the content script sends, the worker takes", () => {
    const doc = document.implementation.createHTMLDocument('x');
    for (let i = 0; i < L.metaEntries + 50; i++) {
      const meta = doc.createElement('meta');
      meta.setAttribute('name', `citation_${text(L.metaNameChars)}`);
      meta.setAttribute('content', text(L.metaValueChars + 100));
      doc.head.append(meta);
    }
    const sent = metaEntries(doc);
    expect(sent).toHaveLength(L.metaEntries);
    expect(isMetaEntries(sent)).toBe(true);
    expect(isMetaEntries([...sent, ['citation_title', 'x']])).toBe(false);
    expect(isMetaEntries([['citation_title', text(L.metaValueChars + 1)]])).toBe(false);
  });

  it('a listing page: as many links as the page reads, each a URL by the URL limit', () => {
    expect(MAX_ENTRIES).toBe(LISTING_ENTRIES);
    expect(isListingLinks(Array(MAX_ENTRIES).fill('https://arxiv.org/abs/2007.12223'))).toBe(true);
    expect(isListingLinks(Array(MAX_ENTRIES + 1).fill('https://arxiv.org/abs/2007.12223'))).toBe(
      false,
    );
    expect(isListingLinks([`https://arxiv.org/${text(L.listingLinkChars)}`])).toBe(false);
  });

  it('a library item: tags, notes and dates as the table says, on import and on edit', () => {
    const item = {
      id: 'x:1',
      kind: 'saved',
      summary: makeSummary({ id: 'x:1' }),
      savedAt: '2026-11-26',
      updatedAt: '2026-11-26',
      tags: Array.from({ length: L.tags }, (_, i) => `${i}${text(L.tagChars)}`),
      note: text(L.noteChars),
      revision: 1,
    };
    const read = readLibraryItem(item);
    expect(read.tags).toHaveLength(L.tags);
    expect(read.tags.every((t) => t.length === L.tagChars)).toBe(true);
    expect(normalizeTags(item.tags.concat('one more'))).toEqual(read.tags);
    expect(() => readLibraryItem({ ...item, tags: [...item.tags, 'one more'] })).toThrow();
    expect(() => readLibraryItem({ ...item, note: text(L.noteChars + 1) })).toThrow();
  });

  it('a sync account: the same limits in its messages and in storage', async () => {
    fakeBrowser.reset();
    const account = {
      url: `https://dav.example/${text(SYNC_LIMITS.urlChars - 20)}`,
      user: text(SYNC_LIMITS.userChars),
      password: text(SYNC_LIMITS.passwordChars),
    };
    expect(readSyncAccount(account)).toEqual(account);
    const probe = vi.fn(async () => ({ fresh: true }));
    const handlers = syncHandlers({ probe } as unknown as SyncService);
    const stored = { ...account, key: text(44), device: text(16), headerSig: 's', connectedAt: '' };
    await browser.storage.local.set({ sync: stored });
    expect(await loadConfig()).toEqual(stored);
    for (const [field, max] of [
      ['url', SYNC_LIMITS.urlChars],
      ['user', SYNC_LIMITS.userChars],
      ['password', SYNC_LIMITS.passwordChars],
    ] as const) {
      const long = { ...account, [field]: text(max + 1) };
      expect(readSyncAccount(long)).toBeNull();
      expect(await handlers['sync:probe']({ account: long }, {} as never)).toMatchObject({
        ok: false,
      });
      await browser.storage.local.set({ sync: { ...stored, [field]: text(max + 1) } });
      expect(await loadConfig()).toBeNull();
    }
    expect(probe).not.toHaveBeenCalled();
    expect(await handlers['sync:probe']({ account }, {} as never)).toMatchObject({ ok: true });
  });

  describe('a view asking about its paper', () => {
    beforeEach(() => {
      fakeBrowser.reset();
      freshIndexedDb();
    });

    it('may name any summary the schema lets in', async () => {
      const longId = `lab:${text(L.idChars - 4)}`;
      expect(readSummary(makeSummary({ id: longId })).ok).toBe(true);
      const answer = await checked(VIEW_PAYLOADS, libraryHandlers())['library:paper'](
        { keys: ['arxiv:2007.12223'], summaryIds: [longId] },
        {} as never,
      );
      expect(answer.ok).toBe(true);
      const tooMany = await checked(VIEW_PAYLOADS, libraryHandlers())['library:paper'](
        { keys: ['arxiv:2007.12223'], summaryIds: Array(L.summaryIdsPerRequest + 1).fill('a') },
        {} as never,
      );
      expect(tooMany.ok).toBe(false);
    });
  });
});
