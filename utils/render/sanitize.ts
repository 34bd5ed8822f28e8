import DOMPurify, { type Config, type UponSanitizeAttributeHookEvent } from 'dompurify';
import { safeHttpUrl } from '@/utils/core/url';

export interface SanitizeOptions {
  /**
   * Load remote images. When false no image is requested: each becomes a
   * link to it ("[image: host]"), for privacy.
   */
  images: boolean;
}

/**
 * The sanitizer profile for summaries: an allow-list written for what a
 * summary needs, not DOMPurify's default. A summary is text that somebody
 * else wrote, shown inside our own card, so besides running no script it
 * must not
 *  - look like our UI: no `class`, `id`, `name` or `style`, so nothing can
 *    borrow the card's classes (`notice-error`, `card-action`);
 *  - navigate the sidebar frame: no `area`/`map`, forms or `base`, and every
 *    link opens a new tab without opener or referrer;
 *  - make requests by itself: no media (video, audio, source, track, picture,
 *    object, embed, iframe), no `background`, `srcset`, `poster` or CSS; only
 *    `<img>` loads, https only, lazily, without referrer, and not at all
 *    when images are off;
 *  - paint outside its formula: only the MathML attributes Temml's output
 *    uses, with sizes and shifts bounded (see MATH_ELEMENTS).
 * An attribute not listed is dropped; an element not listed is removed and
 * its text kept (except script, style and the like, whose content goes too).
 */

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';

/** Checks one attribute value: the value to keep (maybe normalized), or null to drop it. */
type Check = (value: string) => string | null;

const oneOf =
  (...allowed: string[]): Check =>
  (value) =>
    allowed.includes(value.toLowerCase()) ? value.toLowerCase() : null;
const matches =
  (pattern: RegExp): Check =>
  (value) =>
    pattern.test(value) ? value : null;
const anyText: Check = (value) => (value.length <= 1000 ? value : null);
const flag: Check = () => '';
const integer =
  (min: number, max: number): Check =>
  (value) => {
    if (!/^-?\d{1,9}$/.test(value)) return null;
    const n = Number(value);
    return n >= min && n <= max ? String(n) : null;
  };

// A length in TeX's terms: 1em ≈ 10pt at math size, 1px = 1/16em.
const EM_PER_UNIT: Record<string, number> = {
  '': 1,
  em: 1,
  ex: 0.5,
  px: 1 / 16,
  pt: 0.1,
  pc: 1.2,
  mm: 0.2845,
  cm: 2.845,
  in: 7.227,
};
const LENGTH = /^([+-]?(?:\d{1,6}(?:\.\d{0,6})?|\.\d{1,6}))([a-z]{0,2})$/i;

/** A length in em, or null (percentages and `width`-style pseudo-units are refused). */
export function lengthInEm(value: string): number | null {
  const m = LENGTH.exec(value.trim());
  const unit = m?.[2]!.toLowerCase() ?? '-';
  return Object.hasOwn(EM_PER_UNIT, unit) ? Number(m![1]) * EM_PER_UNIT[unit]! : null;
}

/** A MathML length allowed only between `minEm` and `maxEm`. */
const length =
  (minEm: number, maxEm: number): Check =>
  (value) => {
    const em = lengthInEm(value);
    return em !== null && em >= minEm && em <= maxEm ? value.trim() : null;
  };

/** The largest font scale nested `mathsize` may reach (Temml's \Huge is 2.488em). */
const MAX_MATH_SCALE = 2.5;

/**
 * Temml's own class names (collected by rendering a broad spread of LaTeX
 * through it). They only style formulas, and only if Temml's stylesheet is
 * loaded; any other class is dropped, so a summary cannot borrow ours.
 */
