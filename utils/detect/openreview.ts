import type { UrlMatch } from '@/utils/core/paper-ref';

/*
 * OpenReview papers are forums: `/forum?id=<id>` (page) and `/pdf?id=<id>`.
 * Ids are opaque, URL-safe strings of 8+ characters. Group, profile and
 * venue pages also use `?id=` but are not papers.
 *
 * Tested on:
 *   https://openreview.net/forum?id=rJlnfaNYvB → openreview:rJlnfaNYvB
 *   https://openreview.net/pdf?id=rJlnfaNYvB → openreview:rJlnfaNYvB
 *   https://openreview.net/forum?id=rJlnfaNYvB&noteId=SkgX1XsaKH → openreview:rJlnfaNYvB
 *   https://openreview.net/group?id=ICLR.cc/2020/Conference → none
 *   https://openreview.net/profile?id=~Jonathan_Frankle1 → none
 */
const FORUM_ID = /^[A-Za-z0-9_-]{8,}$/;

export const openreviewKey = (forum: string): string => `openreview:${forum}`;

export function matchOpenReviewUrl(url: URL): UrlMatch | null {
  if (url.hostname !== 'openreview.net' && url.hostname !== 'www.openreview.net') return null;
  if (!['/forum', '/pdf', '/attachment'].includes(url.pathname.replace(/\/$/, ''))) return null;
  const id = url.searchParams.get('id');
  return id && FORUM_ID.test(id) ? { keys: [openreviewKey(id)] } : null;
}
