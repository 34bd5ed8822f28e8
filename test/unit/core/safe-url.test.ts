import { describe, expect, it } from 'vitest';
import { safeHttpUrl } from '@/utils/core/url';

describe('safeHttpUrl', () => {
  it.each([
    ['https://arxiv.org/abs/2007.12223', 'https://arxiv.org/abs/2007.12223'],
    ['HTTPS://ArXiv.ORG/abs/2007.12223#v2', 'https://arxiv.org/abs/2007.12223#v2'],
    [
      'https://www.shortscience.org/paper?bibtexKey=a/b',
      'https://www.shortscience.org/paper?bibtexKey=a/b',
    ],
    ['  https://i.imgur.com/x.png\n', 'https://i.imgur.com/x.png'],
    ['https://example.org:8443/a', 'https://example.org:8443/a'],
    ['https://аrxiv.org/', 'https://xn--rxiv-43d.org/'], // a Cyrillic "а" shows as punycode
  ])('keeps %s', (value, normalized) => expect(safeHttpUrl(value)).toBe(normalized));

  it('keeps http only when asked', () => {
    expect(safeHttpUrl('http://example.org/x')).toBeNull();
    expect(safeHttpUrl('http://example.org/x', { allowHttp: true })).toBe('http://example.org/x');
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'chrome://settings',
    'chrome-extension://abc/options.html',
    'blob:https://evil.example/uuid',
    'about:blank',
    'mailto:a@example.org',
    'ftp://example.org/x',
    'ws://example.org/x',
    '//evil.example/x',
    '///evil.example/x',
    '/relative',
    'relative/path',
    '#fragment',
    '?q=1',
    '',
    'https:',
    'https://',
    'https:evil.example',
    'https:/evil.example',
    'https:///evil.example',
    'https:\\\\evil.example',
    'https://evil.example\\@good.example',
    'https://arxiv.org@evil.example/',
    'https://user:pass@evil.example/',
    'java\tscript:alert(1)',
    ' javascript:alert(1)',
    'https://evil.example/a b',
    'https://evil\u0000.example/',
    'https://evil.example/\u0007',
    'https://evil.example/\u200b',
    'https://evil.example/\u202e',
    'https://evil.example/\u00a0',
    'https://evil.example/\ufeff',
    '\u0000https://evil.example/',
    'https%3A%2F%2Fevil.example',
    'https://[::1',
    `https://example.org/${'a'.repeat(3000)}`,
  ])('refuses %j', (value) => {
    expect(safeHttpUrl(value)).toBeNull();
    expect(safeHttpUrl(value, { allowHttp: true })).toBeNull();
  });

  it.each([null, undefined, 42, {}, ['https://a.org'], { toString: () => 'https://a.org' }])(
    'refuses the non-string %j',
    (value) => expect(safeHttpUrl(value)).toBeNull(),
  );
});
