import { useState } from 'preact/hooks';

/**
 * Copies text to the clipboard from the reader's click: the Clipboard API,
 * or, where a frame may not use it (the in-page sidebar is a frame the page
 * embeds), the copy command on a selected text area. `copied` names what
 * was copied, or that it could not be (null text: nothing safe to copy).
 */
export function useCopy() {
  const [copied, setCopied] = useState<{ what: string; ok: boolean } | null>(null);
  const copy = async (text: string | null, what: string) => {
    let ok = false;
    if (text === null) return setCopied({ what, ok });
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      ok = copyByCommand(text);
    }
    setCopied({ what, ok });
  };
  return { copied, copy: (text: string | null, what: string) => void copy(text, what) };
}

function copyByCommand(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
