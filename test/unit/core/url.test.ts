import { describe, expect, it } from 'vitest';
import { originPattern, safeHttpUrl } from '@/utils/core/url';

describe('safeHttpUrl', () => {
  it.each([
    ['https://arxiv.org/abs/2007.12223', 'https://arxiv.org/abs/2007.12223'],
    ['HTTPS://ArXiv.org/abs/2007.12223', 'https://arxiv.org/abs/2007.12223'],
    ['  https://example.org/ab?c  ', 'https://example.org/ab?c'],
    ['https://example.org', 'https://example.org/'],
    ['https://example.org/p?q={x}#frag', 'https://example.org/p?q={x}#frag'],
    ['https://example.org/{path}', 'https://example.org/%7Bpath%7D'],
    ['https://xn--bcher-kva.example/', 'https://xn--bcher-kva.example/'],
  ])('keeps %j as %j', (input, expected) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD4=',
    'file:///etc/passwd',
    'chrome://settings',
    'chrome-extension://abcdefghijklmnop/options.html',
    'blob:https://example.org/1234',
    'about:blank',
    'vbscript:msgbox(1)',
    'ftp://example.org/x',
    'http://example.org/plain-http',
    '/relative/path',
    'relative/path',
    '//evil.example/protocol-relative',
    'https:evil.example',
    'https:/evil.example',
    'https:///evil.example',
    'https:\\\\evil.example',
    'https://arxiv.org@evil.example/',
    'https://user:pass@example.org/',
    'https://exa\tmple.org/',
    'https://example.org/\nx',
    'https://example.org/\u0000',
    'https://example.org/\u200bzero-width',
    'https://example.org/\u202eevil',
    'https://exa mple.org/',
    'https://example.org\\@evil.example/',
    '',
    '   ',
    `https://example.org/${'a'.repeat(3000)}`,
    'https://',
    'https://[::1',
  ])('refuses %j', (input) => {
    expect(safeHttpUrl(input)).toBeNull();
  });

  it.each([null, undefined, 42, {}, [], { toString: () => 'https://example.org/' }, true])(
    'refuses what is not text: %j',
    (input) => expect(safeHttpUrl(input)).toBeNull(),
  );

  it('allows http only when the caller says so', () => {
    expect(safeHttpUrl('http://127.0.0.1:8080/index/')).toBeNull();
    expect(safeHttpUrl('http://127.0.0.1:8080/index/', { allowHttp: true })).toBe(
      'http://127.0.0.1:8080/index/',
    );
    expect(safeHttpUrl('javascript:alert(1)', { allowHttp: true })).toBeNull();
  });
});

describe('originPattern', () => {
  it('asks for a server by scheme and host, never its port (Firefox refuses a pattern with one)', () => {
    expect(originPattern('http://127.0.0.1:8787/dav/Sidenotes/')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://cloud.example.org:8443/remote.php/dav/')).toBe(
      'https://cloud.example.org/*',
    );
    expect(originPattern('https://lab.example/papers/index.json')).toBe('https://lab.example/*');
  });

  it('gives a sync folder and a remote index on one host the same pattern', () => {
    expect(originPattern('https://nas.example:5006/dav/')).toBe(
      originPattern('https://nas.example/indexes/'),
    );
  });
});
