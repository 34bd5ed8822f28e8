import DOMPurify from 'dompurify';

export interface SanitizeOptions {
  /** Show remote images; when false they become plain links (privacy). */
  images: boolean;
}

const SAFE_URL = /^(?:https?:|mailto:)/i;
const SAFE_IMAGE = /^https?:/i;

let purifier: ReturnType<typeof DOMPurify> | undefined;

function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  purifier = DOMPurify(window);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!SAFE_URL.test(href)) node.removeAttribute('href');
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
    if (node.nodeName === 'IMG') {
      if (!SAFE_IMAGE.test(node.getAttribute('src') ?? '')) node.removeAttribute('src');
      node.setAttribute('loading', 'lazy');
      node.setAttribute('referrerpolicy', 'no-referrer');
    }
  });
  return purifier;
}

/**
 * The one way HTML reaches the screen: DOMPurify with HTML and MathML allowed,
 * no styles, forms or frames, and only http(s)/mailto links. Returns a string
 * that is safe to assign as innerHTML.
 */
export function sanitizeHtml(html: string, options: SanitizeOptions): string {
  const purify = getPurifier();
  const fragment = purify.sanitize(html, {
    USE_PROFILES: { html: true, mathMl: true },
    FORBID_TAGS: [
      'style',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'option',
      'dialog',
      'template',
    ],
    FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'xlink:href', 'ping'],
    ALLOW_DATA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
  if (!options.images) {
    for (const img of fragment.querySelectorAll('img')) {
      const src = img.getAttribute('src');
      const link = document.createElement('a');
      link.textContent = `[image${img.alt ? `: ${img.alt}` : ''}]`;
      if (src) {
        link.href = src;
        link.target = '_blank';
        link.rel = 'noopener noreferrer nofollow';
        link.title = src;
      }
      img.replaceWith(link);
    }
  }
  const container = document.createElement('div');
  container.append(fragment);
  return container.innerHTML;
}