const TEMML_CLASSES = new Set([
  'tml-display',
  'tml-sml-pad',
  'tml-lrg-pad',
  'mathcal',
  'mathscr',
  'chr-sml',
  'wbk-sml',
  'wbk-sml-acc',
  'wbk-sml-vec',
  'wbk-acc',
  'tml-hat-2',
  'tml-tilde-2',
  'tml-vec',
  'tml-prime',
  'tml-overline',
  'tml-underline',
  'tml-fbox',
  'tml-cancel',
  'upstrike',
  'downstrike',
  'tml-xcancel',
  'sout',
  'actuarial',
  'phasor-bottom',
  'phasor-angle',
  'longdiv-top',
  'longdiv-arc',
  'tml-small',
  'tml-jot',
  'tml-left',
  'tml-right',
  'tml-tageqn',
  'tml-tag',
  'tml-label',
]);
const temmlClass: Check = (value) => {
  const kept = value.split(/\s+/).filter((c) => TEMML_CLASSES.has(c));
  return kept.length ? kept.join(' ') : null;
};

const HTML_GLOBAL: Record<string, Check> = {
  title: anyText,
  lang: matches(/^[a-z]{2,3}(?:-[a-z0-9]{1,8}){0,3}$/i),
  dir: oneOf('ltr', 'rtl', 'auto'),
};
const cell: Record<string, Check> = {
  align: oneOf('left', 'center', 'right'),
  colspan: integer(1, 100),
  rowspan: integer(0, 100),
};
const none: Record<string, Check> = {};

/**
 * HTML a summary needs: text formatting, headings, lists, quotes, tables,
 * code, links, images, rules and breaks, disclosure (details/summary).
 * `href` and `src` are checked in `hrefOrSrc` below.
 */
const HTML_ELEMENTS: Record<string, Record<string, Check>> = {
  ...Object.fromEntries(
    [
      'p',
      'br',
      'hr',
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'b',
      'strong',
      'i',
      'em',
      'u',
      's',
      'del',
      'ins',
      'mark',
      'small',
      'sub',
      'sup',
      'abbr',
      'code',
      'kbd',
      'pre',
      'blockquote',
      'ul',
      'li',
      'dl',
      'dt',
      'dd',
      'table',
      'caption',
      'thead',
      'tbody',
      'tfoot',
      'tr',
      'span',
      'div',
      'figure',
      'figcaption',
      'summary',
    ].map((tag) => [tag, none]),
  ),
  ol: { start: integer(-999999, 999999) },
  th: cell,
  td: cell,
  details: { open: flag },
  a: { href: (v) => safeHttpUrl(v, { allowHttp: true }) },
  img: { src: (v) => safeHttpUrl(v, { allowHttp: true }), alt: anyText },
};

const bool = oneOf('true', 'false');
/** `menclose` notations: lines and boxes drawn around the formula's own box. */
const NOTATIONS = new Set([
  'box',
  'roundedbox',
  'circle',
  'top',
  'bottom',
  'left',
  'right',
  'updiagonalstrike',
  'downdiagonalstrike',
  'verticalstrike',
  'horizontalstrike',
  'actuarial',
  'longdiv',
  'phasorangle',
  'madruwb',
]);
const MATH_GLOBAL: Record<string, Check> = {
  class: temmlClass,
  displaystyle: bool,
  // Absolute levels only: a negative or relative level scales the font up.
  scriptlevel: matches(/^[012]$/),
  mathvariant: oneOf(
    'normal',
    'bold',
    'italic',
    'bold-italic',
    'double-struck',
    'bold-fraktur',
    'script',
    'bold-script',
    'fraktur',
    'sans-serif',
    'bold-sans-serif',
    'sans-serif-italic',
    'sans-serif-bold-italic',
    'monospace',
  ),
};

