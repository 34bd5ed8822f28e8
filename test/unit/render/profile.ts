import { expect } from 'vitest';
import { safeHttpUrl } from '@/utils/core/url';
import { lengthInEm } from '@/utils/render/sanitize';

/**
 * The summary profile, restated independently of the sanitizer's tables:
 * parses rendered HTML with the DOM and checks every element and attribute.
 */
const HTML_TAGS = new Set(
  (
    'p br hr h1 h2 h3 h4 h5 h6 b strong i em u s del ins mark small sub sup abbr code kbd pre ' +
    'blockquote ul ol li dl dt dd table caption thead tbody tfoot tr th td a img span div ' +
    'figure figcaption details summary'
  ).split(' '),
);
const MATH_TAGS = new Set(
  (
    'math mi mn ms mtext mo mspace mrow mfrac msqrt mroot mstyle mpadded mphantom msub msup ' +
    'msubsup munder mover munderover mmultiscripts mprescripts none mtable mtr mtd menclose'
  ).split(' '),
);
const HTML_ATTRS: Record<string, string[]> = {
  a: ['href', 'target', 'rel', 'referrerpolicy'],
  img: ['src', 'alt', 'loading', 'decoding', 'referrerpolicy'],
  ol: ['start'],
  th: ['align', 'colspan', 'rowspan'],
  td: ['align', 'colspan', 'rowspan'],
  details: ['open'],
};
const MATH_ATTRS: Record<string, string[]> = {
  math: ['display'],
  mo: [
    'fence',
    'separator',
    'stretchy',
    'symmetric',
    'largeop',
    'movablelimits',
    'accent',
    'form',
    'lspace',
    'rspace',
    'minsize',
    'maxsize',
  ],
  mspace: ['width', 'height', 'depth'],
  mfrac: ['linethickness'],
  mstyle: ['mathsize'],
  mpadded: ['voffset', 'lspace'],
  munder: ['accentunder'],
  mover: ['accent'],
  munderover: ['accent', 'accentunder'],
  menclose: ['notation'],
};
/** [min, max] in em of every MathML length attribute that is kept. */
const MATH_LENGTHS: Record<string, [number, number]> = {
  'mo lspace': [0, 1],
  'mo rspace': [0, 1],
  'mo minsize': [0, 3],
  'mo maxsize': [0, 3],
  'mspace width': [0, 10],
  'mspace height': [0, 2],
  'mspace depth': [0, 2],
  'mfrac linethickness': [0, 0.5],
  'mstyle mathsize': [0.5, 2.5],
  'mpadded voffset': [-0.5, 0.5],
  'mpadded lspace': [0, 1],
};
export const TEMML_CLASSES = new Set(
  (
    'tml-display tml-sml-pad tml-lrg-pad mathcal mathscr chr-sml wbk-sml wbk-sml-acc wbk-sml-vec ' +
    'wbk-acc tml-hat-2 tml-tilde-2 tml-vec tml-prime tml-overline tml-underline tml-fbox ' +
    'tml-cancel upstrike downstrike tml-xcancel sout actuarial phasor-bottom phasor-angle ' +
    'longdiv-top longdiv-arc tml-small tml-jot tml-left tml-right tml-tageqn tml-tag tml-label'
  ).split(' '),
);
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';

export const parse = (html: string): HTMLDivElement => {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
};

/** Every element and attribute of `html` is one the summary profile allows. */
export function expectSummaryProfile(html: string): HTMLDivElement {
  const root = parse(html);
  for (const el of root.querySelectorAll('*')) {
    const tag = el.localName;
    const where = `<${tag}> in ${html.slice(0, 300)}`;
    const inMath = el.namespaceURI === MATHML_NS;
    const attrs = [...el.attributes].map((a) => a.name);
    if (inMath) {
      expect(MATH_TAGS.has(tag), where).toBe(true);
      const allowed = [
        ...(MATH_ATTRS[tag] ?? []),
        'class',
        'displaystyle',
        'scriptlevel',
        'mathvariant',
      ];
      expect(
        attrs.filter((a) => !allowed.includes(a)),
        where,
      ).toEqual([]);
      for (const c of el.getAttribute('class')?.split(' ') ?? []) {
        expect(TEMML_CLASSES.has(c), `class ${c} on ${where}`).toBe(true);
      }
      const level = el.getAttribute('scriptlevel');
      if (level !== null) expect(['0', '1', '2']).toContain(level);
      for (const name of attrs) {
        const range = MATH_LENGTHS[`${tag} ${name}`];
        if (!range) continue;
        const em = lengthInEm(el.getAttribute(name)!);
        expect(em, `${name} on ${where}`).not.toBeNull();
        expect(em!).toBeGreaterThanOrEqual(range[0]);
        expect(em!).toBeLessThanOrEqual(range[1]);
      }
    } else {
      expect(HTML_TAGS.has(tag), where).toBe(true);
      expect(el.closest('math'), `HTML inside a formula: ${where}`).toBeNull();
      const allowed = [...(HTML_ATTRS[tag] ?? []), 'title', 'lang', 'dir'];
      expect(
        attrs.filter((a) => !allowed.includes(a)),
        where,
      ).toEqual([]);
    }
    if (tag === 'a' && !inMath) {
      expect(el.getAttribute('target')).toBe('_blank');
      expect(el.getAttribute('rel')).toBe('noopener noreferrer nofollow');
      expect(el.getAttribute('referrerpolicy')).toBe('no-referrer');
      const href = el.getAttribute('href');
      if (href !== null) expect(safeHttpUrl(href, { allowHttp: true }), where).toBe(href);
    }
    if (tag === 'img') {
      const src = el.getAttribute('src');
      expect(src, where).not.toBeNull();
      expect(safeHttpUrl(src)).toBe(src);
      expect(el.getAttribute('loading')).toBe('lazy');
      expect(el.getAttribute('decoding')).toBe('async');
      expect(el.getAttribute('referrerpolicy')).toBe('no-referrer');
    }
  }
  // Nested `mathsize` never scales a formula past 2.5×.
  for (const el of root.querySelectorAll('[mathsize]')) {
    let scale = 1;
    for (let at: Element | null = el; at && at !== root; at = at.parentElement) {
      const size = at.getAttribute('mathsize');
      if (size !== null) scale *= lengthInEm(size)!;
    }
    expect(scale).toBeLessThanOrEqual(2.5);
  }
  return root;
}

/** The URLs `html` would load by itself (without a click): image sources only. */
export function requestedUrls(html: string): string[] {
  const root = parse(html);
  const urls: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const isLink = el.localName === 'a' && attr.name === 'href';
      if (isLink || attr.name === 'title' || attr.name === 'alt') continue; // text, or a click
      if (/^(?:[a-z]+:)?\/\//i.test(attr.value.trim())) urls.push(attr.value);
      if (/url\(/i.test(attr.value)) urls.push(attr.value);
    }
  }
  return urls;
}
