import { describe, expect, it } from 'vitest';
import { inlineBareImages, renderSummaryHtml } from '@/utils/render/markdown';
import { protectMath, type ProtectedText } from '@/utils/render/math';
import { expectSummaryProfile, parse } from './profile';

/**
 * Issue 10, finding 7: the Markdown preprocessing is linear. The regular
 * expressions it replaced are kept here as the reference for what the output
 * must be; the hostile inputs of a megabyte are checked for their output
 * only (how fast they run is measured by scripts/bench-parsing.ts).
 */
const OLD_IMAGE_URL =
  /(?<![(<"'=\]/])(https?:\/\/[^\s<>()[\]"']+?\.(?:png|jpe?g|gif|webp|svg))(?=$|[^\w/?#-]|[a-z])/gi;
const referenceImages = (markdown: string) =>
  markdown.replace(OLD_IMAGE_URL, (url: string) => `![figure](${url})`);

const OLD_MATH_TOKENS =
  /(```[\s\S]*?```|~~~[\s\S]*?~~~|`[^`\n]+`)|\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|(?<![\\$])\$(?=\S)([^$\n`]*?[^\s`])\$(?!\d)/g;
function referenceMath(markdown: string): ProtectedText {
  const math: ProtectedText['math'] = [];
  const text = markdown.replace(OLD_MATH_TOKENS, (whole, code, display, bracket, paren, inline) => {
    if (code !== undefined) return whole as string;
    const tex = (display ?? bracket ?? paren ?? inline) as string;
    math.push({ tex: tex.trim(), display: display !== undefined || bracket !== undefined });
    return `SIDENOTESMATH${math.length - 1}X`;
  });
  return { text, math };
}

/** Deterministic random strings built from fragments that matter to the parser. */
function* randomTexts(fragments: string[], count: number, seed = 1): Generator<string> {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < count; i++) {
    const length = Math.floor(next() * 40);
    yield Array.from({ length }, () => fragments[Math.floor(next() * fragments.length)]).join('');
  }
}

const MB = 1024 * 1024;
const fill = (unit: string, bytes = MB) => unit.repeat(Math.ceil(bytes / unit.length));

describe('inlineBareImages in one pass', () => {
  it('gives what the old regular expression gave, on 5,000 random texts', () => {
    const fragments = [
      'http://',
      'https://',
      'HTTPS://',
      'i.imgur.com/a',
      '.png',
      '.JPG',
      '.jpeg',
      '.gif',
      '.webp',
      '.svg',
      '.pngx',
      '.png2',
      '.png/',
      '.png?',
      '#',
      '-',
      '_',
      '/',
      ' ',
      '\n',
      '(',
      ')',
      '<',
      '>',
      '[',
      ']',
      '"',
      "'",
      '=',
      '!',
      '.',
      'e',
      '9',
      '\u00a0',
    ];
    for (const text of randomTexts(fragments, 5000)) {
      expect(inlineBareImages(text), JSON.stringify(text)).toBe(referenceImages(text));
    }
  });

  it('finishes 1 MB of `http://` with no image in it, unchanged', () => {
    const text = fill('http://');
    expect(inlineBareImages(text)).toBe(text);
  });

  it('finishes 1 MB of `![` and `http://` fragments, unchanged', () => {
    const text = fill('![http://a ');
    expect(inlineBareImages(text)).toBe(text);
    const noSpace = fill('![http://a');
    expect(inlineBareImages(noSpace)).toBe(noSpace);
  });

  it('finishes 1 MB of image URLs, each one an image', () => {
    const out = inlineBareImages(fill('https://i.imgur.com/x.png '));
    expect(out).toBe(fill('![figure](https://i.imgur.com/x.png) ', out.length));
  });

  it('finishes a 1 MB URL whose extension comes last', () => {
    const text = `see https://a.org/${fill('x/', MB)}fig.png now`;
    expect(inlineBareImages(text)).toBe(`see ![figure](${text.slice(4, -4)}) now`);
  });
});

