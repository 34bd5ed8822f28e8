import { Marked, type Tokens } from 'marked';
import { MATH_PLACEHOLDER, protectMath, renderMath } from './math';
import { sanitizeHtml, type SanitizeOptions } from './sanitize';

// ShortScience renders with marked + GFM; summaries are typed in a textarea,
// so a single newline is a line break.
const marked = new Marked({ gfm: true, breaks: true, async: false });

/**
 * How much emphasis matching one summary may cost, in characters scanned.
 * marked looks for the closer of every `*`/`_` run to the end of its
 * paragraph, which is quadratic on hostile input (20 kB of `_a*` took 7 s);
 * past this budget a delimiter run stays literal text. Real summaries use a
 * few thousand (the most in the bundled data is ~5,000).
 */
const EMPHASIS_BUDGET_CHARS = 1_000_000;
let emphasisBudget = EMPHASIS_BUDGET_CHARS;

/**
 * Longest run without whitespace that is parsed as Markdown. marked's
 * autolink and text rules scan such a run again at every token inside it
 * (quadratic: 20 kB of `a_` took 0.5 s); a body with a longer run is shown
 * as plain text. The longest in the bundled data is 43.
 */
const MAX_WORD_CHARS = 1000;

marked.use({
  extensions: [
    {
      // Runs where marked's emphasis rule would: at a `*` or `_` run.
      name: 'emphasisBudget',
      level: 'inline',
      tokenizer(src: string): Tokens.Text | undefined {
        const first = src.charCodeAt(0);
        if (first !== 0x2a && first !== 0x5f) return undefined;
        if (emphasisBudget >= src.length) {
          emphasisBudget -= src.length;
          return undefined; // marked's own rule takes it
        }
        const run = /^(?:\*+|_+)/.exec(src)![0];
        return { type: 'text', raw: run, text: run };
      },
    },
  ],
  renderer: {
    // Task-list boxes as characters: a summary has no form controls.
    checkbox({ checked }: Tokens.Checkbox) {
      return checked ? '☑ ' : '☐ ';
    },
  },
});

const WHITESPACE = /\s/g;

function longestWord(text: string): number {
  let longest = 0;
  let start = 0;
  WHITESPACE.lastIndex = 0;
  for (let space = WHITESPACE.exec(text); space; space = WHITESPACE.exec(text)) {
    longest = Math.max(longest, space.index - start);
    start = space.index + 1;
  }
  return Math.max(longest, text.length - start);
}

/**
 * Markdown → HTML (not yet sanitized), or null when the text is not safe to
 * give marked in reasonable time or marked fails on it (nesting deep enough
 * to exhaust the stack): the caller shows it as plain text.
 */
function parseMarkdown(text: string): string | null {
  if (longestWord(text) > MAX_WORD_CHARS) return null;
  emphasisBudget = EMPHASIS_BUDGET_CHARS;
  try {
    return marked.parse(inlineBareImages(text)) as string;
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

const IMAGE_EXTENSION = /\.(?:png|jpe?g|gif|webp|svg)(?=$|[^\w/?#-]|[a-z])/iy;
const URL_START = /https?:\/\//gi;
const URL_BREAK = /[\s<>()[\]"']/g;
/** A bare URL right after one of these is Markdown or HTML syntax (`](url)`, `<url>`, `src="url"`). */
const SYNTAX_BEFORE = new Set(['(', '<', '"', "'", '=', ']', '/']);

/**
 * ShortScience writes figures as bare image links, sometimes pasted inside a
 * word ("thhttps://i.imgur.com/x.pnge purpose"); they are shown as images.
 * Links in Markdown syntax (`](url)`, `<url>`) are left alone.
 *
 * One pass: a URL runs from `http(s)://` to the first image extension after
 * it that is not followed by more path, within a run of URL characters. If
 * the run has no such extension for one start, it has none for any later
 * start either, so the scan moves past the run.
 */
export function inlineBareImages(markdown: string): string {
  let out = '';
  let copied = 0;
  let runEnd = -1;
  // The first `.` at or after dotFrom (-1: none); searches only move forward.
  let dotFrom = Infinity;
  let dotAt = -1;
  const nextDot = (from: number): number => {
    if (from < dotFrom || (dotAt >= 0 && dotAt < from)) {
      dotFrom = from;
      dotAt = markdown.indexOf('.', from);
    }
    return dotAt;
  };
  URL_START.lastIndex = 0;
  for (let start = URL_START.exec(markdown); start; start = URL_START.exec(markdown)) {
    const at = start.index;
    if (at > 0 && SYNTAX_BEFORE.has(markdown[at - 1]!)) continue;
    const pathStart = at + start[0].length;
    if (pathStart >= runEnd) {
      URL_BREAK.lastIndex = pathStart;
      runEnd = URL_BREAK.exec(markdown)?.index ?? markdown.length;
    }
    let end = -1;
    // The first image extension whose dot is in the run, at least one character in.
    for (let dot = nextDot(pathStart + 1); dot >= 0 && dot < runEnd; dot = nextDot(dot + 1)) {
      IMAGE_EXTENSION.lastIndex = dot;
      if (IMAGE_EXTENSION.test(markdown)) {
        end = IMAGE_EXTENSION.lastIndex;
        break;
      }
    }
    if (end < 0) {
      URL_START.lastIndex = runEnd;
      continue;
    }
    out += `${markdown.slice(copied, at)}![figure](${markdown.slice(at, end)})`;
    copied = end;
    URL_START.lastIndex = end;
  }
  return copied ? out + markdown.slice(copied) : markdown;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Plain-text summaries (datasets): paragraphs, nothing interpreted. */
function textToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export type RenderOptions = SanitizeOptions;

/**
 * The synchronous path, for bodies without math (most of them): the first
 * paint needs no extra render pass. Returns null when the body has math.
 */
export function renderSummaryHtmlNow(
  body: string,
  format: 'markdown' | 'text',
  options: RenderOptions,
): string | null {
  if (format === 'text') return sanitizeHtml(textToHtml(body), options);
  const { text, math } = protectMath(body);
  if (math.length) return null;
  return sanitizeHtml(parseMarkdown(text) ?? textToHtml(body), options);
}

/**
 * A summary body → sanitized HTML: Markdown (GFM) with LaTeX math as MathML
 * and bare image links as images. The math renderer loads only when the
 * body has math. The result is safe to assign as innerHTML.
 */
export async function renderSummaryHtml(
  body: string,
  format: 'markdown' | 'text',
  options: RenderOptions,
): Promise<string> {
  const now = renderSummaryHtmlNow(body, format, options);
  if (now !== null) return now;
  const { text, math } = protectMath(body);
  const html = parseMarkdown(text);
  if (html === null) return sanitizeHtml(textToHtml(body), options);
  const rendered = await renderMath(math);
  const withMath = html.replace(MATH_PLACEHOLDER, (_, i: string) => rendered[Number(i)] ?? '');
  return sanitizeHtml(withMath, options);
}

const SAMPLE =
  '# A summary\n\nSome *text* with `code` and a [link](https://example.org).\n\n- one\n- two\n\n> A quote.\n\nMore text.\n\nAnd more.';

/**
 * Renders a sample, thrown away: a view that will show summaries calls it
 * while it waits for them, so that the first real body does not pay for
 * compiling the parser and the sanitizer (V8 compiles a regular expression
 * to machine code on its second use, hence more than one paragraph).
 */
export function warmUpRenderer(): void {
  renderSummaryHtmlNow(SAMPLE, 'markdown', { images: false });
}
