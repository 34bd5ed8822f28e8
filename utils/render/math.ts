/**
 * LaTeX in summaries, as ShortScience writes it: `$…$`, `$$…$$`, `\(…\)`,
 * `\[…\]`. Math is cut out before Markdown runs (so `_` and `*` inside it
 * are not emphasis) and put back, rendered, afterwards.
 */
export interface MathSpan {
  tex: string;
  display: boolean;
}

export interface ProtectedText {
  text: string;
  math: MathSpan[];
}

/** A placeholder Markdown leaves alone: letters and digits only. */
export const mathPlaceholder = (i: number): string => `SIDENOTESMATH${i}X`;
export const MATH_PLACEHOLDER = /SIDENOTESMATH(\d+)X/g;

/**
 * Cuts the math out, in one left-to-right pass. At each position the first
 * rule that matches wins, then the scan goes on after it:
 *  1. code, kept as it is (math inside code stays literal): ```…```, ~~~…~~~,
 *     `…` on one line;
 *  2. display math: $$…$$, then \[…\];
 *  3. inline math: \(…\), then $…$ by Pandoc's rule, so that "$5 and $10"
 *     stays text: no space just inside the dollars, no digit after the
 *     closing one, not after `\` or `$`.
 * Closers are found with indexOf and remembered, so unclosed openers (a
 * megabyte of `\[`) cost one scan, not one scan each.
 */
export function protectMath(markdown: string): ProtectedText {
  const math: MathSpan[] = [];
  const closers = new Map<string, { from: number; at: number }>();
  /** The first `closer` at or after `from`, or -1; `from` only grows per closer. */
  const next = (closer: string, from: number): number => {
    const known = closers.get(closer);
    if (known && known.from <= from && (known.at === -1 || known.at >= from)) return known.at;
    const at = markdown.indexOf(closer, from);
    closers.set(closer, { from, at });
    return at;
  };
  let out = '';
  let copied = 0;
  let i = 0;
  const take = (end: number, tex: string, display: boolean) => {
    math.push({ tex: tex.trim(), display });
    out += markdown.slice(copied, i) + mathPlaceholder(math.length - 1);
    copied = i = end;
  };
  while (i < markdown.length) {
    const c = markdown[i];
    if (c === '`' || c === '~') {
      const end = codeEnd(markdown, i, next);
      if (end > i) {
        i = end;
        continue;
      }
    } else if (c === '$') {
      if (markdown[i + 1] === '$') {
        const close = next('$$', i + 3);
        if (close >= 0) {
          take(close + 2, markdown.slice(i + 2, close), true);
          continue;
        }
      }
      const close = inlineDollarClose(markdown, i);
      if (close >= 0) {
        take(close + 1, markdown.slice(i + 1, close), false);
        continue;
      }
    } else if (c === '\\' && (markdown[i + 1] === '[' || markdown[i + 1] === '(')) {
      const display = markdown[i + 1] === '[';
      const close = next(display ? '\\]' : '\\)', i + 3);
      if (close >= 0) {
        take(close + 2, markdown.slice(i + 2, close), display);
        continue;
      }
    }
    i++;
  }
  return { text: copied ? out + markdown.slice(copied) : markdown, math };
}

/** The end of a code span or fence starting at `i`, or -1. */
function codeEnd(text: string, i: number, next: (closer: string, from: number) => number): number {
  const fence = text.startsWith('```', i) ? '```' : text.startsWith('~~~', i) ? '~~~' : null;
  if (fence) {
    const close = next(fence, i + 3);
    if (close >= 0) return close + 3;
  }
  if (text[i] !== '`') return -1;
  // One line, at least one character, no backtick inside.
  let j = i + 1;
  while (j < text.length && text[j] !== '`' && text[j] !== '\n') j++;
  return j > i + 1 && text[j] === '`' ? j + 1 : -1;
}

const [DOLLAR, NEWLINE, BACKTICK] = [0x24, 0x0a, 0x60];

/** What `\s` matches in a JavaScript regular expression. */
function isSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/**
 * Pandoc's inline `$…$` opening at `i`: the index of the closing `$`, or -1.
 * The content is one line without `$` or backticks, starts and ends with a
 * non-space (its last character may be a `$` right before the closer), and
 * no digit follows the closer.
 */
function inlineDollarClose(text: string, i: number): number {
  if (text[i - 1] === '\\' || text[i - 1] === '$') return -1;
  if (i + 1 >= text.length || isSpace(text.charCodeAt(i + 1))) return -1;
  for (let k = i + 1; k < text.length; k++) {
    const c = text.charCodeAt(k);
    const closes = text[k + 1] === '$' && !isDigit(text.charCodeAt(k + 2));
    if (closes && !isSpace(c) && c !== BACKTICK) return k + 1;
    if (c === DOLLAR || c === NEWLINE || c === BACKTICK) return -1;
  }
  return -1;
}

type Temml = typeof import('temml').default;
let temmlPromise: Promise<Temml> | undefined;

/** Loads the math renderer (Temml, MathML output) only when a summary has math. */
function loadTemml(): Promise<Temml> {
  temmlPromise ??= import('temml').then((m) => m.default);
  return temmlPromise;
}

/**
 * How much math one summary may hand to Temml. Temml takes ~0.1 ms for a
 * typical formula and ~7 ms per kB for a large matrix, so a summary's math
 * renders in well under half a second however it is written. A formula
 * longer than the limit shows as TeX source; formulas past the count or
 * total stay as the text they were (`$…$`), which adds no element at all.
 */
const MAX_FORMULAS = 1000;
const MAX_FORMULA_CHARS = 4000;
const MAX_MATH_CHARS = 50_000;

/**
 * Macro definitions are refused (the formula shows as source): a 4 kB
 * formula that defines a long macro and uses it 1,000 times made Temml
 * write 19 MB of MathML in 12 s. Mapping them to an undefined command makes
 * Temml stop at the first one. Built-in macros still work.
 */
const REFUSED_DEFINITIONS = [
  '\\def',
  '\\gdef',
  '\\edef',
  '\\xdef',
  '\\newcommand',
  '\\renewcommand',
  '\\providecommand',
];

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const texSource = (tex: string, why: string) => `<code title="${why}">${escapeHtml(tex)}</code>`;

/**
 * Renders each span to MathML. A formula Temml cannot parse, or one past the
 * limits above, is shown as its TeX source instead of breaking the card; the
 * caller sanitizes the result.
 */
export async function renderMath(spans: readonly MathSpan[]): Promise<string[]> {
  if (!spans.length) return [];
  const temml = await loadTemml();
  let formulas = 0;
  let mathChars = 0;
  return spans.map(({ tex, display }) => {
    if (formulas >= MAX_FORMULAS || mathChars + tex.length > MAX_MATH_CHARS) {
      return escapeHtml(display ? `$$${tex}$$` : `$${tex}$`);
    }
    if (tex.length > MAX_FORMULA_CHARS) return texSource(tex, 'This formula is too long to render');
    formulas++;
    mathChars += tex.length;
    try {
      return temml.renderToString(tex, {
        displayMode: display,
        throwOnError: true,
        trust: false,
        macros: Object.fromEntries(REFUSED_DEFINITIONS.map((name) => [name, '\\sidenotesrefused'])),
      });
    } catch {
      return texSource(tex, 'This formula could not be rendered');
    }
  });
}