/**
 * MathML elements and attributes, as Temml emits them (listed by rendering
 * fractions, roots, scripts, matrices and arrays, accents, arrows, fences,
 * boxes, colours, spaces, \raisebox, \rule, \smash, \llap, sizes and
 * equation tags through it). Chosen against painting outside the formula:
 *  - `mathbackground` and `mathcolor` are dropped: a coloured box is how a
 *    formula covers the card's byline (`\colorbox`, `\rule`), and coloured
 *    text is how it imitates an error line. Temml writes other colours as
 *    `style`, which is dropped too, so formulas render in the text colour.
 *  - `mpadded` keeps a small `voffset` (±0.5em, a \raisebox nudge) and a
 *    small `lspace`; its `width`/`height`/`depth` are dropped, because a box
 *    smaller than its content (\smash, \llap, \rlap) lets that content
 *    overlap what is around it. Such formulas render unsmashed.
 *  - `mspace` sizes are bounded (width ≤ 10em for Temml's arrows and
 *    \qquad, height/depth ≤ 2em), and with no background it paints nothing:
 *    `\rule` becomes blank space.
 *  - fence sizes ≤ 3em (\Bigg), fraction rules ≤ 0.5em, operator spacing
 *    ≤ 1em, `mathsize` 0.5–2.5em and never compounding past 2.5× (see
 *    `finishTree`), script levels 0–2.
 *  - no `maction`, `semantics`/`annotation(-xml)`, `mglyph`, `malignmark`,
 *    no `href` on anything, no HTML inside a formula (`finishTree`).
 */
const MATH_ELEMENTS: Record<string, Record<string, Check>> = {
  math: { display: oneOf('block', 'inline') },
  mi: none,
  mn: none,
  ms: none,
  mtext: none,
  mo: {
    fence: bool,
    separator: bool,
    stretchy: bool,
    symmetric: bool,
    largeop: bool,
    movablelimits: bool,
    accent: bool,
    form: oneOf('prefix', 'infix', 'postfix'),
    lspace: length(0, 1),
    rspace: length(0, 1),
    minsize: length(0, 3),
    maxsize: length(0, 3),
  },
  mspace: { width: length(0, 10), height: length(0, 2), depth: length(0, 2) },
  mrow: none,
  mfrac: { linethickness: length(0, 0.5) },
  msqrt: none,
  mroot: none,
  mstyle: { mathsize: length(0.5, MAX_MATH_SCALE) },
  mpadded: { voffset: length(-0.5, 0.5), lspace: length(0, 1) },
  mphantom: none,
  msub: none,
  msup: none,
  msubsup: none,
  munder: { accentunder: bool },
  mover: { accent: bool },
  munderover: { accent: bool, accentunder: bool },
  mmultiscripts: none,
  mprescripts: none,
  none: none,
  mtable: none,
  mtr: none,
  mtd: none,
  menclose: {
    notation: (value) => {
      const kept = value.split(/\s+/).filter((n) => NOTATIONS.has(n));
      return kept.length ? kept.join(' ') : null;
    },
  },
};

const ALLOWED_TAGS = [...Object.keys(HTML_ELEMENTS), ...Object.keys(MATH_ELEMENTS)];
const ALLOWED_ATTR = [
  ...new Set(
    [HTML_GLOBAL, MATH_GLOBAL, ...Object.values(HTML_ELEMENTS), ...Object.values(MATH_ELEMENTS)]
      .map(Object.keys)
      .flat(),
  ),
];

const CONFIG: Config & { RETURN_DOM: true } = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOWED_NAMESPACES: [HTML_NS, MATHML_NS],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOW_SELF_CLOSE_IN_ATTR: false,
  // The result stays in DOMPurify's inert document (no browsing context,
  // so nothing loads) for the last steps, then becomes a string.
  RETURN_DOM: true,
};

/** An own property only: attribute names such as `constructor` find nothing. */
const own = <T>(table: Record<string, T> | undefined, key: string): T | undefined =>
  table && Object.hasOwn(table, key) ? table[key] : undefined;

function checkAttribute(node: Element, event: UponSanitizeAttributeHookEvent): void {
  const name = event.attrName;
  const check =
    node.namespaceURI === MATHML_NS
      ? (own(own(MATH_ELEMENTS, node.localName), name) ?? own(MATH_GLOBAL, name))
      : (own(own(HTML_ELEMENTS, node.localName), name) ?? own(HTML_GLOBAL, name));
  const kept = check ? check(event.attrValue) : null;
  if (kept === null) event.keepAttr = false;
  else event.attrValue = kept;
}

