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

// Order matters: code first (math inside code stays literal), then display
// before inline delimiters. Inline `$…$` follows Pandoc's rule so that
// "$5 and $10" stays text: no space inside the delimiters, no digit after.
const TOKENS =
  /(```[\s\S]*?```|~~~[\s\S]*?~~~|`[^`\n]+`)|\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|(?<![\\$])\$(?=\S)([^$\n`]*?[^\s`])\$(?!\d)/g;

export function protectMath(markdown: string): ProtectedText {
  const math: MathSpan[] = [];
  const text = markdown.replace(TOKENS, (whole, code, display, bracket, paren, inline) => {
    if (code !== undefined) return whole as string;
    const tex = (display ?? bracket ?? paren ?? inline) as string;
    math.push({ tex: tex.trim(), display: display !== undefined || bracket !== undefined });
    return mathPlaceholder(math.length - 1);
  });
  return { text, math };
}

type Temml = typeof import('temml').default;
let temmlPromise: Promise<Temml> | undefined;

/** Loads the math renderer (Temml, MathML output) only when a summary has math. */
function loadTemml(): Promise<Temml> {
  temmlPromise ??= import('temml').then((m) => m.default);
  return temmlPromise;
}

/**
 * Renders each span to MathML. A formula Temml cannot parse is shown as its
 * TeX source instead of breaking the card; the caller sanitizes the result.
 */
export async function renderMath(spans: readonly MathSpan[]): Promise<string[]> {
  if (!spans.length) return [];
  const temml = await loadTemml();
  return spans.map(({ tex, display }) => {
    try {
      return temml.renderToString(tex, { displayMode: display, throwOnError: true, trust: false });
    } catch {
      // No class: the sanitizer keeps none outside formulas.
      const escaped = tex.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
      return `<code title="This formula could not be rendered">${escaped}</code>`;
    }
  });
}
