import { describe, expect, it } from 'vitest';
import { renderSummaryHtml } from '@/utils/render/markdown';
import { lengthInEm } from '@/utils/render/sanitize';
import { expectSummaryProfile, parse, requestedUrls } from './profile';

/** Issue 10, findings 1–3 (each failed on the DOMPurify-default sanitizer), and the profile's rules. */
const render = (body: string, images = true) => renderSummaryHtml(body, 'markdown', { images });

const attributesOf = (root: Element) =>
  [...root.querySelectorAll('*')].flatMap((el) =>
    [...el.attributes].map((a) => `${el.localName}[${a.name}]`),
  );

describe('finding 1: a summary cannot navigate the sidebar frame', () => {
  it('drops image maps: no area, no map, no usemap', async () => {
    const html = await render(
      '<img src="https://i.imgur.com/fig.png" usemap="#m" alt="figure">' +
        '<map name="m"><area shape="rect" coords="0,0,999,999" href="https://evil.example/phish"></map>',
    );
    const root = expectSummaryProfile(html);
    expect(root.querySelector('area, map, [usemap]')).toBeNull();
    expect(html).not.toContain('evil.example');
    expect(root.querySelector('img')?.getAttribute('src')).toBe('https://i.imgur.com/fig.png');
  });

  it('opens every link in a new tab, without opener or referrer, whatever the summary says', async () => {
    const root = expectSummaryProfile(
      await render(
        '<a href="https://ok.example/a" target="_self" rel="opener" referrerpolicy="unsafe-url">a</a> ' +
          '<a href="https://ok.example/b" target="_top">b</a> [c](https://ok.example/c) <https://ok.example/d>',
      ),
    );
    const links = [...root.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://ok.example/a',
      'https://ok.example/b',
      'https://ok.example/c',
      'https://ok.example/d',
    ]);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow');
      expect(a.getAttribute('referrerpolicy')).toBe('no-referrer');
    }
  });

  it('drops forms, base and meta refresh', async () => {
    const root = expectSummaryProfile(
      await render(
        '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">' +
          '<form action="https://evil.example/login"><input name="password"><button formaction="https://evil.example">Sign in</button></form>',
      ),
    );
    expect(root.querySelector('base, meta, form, input, button')).toBeNull();
    expect(root.innerHTML).not.toContain('evil.example');
  });
});