/** Links open in a new tab, with no opener, no referrer, no endorsement. */
function finishElement(node: Element): void {
  if (node.namespaceURI !== HTML_NS) return;
  if (node.localName === 'a') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
    node.setAttribute('referrerpolicy', 'no-referrer');
  } else if (node.localName === 'img') {
    node.setAttribute('loading', 'lazy');
    node.setAttribute('decoding', 'async');
    node.setAttribute('referrerpolicy', 'no-referrer');
  }
}

let purifier: ReturnType<typeof DOMPurify> | undefined;

function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  purifier = DOMPurify(window);
  // An unsupported DOMPurify returns its input as it is: refuse instead.
  if (!purifier.isSupported) throw new Error('The HTML sanitizer cannot run here.');
  purifier.addHook('uponSanitizeAttribute', checkAttribute);
  purifier.addHook('afterSanitizeAttributes', finishElement);
  return purifier;
}

const isHeading = (el: Element) => el.namespaceURI === HTML_NS && /^h[1-6]$/.test(el.localName);

/**
 * The steps DOMPurify's walk cannot do, in one pass over the sanitized tree:
 * HTML inside a formula becomes its text (Temml puts none there that
 * matters), a heading inside a heading becomes its text (each would scale
 * the font again), nested `mathsize` stops at MAX_MATH_SCALE, and images
 * that may not load become links.
 */
function finishTree(root: Element, options: SanitizeOptions): void {
  const images: Element[] = [];
  const stack: Array<{ el: Element; scale: number; inMath: boolean; inHeading: boolean }> = [
    { el: root, scale: 1, inMath: false, inHeading: false },
  ];
  while (stack.length) {
    const { el, scale, inMath, inHeading } = stack.pop()!;
    const html = el.namespaceURI === HTML_NS && el !== root;
    if (html && (inMath || (inHeading && isHeading(el)))) {
      el.replaceWith(el.ownerDocument.createTextNode(el.textContent ?? ''));
      continue;
    }
    let inner = scale;
    const size = el.getAttribute('mathsize');
    if (size !== null) {
      const factor = lengthInEm(size) ?? Infinity;
      if (scale * factor > MAX_MATH_SCALE) el.removeAttribute('mathsize');
      else inner = scale * factor;
    }
    if (html && el.localName === 'img') images.push(el);
    const childMath = inMath || el.namespaceURI === MATHML_NS;
    const childHeading = inHeading || isHeading(el);
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      stack.push({ el: child, scale: inner, inMath: childMath, inHeading: childHeading });
    }
  }
  for (const img of images) {
    const src = img.getAttribute('src');
    if (options.images && src?.startsWith('https://')) continue;
    img.replaceWith(imageStandIn(img, src));
  }
}

/**
 * What stands in for an image that is not loaded: a link to it named by its
 * host ("[image: i.imgur.com]", the alt text as its title), or only text
 * when there is no usable address or the image already sits inside a link.
 */
function imageStandIn(img: Element, src: string | null): Node {
  const doc = img.ownerDocument;
  const alt = img.getAttribute('alt') ?? '';
  const url = src ? safeHttpUrl(src, { allowHttp: true }) : null;
  if (!url) return doc.createTextNode(alt ? `[image: ${alt}]` : '[image]');
  const label = `[image: ${new URL(url).host}]`;
  if (img.closest('a')) return doc.createTextNode(label);
  const link = doc.createElement('a');
  link.setAttribute('href', url);
  link.setAttribute('title', alt || url);
  finishElement(link);
  link.textContent = label;
  return link;
}

/**
 * The one way HTML reaches the screen: the summary profile above, and the
 * image setting. Returns a string that is safe to assign as innerHTML.
 */
export function sanitizeHtml(html: string, options: SanitizeOptions): string {
  const body = getPurifier().sanitize(html, CONFIG) as HTMLElement;
  finishTree(body, options);
  return body.innerHTML;
}
