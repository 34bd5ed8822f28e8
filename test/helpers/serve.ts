import { FIGURE_PNG } from './pages';

/** A saved page served under its real URL: HTML as a string, a PDF as a Buffer, or any type. */
export type PageBody = string | Buffer | { body: string | Buffer; contentType: string };

export interface Answer {
  status: number;
  body: string | Buffer;
  contentType: string;
}

/**
 * What the stand-in web answers for `url`, the same in every browser the
 * tests drive: a page of `pages`, a placeholder for any figure, or nothing
 * (null: the request is refused, as offline).
 */
export function answerFor(pages: Readonly<Record<string, PageBody>>, url: string): Answer | null {
  const page = pages[url];
  if (page !== undefined) {
    const { body, contentType } =
      typeof page === 'string' || Buffer.isBuffer(page)
        ? {
            body: page,
            contentType: Buffer.isBuffer(page) ? 'application/pdf' : 'text/html; charset=utf-8',
          }
        : page;
    return { status: 200, body, contentType };
  }
  if (/\.(png|jpe?g|gif|webp)(\?|$)/i.test(url))
    return { status: 200, body: FIGURE_PNG, contentType: 'image/png' };
  return null;
}