describe('finding 2: a summary cannot look like the extension', () => {
  it('drops class, id and name, so our own classes cannot be borrowed', async () => {
    const root = expectSummaryProfile(
      await render(
        '<p class="notice notice-error" id="status">Could not load.</p>' +
          '<a class="card-action" name="save" href="https://ok.example">☆ Save</a>' +
          '<span class="byline kind-machine">by Sidenotes</span>',
      ),
    );
    expect(root.querySelector('[class], [id], [name]')).toBeNull();
    expect(root.textContent).toContain('Could not load.');
    expect(root.textContent).toContain('☆ Save');
  });

  it('drops style attributes and style elements', async () => {
    const root = expectSummaryProfile(
      await render(
        '<p style="position:fixed;inset:0;background:#fff">Sign in again</p><style>.card{display:none}</style>',
      ),
    );
    expect(attributesOf(root)).toEqual([]);
    expect(root.querySelector('style')).toBeNull();
  });

  it.each([
    ['\\raisebox over the byline', '$\\raisebox{4.3em}{\\colorbox{#fff}{zz}}$'],
    ['\\colorbox', '$\\colorbox{red}{x}$'],
    ['\\fcolorbox', '$\\fcolorbox{red}{blue}{x}$'],
    ['\\rule as a black box', '$\\rule{200em}{200em}$'],
    ['\\rule below the line', '$\\rule[-50em]{1em}{100em}$'],
    ['\\color text', '$\\color{#b3261e}{\\text{Error: sign in again}}$'],
    ['negative \\kern', '$\\kern-30em x$'],
    ['negative \\hspace', '$\\hspace{-50em} x$'],
    ['\\smash', '$\\smash{\\begin{matrix}a\\\\b\\\\c\\\\d\\end{matrix}}$'],
    ['\\llap', '$\\llap{\\text{covering text to the left}}$'],
    ['\\Huge in \\Huge', '$\\Huge{\\Huge{\\Huge X}}$'],
  ])('keeps a Temml formula inside its box: %s', async (_name, tex) => {
    const root = expectSummaryProfile(await render(tex));
    expect(root.querySelector('math')).not.toBeNull();
    expect(root.querySelector('[mathbackground], [mathcolor], [style]')).toBeNull();
    for (const padded of root.querySelectorAll('mpadded')) {
      expect(padded.hasAttribute('width') || padded.hasAttribute('height')).toBe(false);
      expect(padded.hasAttribute('depth')).toBe(false);
      expect(Math.abs(lengthInEm(padded.getAttribute('voffset') ?? '0')!)).toBeLessThanOrEqual(0.5);
    }
    for (const space of root.querySelectorAll('mspace')) {
      expect(lengthInEm(space.getAttribute('width') ?? '0')!).toBeLessThanOrEqual(10);
      expect(lengthInEm(space.getAttribute('height') ?? '0')!).toBeLessThanOrEqual(2);
    }
  });

  it('bounds raw MathML the same way as Temml output', async () => {
    const root = expectSummaryProfile(
      await render(
        '<math><mstyle mathbackground="#fff" mathcolor="red" mathsize="50em" scriptlevel="-10" style="position:fixed">' +
          '<mpadded voffset="4.3em" height="-10em" depth="50em" width="-20em" lspace="-30em"><mi>x</mi></mpadded>' +
          '<mspace width="200em" height="200em" depth="9em" mathbackground="black"></mspace>' +
          '<mfrac linethickness="100em"><mi>a</mi><mi>b</mi></mfrac><mo minsize="500em" lspace="-9em">(</mo>' +
          '<mstyle mathsize="2.4em"><mstyle mathsize="2.4em"><mstyle mathsize="2.4em"><mi>y</mi></mstyle></mstyle></mstyle>' +
          '</mstyle></math>',
      ),
    );
    expect(root.querySelector('mi')?.textContent).toBe('x');
    expect(attributesOf(root)).toEqual(['mstyle[mathsize]']); // only the outermost 2.4em
  });

  it('keeps Temml’s output for ordinary formulas', async () => {
    const root = expectSummaryProfile(
      await render(
        '$$\\frac{1}{n}\\sum_{i=1}^{n} \\left( \\hat{y}_i - y_i \\right)^2 + \\sqrt[3]{x} \\xrightarrow{f} \\mathcal{L}$$',
      ),
    );
    for (const tag of ['mfrac', 'munderover', 'msup', 'mroot', 'mover', 'mo']) {
      expect(root.querySelector(tag), tag).not.toBeNull();
    }
    expect(root.querySelector('math')?.getAttribute('display')).toBe('block');
    expect(root.querySelector('mo[fence="true"], mo[stretchy]')).not.toBeNull();
  });
});

