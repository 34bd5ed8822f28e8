import { useEffect, useState } from 'preact/hooks';
import { renderSummaryHtml, type RenderOptions } from '@/utils/render/markdown';

export type Rendered = { status: 'pending' } | { status: 'done'; sanitizedHtml: string } | { status: 'failed'; message: string };

/** Renders a summary body to sanitized HTML (async: math loads on demand). */
export function useRenderedHtml(body: string, format: 'markdown' | 'text', options: RenderOptions): Rendered {
  const [rendered, setRendered] = useState<Rendered>({ status: 'pending' });
  useEffect(() => {
    let live = true;
    renderSummaryHtml(body, format, options).then(
      (html) => live && setRendered({ status: 'done', sanitizedHtml: html }),
      (error: unknown) => live && setRendered({ status: 'failed', message: String(error) }),
    );
    return () => {
      live = false;
    };
  }, [body, format, options.images]);
  return rendered;
}
