import { describe, expect, it } from 'vitest';
import { renderSummaryHtml } from '@/utils/render/markdown';

/** Attack strings from summaries written by anyone on the internet. */
const VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<math href="javascript:alert(1)">CLICK</math>',
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](javascript:alert(1))',
  '<a href="  javascript:alert(1)">x</a>',
  '<a href="java\tscript:alert(1)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<body onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<style>@import "https://evil.example/x.css";</style>',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:/">',
  '<p onclick="alert(1)" onmouseover="alert(2)">hover</p>',
  '<img src=x:alert(alt) onerror=eval(src) alt=0>',
  '<<script>alert(1)//<</script>',
  '<scr<script>ipt>alert(1)</script>',
  '<a href="https://ok.example" onclick="alert(1)">ok</a>',
  '"><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '<a href="#" id="x" name="cookie">clobber</a><form id="x"></form>',
  '$\\href{javascript:alert(1)}{x}$',
  '$$\\url{javascript:alert(1)}$$',
  '$<img src=x onerror=alert(1)>$',
  '<div data-x="1" data-bind="alert(1)">d</div>',
  '<img srcset="javascript:alert(1) 1x">',
  '<a ping="https://evil.example/track" href="https://ok.example">p</a>',
];

const SCRIPTY = /^\s*(?:javascript|vbscript|data):/i;

function assertHarmless(html: string) {
  const root = document.createElement('div');
  root.innerHTML = html;
  const bad = root.querySelectorAll(
    'script, iframe, object, embed, form, input, button, style, link, meta, base, template, noscript',
  );
  expect([...bad].map((e) => e.outerHTML)).toEqual([]);
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      expect(attr.name.toLowerCase().startsWith('on'), `${attr.name} on <${el.localName}>`).toBe(
        false,
      );
      expect(['style', 'srcset', 'ping', 'action', 'formaction', 'srcdoc']).not.toContain(
        attr.name.toLowerCase(),
      );
      expect(attr.name.toLowerCase().startsWith('data-')).toBe(false);
      if (['href', 'src', 'xlink:href', 'action'].includes(attr.name.toLowerCase())) {
        // Browsers ignore whitespace and control characters inside a scheme.
        // eslint-disable-next-line no-control-regex
        expect(attr.value.replace(/[\s\u0000-\u001f]/g, '')).not.toMatch(SCRIPTY);
      }
    }
  }
}

describe('sanitizing hostile summaries', () => {
  it('has at least 30 vectors', () => expect(VECTORS.length).toBeGreaterThanOrEqual(30));

  it.each(VECTORS)('%s', async (vector) => {
    assertHarmless(await renderSummaryHtml(vector, 'markdown', { images: true }));
    assertHarmless(
      await renderSummaryHtml(`Intro\n\n${vector}\n\nOutro $x$`, 'markdown', { images: false }),
    );
    assertHarmless(await renderSummaryHtml(vector, 'text', { images: true }));
  });

  it('keeps the harmless part of a mixed summary', async () => {
    const html = await renderSummaryHtml('**Good** <img src=x onerror=alert(1)> text', 'markdown', {
      images: true,
    });
    expect(html).toContain('<strong>Good</strong>');
    expect(html).not.toContain('onerror');
  });
});
