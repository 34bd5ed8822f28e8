import { useEffect, useRef, useState } from 'preact/hooks';
import {
  renderSummaryHtml,
  renderSummaryHtmlNow,
  type RenderOptions,
} from '@/utils/render/markdown';

export type Rendered =
  | { status: 'pending' }
  | { status: 'done'; sanitizedHtml: string }
  | { status: 'failed'; message: string };

function renderNow(body: string, format: 'markdown' | 'text', options: RenderOptions): Rendered {
  try {
    const sanitizedHtml = renderSummaryHtmlNow(body, format, options);
    return sanitizedHtml === null ? { status: 'pending' } : { status: 'done', sanitizedHtml };
  } catch (error) {
    return { status: 'failed', message: String(error) };
  }
}

/**
 * A summary body as sanitized HTML: at once when it has no math, else after
 * the math renderer has loaded.
 */
export function useRenderedHtml(
  body: string,
  format: 'markdown' | 'text',
  options: RenderOptions,
): Rendered {
  const [rendered, setRendered] = useState<Rendered>(() => renderNow(body, format, options));
  const mounted = useRef(false);
  useEffect(() => {
    // The first render already holds renderNow's result; later ones redo it.
    const now = mounted.current ? renderNow(body, format, options) : rendered;
    mounted.current = true;
    setRendered(now);
    if (now.status !== 'pending') return;
    let live = true;
    renderSummaryHtml(body, format, options).then(
      (sanitizedHtml) => live && setRendered({ status: 'done', sanitizedHtml }),
      (error: unknown) => live && setRendered({ status: 'failed', message: String(error) }),
    );
    return () => {
      live = false;
    };
  }, [body, format, options.images]);
  return rendered;
}
