import { normalizeTitle, titleKey } from '@/utils/detect/title';

/**
 * Whether a record found by title is the paper on the page: the normalized
 * titles are equal and, where both sides list authors, at least one
 * surname agrees (two papers do share titles; their authors rarely do).
 * "Anonymous" (a blind submission) lists no one.
 */
export function sameWork(
  page: { title?: string | undefined; authors?: readonly string[] | undefined },
  found: { title: string; authors: readonly string[] },
): boolean {
  if (!page.title) return false;
  const title = titleKey(page.title);
  if (!title || title !== titleKey(found.title)) return false;
  const ours = surnames(page.authors ?? []);
  const theirs = surnames(found.authors);
  if (!ours.size || !theirs.size) return true;
  return [...ours].some((name) => theirs.has(name));
}

/**
 * Surnames, normalized: "Houlsby, Neil" (arXiv's citation_author) and
 * "Neil Houlsby" (OpenReview) both give "houlsby"; "van der Maaten, L." and
 * "Laurens van der Maaten" both give "maaten".
 */
export function surnames(names: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const name of names) {
    if (/^\s*anonymous\b/i.test(name)) continue;
    const family = name.includes(',') ? name.slice(0, name.indexOf(',')) : name;
    const last = normalizeTitle(family).split(' ').pop();
    if (last) found.add(last);
  }
  return found;
}
