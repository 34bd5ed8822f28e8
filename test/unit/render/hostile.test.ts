import { describe, expect, it } from 'vitest';
import { renderSummaryHtml } from '@/utils/render/markdown';
import { sanitizeHtml } from '@/utils/render/sanitize';
import { expectSummaryProfile, requestedUrls } from './profile';

/**
 * Hostile summaries beyond xss.test.ts: mutation XSS through namespace
 * confusion, MathML and SVG tricks, CSS, media, forms, navigation, link
 * schemes in every Markdown spelling, Temml commands. Each output is parsed
 * and checked element by element against the summary profile, then for what
 * the vector was after: no script, no request, no navigation, no look of ours.
 */
interface Vector {
  name: string;
  body: string;
  /** Text that must survive (the harmless part). */
  keeps?: string;
  /** It opens a raw-text element (style) that holds the rest of the summary. */
  swallowsRest?: boolean;
}

const VECTORS: Vector[] = [
  // Mutation XSS: markup that parses differently the second time.
  {
    name: 'mglyph/style namespace confusion (DOMPurify 2.0.0)',
    body: '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;">',
  },
  {
    name: 'h1/mglyph/svg nesting (DOMPurify 2.0.17)',
    body: '<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=alert(1)>"></style></h1>',
  },
  {
    name: 'form/math/mglyph (DOMPurify 2.2.2)',
    body: '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
    swallowsRest: true,
  },
  {
    name: 'svg </p> style breakout',
    body: '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  },
  {
    name: 'malignmark with style',
    body: '<math><malignmark><style><img src=x onerror=alert(1)></style></malignmark></math>',
  },
  {
    name: 'annotation-xml as an HTML integration point',
    body: '<math><annotation-xml encoding="text/html"><style><img src=x onerror=alert(1)></style></annotation-xml></math>',
  },
  {
    name: 'noscript holding a style that closes it',
    body: '<noscript><style></noscript><img src=x onerror=alert(1)></style></noscript>',
  },
  {
    name: 'declarative shadow root',
    body: '<div><template shadowrootmode="open"><img src=x onerror=alert(1)></template></div>',
  },
  // MathML and SVG.
  {
    name: 'maction toggling content',
    body: '<math><maction actiontype="toggle"><mtext>a</mtext><mtext>b</mtext></maction></math>',
  },
  {
    name: 'href on a MathML element',
    body: '<math><mi href="https://evil.example/phish">x</mi></math>',
    keeps: 'x',
  },
  {
    name: 'HTML link inside a formula',
    body: '<math><mtext><a href="https://evil.example/phish">Sign in</a></mtext></math>',
    keeps: 'Sign in',
  },
  {
    name: 'semantics with an iframe in annotation-xml',
    body: '<math><semantics><mi>x</mi><annotation-xml encoding="application/xhtml+xml"><iframe src="https://evil.example"></iframe></annotation-xml></semantics></math>',
  },
  {
    name: 'svg link over the whole card',
    body: '<svg width="9999" height="9999"><a href="https://evil.example"><rect width="100%" height="100%"/></a></svg>',
  },
  {
    name: 'svg foreignObject iframe',
    body: '<svg><foreignObject><iframe src="https://evil.example"></iframe></foreignObject></svg>',
  },
  {
    name: 'svg use of a data: document',
    body: '<svg><use href="data:image/svg+xml;base64,PHN2ZyBpZD0ieCI+PC9zdmc+#x"></use></svg>',
  },
  // CSS.
  {
    name: 'style element with a tracking background',
    body: '<style>body{background:url(https://evil.example/t.png)}</style>Text',
    keeps: 'Text',
  },
  {
    name: 'fixed full-page overlay by style attribute',
    body: '<div style="position:fixed;inset:0;z-index:9;background:#fff">Session expired</div>',
    keeps: 'Session expired',
  },
  // Media and requests.
  {
    name: 'uppercase event handlers on an allowed image',
    body: '<IMG SRC="https://i.imgur.com/x.png" ONLOAD="alert(1)" OnError="alert(2)">',
  },
  {
    name: 'image with credentials, priority and attribution',
    body: '<img src="https://i.imgur.com/x.png" crossorigin="use-credentials" fetchpriority="high" attributionsrc="https://evil.example/a" ismap>',
  },
  {
    name: 'portal and fencedframe',
    body: '<portal src="https://evil.example"></portal><fencedframe src="https://evil.example"></fencedframe>',
  },
  {
    name: 'meta referrer policy',
    body: '<meta name="referrer" content="unsafe-url">Text',
    keeps: 'Text',
  },
  // Forms, top layer, focus.
  {
    name: 'form controls',
    body: '<select><option>one</option></select><textarea>two</textarea><input value="three"><button>four</button>',
  },
  {
    name: 'popover in the top layer',
    body: '<div popover="manual" id="p">Update required</div><button popovertarget="p" popovertargetaction="show">x</button>',
    keeps: 'Update required',
  },
  {
    name: 'open dialog',
    body: '<dialog open>Sign in to continue</dialog>',
    keeps: 'Sign in to continue',
  },
  {
    name: 'focus, editing and hiding attributes',
    body: '<p tabindex="1" autofocus accesskey="s" contenteditable inert hidden draggable="true" onfocus="alert(1)">p</p>',
    keeps: 'p',
  },
  {
    name: 'download and ping on a link',
    body: '<a href="https://ok.example/f.pdf" download="invoice.pdf" ping="https://evil.example">f</a>',
    keeps: 'f',
  },
  // Link schemes in every Markdown spelling.
  { name: 'link with a title', body: '[x](javascript:alert(1) "title")', keeps: 'x' },
  { name: 'link in angle brackets', body: '[x](<javascript:alert(1)>)', keeps: 'x' },
  { name: 'reference-style link', body: '[x][r]\n\n[r]: javascript:alert(1)', keeps: 'x' },
  { name: 'autolink', body: '<javascript:alert(1)>' },
  { name: 'entity-encoded scheme', body: '[x](&#x6A;avascript&#58;alert(1))', keeps: 'x' },
  { name: 'percent-encoded scheme', body: '[x](java%73cript:alert(1))', keeps: 'x' },
  {
    name: 'zero-padded entities in HTML',
    body: '<a href="&#0000106avascript:alert(1)">x</a>',
    keeps: 'x',
  },
  {
    name: 'newline inside the scheme',
    body: '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    keeps: 'x',
  },
  { name: 'data: image', body: '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)' },
  { name: 'vbscript: image', body: '<img src="vbscript:msgbox(1)">' },
  // Nesting Markdown and HTML.
  {
    name: 'Markdown inside an HTML block',
    body: '<div>\n\n**bold** [x](javascript:alert(1))\n\n</div>',
    keeps: 'bold',
  },
  {
    name: 'HTML link holding a Markdown link',
    body: '<a href="javascript:alert(1)">[y](javascript:alert(2))</a>',
  },
  {
    name: 'image map inside a details element',
    body: '<details open><summary>Figure</summary><map name="m"><area href="https://evil.example"></map></details>',
    keeps: 'Figure',
  },
  // Temml commands.
  { name: '\\htmlClass', body: '$\\htmlClass{notice-error}{x}$' },
  { name: '\\htmlStyle', body: '$\\htmlStyle{position:fixed;inset:0}{x}$' },
  { name: '\\htmlId and \\htmlData', body: '$\\htmlId{status}{x} \\htmlData{foo=bar}{y}$' },
  {
    name: '\\includegraphics',
    body: '$\\includegraphics[height=9em]{https://evil.example/x.png}$',
  },
  {
    name: '\\url and \\href',
    body: '$\\url{https://evil.example} \\href{https://evil.example}{x}$',
  },
  {
    name: '\\eqref to an id of its own',
    body: '$$\\begin{equation}x\\label{e}\\end{equation}$$ $\\eqref{e}$',
  },
];

const DANGEROUS =
  'script, style, iframe, object, embed, form, input, button, select, textarea, base, meta, link, svg, template, noscript, area, map, video, audio, source, track, picture, portal, fencedframe, dialog, maction, semantics, annotation-xml, mglyph, malignmark';

describe('hostile summaries, checked against the summary profile', () => {
  it('has at least 25 new vectors', () => expect(VECTORS.length).toBeGreaterThanOrEqual(25));

  it.each(VECTORS.map((v) => [v.name, v] as const))(
    '%s',
    async (_name, { body, keeps, swallowsRest }) => {
      for (const images of [true, false]) {
        const html = await renderSummaryHtml(`Intro $a$\n\n${body}\n\nOutro`, 'markdown', {
          images,
        });
        const root = expectSummaryProfile(html);
        expect([...root.querySelectorAll(DANGEROUS)].map((e) => e.localName)).toEqual([]);
        expect(root.querySelector('[class]:not(math *, math)')).toBeNull();
        expect(requestedUrls(html).filter((u) => !u.startsWith('https://i.imgur.com/'))).toEqual(
          [],
        );
        const values = [...root.querySelectorAll('*')].flatMap((e) =>
          [...e.attributes].map((a) => a.value),
        );
        expect(values.filter((v) => v.includes('evil.example'))).toEqual([]);
        if (keeps) expect(root.textContent).toContain(keeps);
        expect(root.textContent).toContain('Intro');
        if (!swallowsRest) expect(root.textContent).toContain('Outro');
        // What is left is stable: sanitizing it again changes nothing.
        expect(sanitizeHtml(html, { images })).toBe(html);
      }
    },
  );
});