describe('finding 3: a summary makes no requests except https images', () => {
  it.each([
    [
      'video',
      '<video src="https://evil.example/v.mp4" poster="https://evil.example/p.png" autoplay></video>',
    ],
    ['audio', '<audio src="https://evil.example/a.mp3" autoplay></audio>'],
    [
      'source and track',
      '<video><source src="https://evil.example/v.webm"><track src="https://evil.example/t.vtt"></video>',
    ],
    [
      'picture',
      '<picture><source srcset="https://evil.example/a.png"><img src="https://evil.example/b.png"></picture>',
    ],
    [
      'table background',
      '<table background="https://evil.example/bg.png"><tr><td background="https://evil.example/td.png">x</td></tr></table>',
    ],
    ['srcset', '<img src="https://evil.example/a.png" srcset="https://evil.example/b.png 2x">'],
    [
      'object and embed',
      '<object data="https://evil.example/o"></object><embed src="https://evil.example/e">',
    ],
    ['iframe', '<iframe src="https://evil.example/f"></iframe>'],
    ['link prefetch', '<link rel="prefetch" href="https://evil.example/l">'],
    ['input image', '<input type="image" src="https://evil.example/i.png">'],
    ['svg image', '<svg><image href="https://evil.example/s.png"></image></svg>'],
    [
      'attributionsrc and ping',
      '<a href="https://ok.example" ping="https://evil.example/p" attributionsrc="https://evil.example/a">x</a>',
    ],
    ['CSS url()', '<p style="background:url(https://evil.example/c.png)">x</p>'],
  ])('%s', async (_name, body) => {
    const html = await render(body);
    expectSummaryProfile(html);
    expect(
      requestedUrls(html).filter(
        (u) => !u.startsWith('https://evil.example/') || !/\.png$/.test(u),
      ),
    ).toEqual([]);
    const root = parse(html);
    expect(
      root.querySelector(
        'video, audio, source, track, picture, object, embed, iframe, link, input, svg',
      ),
    ).toBeNull();
    for (const img of root.querySelectorAll('img')) {
      expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
      expect(img.getAttribute('loading')).toBe('lazy');
      expect(img.getAttribute('decoding')).toBe('async');
    }
  });

  it('loads no image when images are off: each becomes a link named by its host', async () => {
    const html = await render(
      'Figure https://i.imgur.com/pAF08H3.png and ![Loss curve](https://cdn.example.org/loss.jpg)',
      false,
    );
    const root = expectSummaryProfile(html);
    expect(root.querySelector('img')).toBeNull();
    expect(requestedUrls(html)).toEqual([]);
    expect(
      [...root.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      ['[image: i.imgur.com]', 'https://i.imgur.com/pAF08H3.png'],
      ['[image: cdn.example.org]', 'https://cdn.example.org/loss.jpg'],
    ]);
    expect(root.querySelectorAll('a')[1]!.getAttribute('title')).toBe('Loss curve');
  });

  it('shows an image inside a link as text when images are off (no link in a link)', async () => {
    const root = expectSummaryProfile(
      await render('[![fig](https://i.imgur.com/a.png)](https://arxiv.org/abs/2007.12223)', false),
    );
    expect(root.querySelectorAll('a')).toHaveLength(1);
    expect(root.querySelector('a')?.textContent).toBe('[image: i.imgur.com]');
  });

  it('loads https images only: an http image becomes a link, a bad one text', async () => {
    const root = expectSummaryProfile(
      await render(
        '![a](http://plain.example/a.png) ![b](javascript:alert(1)) ![c](https://i.imgur.com/c.png) <img src="data:image/png;base64,AAAA" alt="d">',
      ),
    );
    expect([...root.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual([
      'https://i.imgur.com/c.png',
    ]);
    expect(root.querySelector('a')?.getAttribute('href')).toBe('http://plain.example/a.png');
    expect(root.textContent).toContain('[image: b]');
    expect(root.textContent).toContain('[image: d]');
  });
});

describe('links: only absolute http(s) URLs', () => {
  it.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'chrome://settings',
    'blob:https://evil.example/0b0b',
    'mailto:someone@example.org',
    'ftp://files.example/x',
    '//evil.example/protocol-relative',
    '/relative/path',
    '#fragment',
    'https:evil.example',
    'https:///evil.example',
    'https://arxiv.org@evil.example/',
  ])('drops %s', async (url) => {
    for (const body of [`[x](${url})`, `<a href="${url}">x</a>`]) {
      const root = expectSummaryProfile(await render(body));
      expect(root.querySelector('a[href]'), body).toBeNull();
      expect(root.textContent).toContain('x');
    }
  });

  it('keeps https and http links, normalized', async () => {
    const root = expectSummaryProfile(
      await render(
        '[a](HTTPS://ArXiv.org/abs/2007.12223) [b](http://example.org/x) <a href=" https://ok.example/c ">c</a>',
      ),
    );
    expect([...root.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://arxiv.org/abs/2007.12223',
      'http://example.org/x',
      'https://ok.example/c',
    ]);
  });
});

describe('the rest of the profile', () => {
  it('keeps what summaries use: headings, lists, quotes, tables, code, details', async () => {
    const root = expectSummaryProfile(
      await render(
        '## Idea\n\n3. three\n4. four\n\n> quoted\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n```python\nx = 1\n```\n\n' +
          '- [x] done\n- [ ] open\n\n<details open><summary>More</summary>H<sub>2</sub>O, x<sup>2</sup>, <kbd>Ctrl</kbd></details>',
      ),
    );
    expect(root.querySelector('h2')?.textContent).toBe('Idea');
    expect(root.querySelector('ol')?.getAttribute('start')).toBe('3');
    expect(root.querySelector('blockquote')).not.toBeNull();
    expect(root.querySelector('th')?.getAttribute('align')).toBe('center');
    expect(root.querySelector('pre code')?.textContent).toBe('x = 1\n');
    expect(root.querySelector('pre code')?.hasAttribute('class')).toBe(false);
    expect(root.querySelector('input')).toBeNull();
    expect(root.textContent).toContain('☑ done');
    expect(root.textContent).toContain('☐ open');
    expect(root.querySelector('details')?.hasAttribute('open')).toBe(true);
    expect(root.querySelector('summary')?.textContent).toBe('More');
  });

  it('does not let nested headings scale the font again and again', async () => {
    const root = expectSummaryProfile(
      await render('<h1>A<div><h1>B<div><h1>C</h1></div></h1></div></h1>'),
    );
    expect(root.querySelectorAll('h1')).toHaveLength(1);
    expect(root.textContent).toBe('ABC');
  });
});
