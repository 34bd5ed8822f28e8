import { MAX_QUERY_CHARS } from './query';

/** The search page (the popup's page, in a tab) opened on a query. */
export function searchPagePath(query: string): `/popup.html?q=${string}` {
  const text = query.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_CHARS);
  return `/popup.html?q=${encodeURIComponent(text)}`;
}
