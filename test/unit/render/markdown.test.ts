import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  inlineBareImages,
  renderSummaryHtml,
  renderSummaryHtmlNow,
  warmUpRenderer,
} from '@/utils/render/markdown';
import { protectMath } from '@/utils/render/math';

const seed = readFileSync(join(process.cwd(), 'data/bundled/shortscience-seed.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { paper: { arxivId: string }; summary: { body: string } });

const dom = (html: string) => {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
};

describe('renderSummaryHtml on the seed summaries', () => {
  it.each(seed.map((s) => [s.paper.arxivId, s.summary.body] as const))('%s', async (_id, body) => {
    const out = dom(await renderSummaryHtml(body, 'markdown', { images: true }));
    const imgur = body.match(/https:\/\/i\.imgur\.com\/\w+\.png/g) ?? [];
    // Every figure ShortScience shows as an image is an image here.
    expect([...out.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual(imgur);
    for (const img of out.querySelectorAll('img')) {
      expect(img.getAttribute('loading')).toBe('lazy');
      expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
    }
    // The words survive: the first sentence is in the text.
    expect(out.textContent).toContain(body.slice(0, 40).split('https://')[0]!.trim());
    expect(out.querySelector('p')).not.toBeNull();
  });

  it('joins a figure pasted inside a word as ShortScience shows it', async () => {
    const out = dom(
      await renderSummaryHtml('serve thhttps://i.imgur.com/ks86OgJ.pnge purpose', 'markdown', {
        images: true,
      }),
    );
    expect(out.querySelector('img')?.getAttribute('src')).toBe('https://i.imgur.com/ks86OgJ.png');
    expect(out.textContent?.trim()).toBe('serve the purpose');
  });

  it('turns images into links when remote images are off', async () => {
    const out = dom(
      await renderSummaryHtml('See https://i.imgur.com/pAF08H3.png here', 'markdown', {
        images: false,
      }),
    );
    expect(out.querySelector('img')).toBeNull();
    expect(out.querySelector('a')?.getAttribute('href')).toBe('https://i.imgur.com/pAF08H3.png');
  });

  it('leaves Markdown image and link syntax alone', () => {
    expect(
      inlineBareImages('![x](https://a.org/f.png) [y](https://a.org/g.jpg) <https://a.org/h.gif>'),
    ).toBe('![x](https://a.org/f.png) [y](https://a.org/g.jpg) <https://a.org/h.gif>');
  });

  it('renders GFM: lists, tables, links that open safely', async () => {
    const out = dom(
      await renderSummaryHtml(
        '- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[paper](https://arxiv.org/abs/2007.12223)',
        'markdown',
        {
          images: true,
        },
      ),
    );
    expect(out.querySelectorAll('li')).toHaveLength(2);
    expect(out.querySelector('table td')?.textContent).toBe('1');
    const link = out.querySelector('a')!;
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('renders plain-text summaries without interpreting them', async () => {
    const out = dom(
      await renderSummaryHtml('Uses *stars* and <b>tags</b>\n\nSecond', 'text', { images: true }),
    );
    expect(out.querySelectorAll('p')).toHaveLength(2);
    expect(out.querySelector('b')).toBeNull();
    expect(out.textContent).toContain('*stars* and <b>tags</b>');
  });
});

describe('math', () => {
  it('finds every delimiter and leaves prices and code alone', () => {
    const { math, text } = protectMath(
      'Loss $L_{i} = x_i^*$ and $$\\sum_{k} a_k$$ and \\(y\\) and \\[z\\]; costs $5 and $10; `$code$`',
    );
    expect(math).toEqual([
      { tex: 'L_{i} = x_i^*', display: false },
      { tex: '\\sum_{k} a_k', display: true },
      { tex: 'y', display: false },
      { tex: 'z', display: true },
    ]);
    expect(text).toContain('costs $5 and $10');
    expect(text).toContain('`$code$`');
  });

  it('renders math as MathML without Markdown touching _ and *', async () => {
    const out = dom(
      await renderSummaryHtml('Weights $w_i * x_i$ and $a_b$ sum to $$\\frac{1}{n}$$', 'markdown', {
        images: true,
      }),
    );
    expect(out.querySelectorAll('math')).toHaveLength(3);
    expect(out.querySelector('em')).toBeNull();
    expect(out.querySelector('math mfrac')).not.toBeNull();
    expect(out.querySelector('math[display="block"]')).not.toBeNull();
  });

  it('shows a formula it cannot parse as its source', async () => {
    const out = dom(
      await renderSummaryHtml('Broken $\\frac{1}{$ here', 'markdown', { images: true }),
    );
    expect(out.querySelector('code[title]')?.textContent).toBe('\\frac{1}{');
  });
});

describe('warmUpRenderer', () => {
  it('leaves nothing behind: a body renders the same after it, emphasis budget included', () => {
    const body = seed[0]!.summary.body;
    const before = renderSummaryHtmlNow(body, 'markdown', { images: false });
    warmUpRenderer();
    warmUpRenderer();
    expect(renderSummaryHtmlNow(body, 'markdown', { images: false })).toBe(before);
    // The hostile-input bound is per body, not spent by the sample.
    const emphasis = '*a* '.repeat(100);
    const html = renderSummaryHtmlNow(emphasis, 'markdown', { images: false })!;
    expect(html.match(/<em>a<\/em>/g)).toHaveLength(100);
  });
});
