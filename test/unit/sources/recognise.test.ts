import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from '@/utils/platform/browser';
import { PAPER_SITES } from '@/utils/detect/sites';
import { releaseSource, releaseUnused } from '@/utils/sources/permissions';
import { defaultSettings } from '@/utils/sources/settings';
import {
  EVERY_SITE,
  forgetRevoked,
  hostPatternOf,
  inPattern,
  isWatched,
  loadRecognise,
  parseRecognise,
  probeRegistrations,
  PROBE_IDS,
  saveRecognise,
  syncProbes,
} from '@/utils/sources/recognise';

const ACM = 'https://dl.acm.org/*';
const grants =
  (...granted: string[]) =>
  async (origins: string[]) =>
    origins.every((o) => granted.includes(o));

describe('match patterns', () => {
  it.each([
    ['https://arxiv.org/*', 'https://arxiv.org/abs/2007.12223', true],
    ['https://arxiv.org/*', 'http://arxiv.org/abs/2007.12223', false],
    ['https://huggingface.co/papers/*', 'https://huggingface.co/papers/2007.12223', true],
    ['https://huggingface.co/papers/*', 'https://huggingface.co/models', false],
    ['https://*/*', 'https://dl.acm.org/doi/10.1/x', true],
    ['https://*.example.org/*', 'https://a.b.example.org/x?y=1', true],
    ['https://*.example.org/*', 'https://example.org/', true],
    ['https://*.example.org/*', 'https://badexample.org/', false],
    ['*://aclweb.org/anthology/*', 'http://aclweb.org/anthology/P19-1001', true],
  ])('%s holds %s: %s', (pattern, url, held) => {
    expect(inPattern(pattern, url)).toBe(held);
  });

  it('knows the paper sites as watched, and a publisher as not', () => {
    expect(isWatched('https://openreview.net/forum?id=x', PAPER_SITES)).toBe(true);
    expect(isWatched('https://dl.acm.org/doi/10.1145/3025453.3025912', PAPER_SITES)).toBe(false);
  });
});

describe('the choice', () => {
  it('keeps only https host patterns, and is off by default', () => {
    expect(parseRecognise(undefined)).toEqual({ hosts: [], everySite: false });
    expect(
      parseRecognise({
        hosts: [ACM, ACM, 'http://x.org/*', 'https://*/*', 42, 'https://a.org/p/*'],
        everySite: 'yes',
      }),
    ).toEqual({ hosts: [ACM], everySite: false });
  });

  it('offers "Always on" for https pages only, by origin', () => {
    expect(hostPatternOf('https://dl.acm.org/doi/10.1/x?y#z')).toBe(ACM);
    expect(hostPatternOf('http://example.org/paper')).toBeNull();
    expect(hostPatternOf('not a url')).toBeNull();
  });
});

describe('the probe’s registrations', () => {
  it('are what is both chosen and granted, never more', async () => {
    const watched = ['https://arxiv.org/*'];
    const chosen = { hosts: [ACM, 'https://link.springer.com/*'], everySite: false };
    expect(await probeRegistrations(chosen, grants(ACM), watched)).toEqual([
      expect.objectContaining({ id: PROBE_IDS.hosts, matches: [ACM], js: ['/probe.js'] }),
    ]);
    expect(await probeRegistrations(chosen, grants(), watched)).toEqual([]);
    // A host granted for a remote source is not watched unless chosen.
    expect(await probeRegistrations({ hosts: [], everySite: false }, grants(ACM), watched)).toEqual(
      [],
    );
  });

  it('cover every site but the paper sites when that is chosen and granted', async () => {
    const [all] = await probeRegistrations(
      { hosts: [ACM], everySite: true },
      grants(...EVERY_SITE, ACM),
      PAPER_SITES,
    );
    expect(all).toMatchObject({
      id: PROBE_IDS.everySite,
      matches: EVERY_SITE,
      excludeMatches: PAPER_SITES,
      runAt: 'document_end',
      persistAcrossSessions: true,
    });
    // Chosen, not granted (the prompt was refused): the hosts still chosen and granted.
    expect(
      await probeRegistrations({ hosts: [ACM], everySite: true }, grants(ACM), PAPER_SITES),
    ).toEqual([expect.objectContaining({ id: PROBE_IDS.hosts })]);
  });
});

describe('following the browser', () => {
  let registered: Array<{
    id: string;
    matches?: string[];
    excludeMatches?: string[];
    js?: string[];
  }>;
  let granted: string[];
  beforeEach(() => {
    fakeBrowser.reset();
    registered = [];
    granted = [];
    const b = browser as unknown as Record<string, unknown>;
    b.scripting = {
      getRegisteredContentScripts: vi.fn(async () => registered),
      unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => {
        registered = registered.filter((s) => !ids.includes(s.id));
      }),
      registerContentScripts: vi.fn(async (scripts: typeof registered) => {
        registered.push(...scripts);
      }),
    };
    b.permissions = {
      contains: async ({ origins }: { origins: string[] }) =>
        origins.every((o) => granted.includes(o)),
    };
    vi.spyOn(browser.runtime, 'getManifest').mockReturnValue({
      content_scripts: [{ matches: ['https://arxiv.org/*'], js: ['paper.js'] }],
    } as never);
  });
  afterEach(() => vi.restoreAllMocks());

  it('registers, replaces and removes the probe as the choice and the grants change', async () => {
    await saveRecognise({ hosts: [ACM], everySite: false });
    await syncProbes();
    expect(registered).toEqual([]); // chosen, not granted yet
    granted = [ACM];
    await syncProbes();
    expect(registered.map((s) => [s.id, s.matches])).toEqual([[PROBE_IDS.hosts, [ACM]]]);
    const calls = (browser.scripting.registerContentScripts as ReturnType<typeof vi.fn>).mock.calls
      .length;
    await syncProbes(); // nothing changed: nothing re-registered
    expect(
      (browser.scripting.registerContentScripts as ReturnType<typeof vi.fn>).mock.calls.length,
    ).toBe(calls);
    granted = [];
    await syncProbes();
    expect(registered).toEqual([]);
  });

  it('drops what the user took back in the browser from the choice', async () => {
    await saveRecognise({ hosts: [ACM, 'https://link.springer.com/*'], everySite: true });
    granted = [ACM];
    await forgetRevoked();
    expect(await loadRecognise()).toEqual({ hosts: [ACM], everySite: false });
  });

  it('a source turned off does not take the access of a host chosen "Always on"', async () => {
    const S2 = 'https://api.semanticscholar.org/*';
    const removed: string[] = [];
    (browser as unknown as { permissions: Record<string, unknown> }).permissions.remove = async ({
      origins,
    }: {
      origins: string[];
    }) => {
      removed.push(...origins);
      return true;
    };
    await saveRecognise({ hosts: [S2], everySite: false });
    await releaseUnused(defaultSettings());
    await releaseSource(defaultSettings(), 'semanticscholar');
    expect(removed).not.toContain(S2);
    expect(removed).toContain('https://huggingface.co/api/*');
  });
});
