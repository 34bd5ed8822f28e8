import { Marked, type Tokens } from 'marked';
import { MATH_PLACEHOLDER, protectMath, renderMath } from './math';
import { sanitizeHtml, type SanitizeOptions } from './sanitize';

// ShortScience renders with marked + GFM; summaries are typed in a textarea,
// so a single newline is a line break.
const marked = new Marked({ gfm: true, breaks: true, async: false });

marked.use({
  renderer: {
    // Task-list boxes as characters: a summary has no form controls.
    checkbox({ checked }: Tokens.Checkbox) {
      return checked ? '☑ ' : '☐ ';
    },
  },
});

const IMAGE_URL =
  /(?<![(<"'=\]/])(https?:\/\/[^\s<>()[\]"']+?\.(?:png|jpe?g|gif|webp|svg))(?=$|[^\w/?#-]|[a-z])/gi;

/**
 * ShortScience writes figures as bare image links, sometimes pasted inside a
 * word ("thhttps://i.imgur.com/x.pnge purpose"); they are shown as images.
 * Links in Markdown syntax (`](url)`, `<url>`) are left alone.
 */
export function inlineBareImages(markdown: string): string {
  return markdown.replace(IMAGE_URL, (url: string) => `![figure](${url})`);
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
  return sanitizeHtml(marked.parse(inlineBareImages(text)) as string, options);
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
  const html = marked.parse(inlineBareImages(text)) as string;
  const rendered = await renderMath(math);
  const withMath = html.replace(MATH_PLACEHOLDER, (_, i: string) => rendered[Number(i)] ?? '');
  return sanitizeHtml(withMath, options);
}