describe('protectMath in one pass', () => {
  it('gives what the old regular expression gave, on 5,000 random texts', () => {
    const fragments = [
      '$',
      '$$',
      '\\[',
      '\\]',
      '\\(',
      '\\)',
      '`',
      '```',
      '~~~',
      '~',
      'a',
      ' ',
      '\n',
      '5',
      '\\',
      'x_1',
      '{',
      '}',
      '\t',
    ];
    for (const text of randomTexts(fragments, 5000, 7)) {
      expect(protectMath(text), JSON.stringify(text)).toEqual(referenceMath(text));
    }
  });

  it.each([
    ['unclosed \\[', '\\['],
    ['unclosed \\(', '\\( '],
    ['inline dollars never closed on their line', '$a\n'],
    ['unclosed fences', '```a~~~'],
    ['lone dollars', '$ 5 '],
  ])('finishes 1 MB of %s with no math found', (_name, unit) => {
    const text = fill(unit);
    expect(protectMath(text)).toEqual({ text, math: [] });
  });

  it('finishes 1 MB of formulas, every one found', () => {
    const { math, text } = protectMath(fill('$x$ '));
    expect(math).toHaveLength(MB / 4);
    expect(text.startsWith('SIDENOTESMATH0X SIDENOTESMATH1X ')).toBe(true);
  });
});

describe('rendering hostile bodies: they finish, and say what they said', () => {
  const render = (body: string) => renderSummaryHtml(body, 'markdown', { images: true });
  const words = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

  it('keeps emphasis delimiters as text once their budget is spent (1 MB of `*a _`)', async () => {
    const body = fill('*a _', MB / 4);
    const root = expectSummaryProfile(await render(body));
    expect(words(root.textContent).replace(/[*_]/g, '')).toBe(words(body).replace(/[*_]/g, ''));
    expect(root.textContent).toContain('*a _*a _'); // the later runs stayed literal
  });

  it('still renders ordinary emphasis', async () => {
    const root = parse(await render('Some *emphasis* and __strong__ words.'));
    expect(root.querySelector('em')?.textContent).toBe('emphasis');
    expect(root.querySelector('strong')?.textContent).toBe('strong');
  });

  it('shows a body with a 1 MB word as plain text', async () => {
    const body = `Intro *x*\n\n${fill('a_')}`;
    const root = expectSummaryProfile(await render(body));
    expect(root.querySelector('em')).toBeNull();
    expect([...root.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      'Intro *x*',
      fill('a_'),
    ]);
  });

  it('shows Markdown nested too deep for marked as plain text', async () => {
    const body = fill('> ', 20_000);
    const root = expectSummaryProfile(await render(body));
    expect(root.querySelector('blockquote')).toBeNull();
    expect(words(root.textContent)).toBe(words(body));
  });

  it('renders at most 1,000 formulas; the rest stay the text they were', async () => {
    const root = expectSummaryProfile(await render(fill('$x_1$ ', 1200 * 6)));
    expect(root.querySelectorAll('math')).toHaveLength(1000);
    expect(root.querySelector('code')).toBeNull();
    expect(root.textContent).toContain('x1 $x_1$ $x_1$');
    expect(root.textContent?.match(/\$x_1\$/g)).toHaveLength(200);
  });

  it('shows a formula over 4,000 characters as TeX source', async () => {
    const tex = fill('x+', 5000);
    const root = expectSummaryProfile(await render(`$$${tex}$$ and $y$`));
    expect(root.querySelector('code')?.textContent).toBe(tex);
    expect(root.querySelectorAll('math')).toHaveLength(1);
  });

  it('refuses macro definitions, which can make Temml write megabytes', async () => {
    const bomb = `\\def\\a{${'x'.repeat(1900)}}${'\\a'.repeat(1000)}`;
    for (const tex of [
      bomb,
      '\\newcommand{\\b}{y}\\b',
      '\\gdef\\c{z}\\c',
      '\\global\\def\\d{w}\\d',
    ]) {
      const root = expectSummaryProfile(await render(`$$${tex}$$`));
      expect(root.querySelector('math')).toBeNull();
      expect(root.querySelector('code')?.textContent).toBe(tex);
    }
    const builtIn = parse(await render('$a \\neq b \\iff \\mathbb{R} \\ldots$'));
    expect(builtIn.querySelector('math')).not.toBeNull();
  });
});
