import type { BadgePlace } from '@/utils/detect/listing/types';

/** A paper's summaries on a listing page: human-written, machine-generated. */
export interface BadgeCount {
  human: number;
  machine: number;
}

/*
 * Inside each badge's closed shadow root: the page's CSS stays out, the
 * page's scripts cannot reach the button. The host is out of the page's
 * flow (position: absolute at the spot it is inserted, or on an entry's
 * corner), so no content of the page moves when a badge appears. Its own
 * styles are inline and !important (no :host rule: an !important one there
 * would win over them).
 */
const CSS = `
button { all: initial; box-sizing: border-box; display: inline-flex; align-items: center; gap: 5px;
  height: 18px; margin-left: 6px; padding: 0 7px; border-radius: 9px; cursor: pointer; white-space: nowrap;
  font: 600 11.5px/18px system-ui, -apple-system, "Segoe UI", sans-serif; letter-spacing: .01em;
  background: #4b5d8a; color: #fff; box-shadow: 0 1px 2px rgba(0,0,0,.2); }
button:hover { background: #3b4a70; }
button:focus-visible { outline: 2px solid #4b5d8a; outline-offset: 2px; }
.m { font-weight: 500; opacity: .9; }
.h + .m { padding-left: 5px; border-left: 1px solid rgba(255,255,255,.45); }
:host([data-at=corner]) button { margin: 0; height: 22px; padding: 0 9px; border-radius: 11px; font-size: 12.5px;
  line-height: 22px; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
:host([data-dark]) button { background: #8ea2d8; color: #10131a; }
:host([data-dark]) button:hover { background: #a5b6e3; }
:host([data-dark]) button:focus-visible { outline-color: #8ea2d8; }
:host([data-dark]) .h + .m { border-left-color: rgba(16,19,26,.35); }`;

const HOST_STYLE: Record<BadgePlace['at'], string> = {
  // At its static position: right after the entry's last word, on its line.
  inline: 'position:absolute!important;z-index:1!important;margin-top:1px!important;',
  corner:
    'position:absolute!important;z-index:2!important;top:10px!important;right:10px!important;',
};

let dark: boolean | undefined;

/**
 * Whether the page itself is dark (Hugging Face's dark theme), whatever the
 * system's preference: arXiv stays white in a dark system, and a badge
 * should suit the page it sits on. Read once per page.
 */
function pageIsDark(): boolean {
  if (dark !== undefined) return dark;
  for (const el of [document.body, document.documentElement]) {
    const rgb =
      el && /(\d+), (\d+), (\d+)(?:, ([\d.]+))?/.exec(getComputedStyle(el).backgroundColor);
    if (rgb && rgb[4] !== '0')
      return (dark = Number(rgb[1]) + Number(rgb[2]) + Number(rgb[3]) < 300);
  }
  // No background of its own: the canvas, dark only where the page opts in to dark.
  const scheme = getComputedStyle(document.documentElement).colorScheme;
  return (dark =
    scheme.trim() === 'dark' ||
    (scheme.includes('dark') && matchMedia('(prefers-color-scheme: dark)').matches));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? 'y' : 'ies'}`;

/** "3 summaries of <title>", saying how many are machine-generated. */
export function badgeLabel({ human, machine }: BadgeCount, title: string): string {
  const of = ` of ${title || 'this paper'}`;
  if (!machine) return plural(human, 'summar') + of;
  if (!human) return `${plural(machine, 'machine-generated summar')}${of}`;
  return `${plural(human + machine, 'summar')}${of} (${machine} machine-generated)`;
}

/** A badge beside one entry: a button in its own closed shadow root. */
export class Badge {
  readonly host: HTMLElement;
  private readonly button: HTMLButtonElement;

  constructor(key: string, count: BadgeCount, place: BadgePlace, onOpen: () => void) {
    this.host = document.createElement('sidenotes-badge');
    this.host.dataset.sidenotesBadge = key;
    this.host.dataset.at = place.at;
    // Read in a frame's requestAnimationFrame callback, where the style it needs is computed for
    // that frame anyway: read while the page parses, it forced a style pass over everything parsed
    // so far into the parser's time (9–12 ms of the 2,000-entry list's, in traces).
    const darken = () => {
      if (pageIsDark()) this.host.dataset.dark = '';
    };
    if (dark === undefined) requestAnimationFrame(darken);
    else darken();
    // Inline !important beats any page rule aimed at the host.
    this.host.style.cssText = `all:initial!important;${HOST_STYLE[place.at]}`;
    const root = this.host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = CSS;
    this.button = document.createElement('button');
    this.button.type = 'button';
    for (const [n, cls, text] of [
      [count.human, 'h', String(count.human)],
      [count.machine, 'm', `${count.machine} ✦`],
    ] as const) {
      if (!n) continue;
      const part = document.createElement('span');
      part.className = cls;
      part.textContent = text;
      this.button.append(part);
    }
    this.button.addEventListener('click', (event) => {
      // The entry's own handlers (a card that opens the paper) stay out of it.
      event.preventDefault();
      event.stopPropagation();
      onOpen();
    });
    root.append(style, this.button);
    place.in.append(this.host);
  }

  /** The accessible name (and tooltip), once the entry's title is known. */
  label(text: string): void {
    this.button.setAttribute('aria-label', text);
    this.button.title = text;
  }
}
