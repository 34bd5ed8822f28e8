import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  hostOfPattern,
  normalizeIndexUrl,
  originPattern,
  parseSettings,
} from '@/utils/sources/settings';
import { neededOrigins, SOURCE_DESCRIPTIONS } from '@/utils/sources/catalog';
import { mergeSummaries } from '@/utils/lookup/merge';
import type { Summary } from '@/utils/core/summary';

describe('source settings', () => {
  it('are all off by default, and anything odd in storage reads as off', () => {
    expect(defaultSettings()).toEqual({
      enabled: {
        shortscience: false,
        openreview: false,
        semanticscholar: false,
        huggingface: false,
      },
      remoteIndexes: [],
    });
    for (const junk of [undefined, null, 'on', 42, [], { enabled: 'all' }])
      expect(parseSettings(junk)).toEqual(defaultSettings());
    expect(
      parseSettings({
        enabled: { semanticscholar: 'yes', huggingface: true, evil: true },
        remoteIndexes: ['https://a.example/idx', 'ftp://x', 7, 'https://a.example/idx/'],
      }),
    ).toEqual({
      enabled: {
        shortscience: false,
        openreview: false,
        semanticscholar: false,
        huggingface: true,
      },
      remoteIndexes: ['https://a.example/idx/'],
    });
  });

  it('take a remote index by its folder or its manifest, over https (http only on this computer)', () => {
    expect(normalizeIndexUrl(' https://lab.example/papers/manifest.json?x=1#top ')).toBe(
      'https://lab.example/papers/',
    );
    expect(normalizeIndexUrl('https://lab.example/papers')).toBe('https://lab.example/papers/');
    expect(normalizeIndexUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787/');
    expect(normalizeIndexUrl('http://localhost:8787/x/')).toBe('http://localhost:8787/x/');
    expect(() => normalizeIndexUrl('http://lab.example/')).toThrow(/https/);
    expect(() => normalizeIndexUrl('lab.example')).toThrow(/not a web address/);
    expect(() => normalizeIndexUrl('javascript:alert(1)')).toThrow(/https/);
    expect(() => normalizeIndexUrl('https://me:secret@lab.example/')).toThrow(/passwords/);
  });

  it('need the hosts of the sources that are on, and nothing when all are off', () => {
    expect(neededOrigins(defaultSettings())).toEqual(new Set());
    const some = defaultSettings();
    some.enabled.openreview = true;
    some.remoteIndexes = ['https://lab.example/idx/'];
    expect([...neededOrigins(some)].sort()).toEqual([
      'https://api.openreview.net/*',
      'https://api2.openreview.net/*',
      'https://lab.example/*',
    ]);
    // Every source says what it sends, and to which of its hosts.
    for (const s of SOURCE_DESCRIPTIONS) {
      expect(s.origins.length).toBeGreaterThan(0);
      for (const o of s.origins) expect(s.sends).toContain(hostOfPattern(o));
    }
  });

  it('ask for the index host only (any port, any path)', () => {
    expect(originPattern('https://lab.example/papers/')).toBe('https://lab.example/*');
    expect(originPattern('http://127.0.0.1:8787/')).toBe('http://127.0.0.1/*');
  });
});

const summary = (
  id: string,
  body: string,
  kind: 'human' | 'machine',
  votes: number | null = null,
) =>
  ({
    id,
    paperKeys: ['arxiv:1'],
    paper: { title: 'T', authors: [] },
    body,
    format: 'text',
    author: null,
    date: null,
    votes,
    link: null,
    source: { id: kind, name: kind, url: '', licence: '', kind },
  }) satisfies Summary;

describe('merging local and remote summaries', () => {
  it('shows each summary once (same id, or same words), machine-generated below human', () => {
    const local = [summary('scitldr:1', 'We prune BERT.', 'human')];
    const remote = [
      summary('s2:1', 'A model wrote this.', 'machine'),
      summary('openreview:1', 'We  prune BERT.', 'human'),
      summary('scitldr:1', 'We prune BERT.', 'human'),
      summary('lab:1', 'Our reading group liked it.', 'human', 3),
    ];
    expect(mergeSummaries(local, remote).map((s) => s.id)).toEqual(['lab:1', 'scitldr:1', 's2:1']);
  });
});
