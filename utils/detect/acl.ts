import type { UrlMatch } from '@/utils/core/paper-ref';

/*
 * ACL Anthology ids: old style `P19-1001` (letter, year, volume+paper), new
 * style `2021.naacl-main.208` (year.venue-volume.paper). A volume id such as
 * `2021.naacl-main` or `P19-1` is not a paper.
 *
 * Tested on:
 *   https://aclanthology.org/2021.naacl-main.208/ → acl:2021.naacl-main.208
 *   https://aclanthology.org/2021.naacl-main.208.pdf → acl:2021.naacl-main.208
 *   https://aclanthology.org/A00-1031/ → acl:A00-1031
 *   https://aclanthology.org/P19-1001.pdf → acl:P19-1001
 *   https://www.aclweb.org/anthology/P19-1001/ → acl:P19-1001
 *   https://aclweb.org/anthology/P19-1001/ → acl:P19-1001
 *   https://www.aclweb.org/anthology/P/P16/P16-1145.pdf → acl:P16-1145
 *   https://aclweb.org/anthology/N/N16/N16-1056.pdf → acl:N16-1056
 *   https://aclanthology.org/2021.naacl-main/ → none
 *   https://aclanthology.org/events/acl-2021/ → none
 */
const OLD = /^([A-Z])(\d{2})-(\d{4})$/;
const NEW = /^(\d{4})\.([a-z0-9]+(?:-[a-z0-9]+)*)\.(\d+)$/i;

/** The `acl:` key for an Anthology id, or null if it is not a paper id. */
export function aclKeyFromId(raw: string): string | null {
  const id = raw
    .trim()
    .replace(/\/+$/, '')
    .replace(/\.pdf$/i, '');
  const old = OLD.exec(id.toUpperCase());
  if (old) return `acl:${id.toUpperCase()}`;
  if (NEW.test(id)) return `acl:${id.toLowerCase()}`;
  return null;
}

const HOSTS: Record<string, RegExp> = {
  'aclanthology.org': /^\/([^/]+)\/?$/,
  'www.aclanthology.org': /^\/([^/]+)\/?$/,
  // Its oldest links also file papers by letter and volume: `/anthology/P/P16/P16-1145.pdf`.
  'aclweb.org': /^\/anthology\/(?:[A-Z]\/[A-Z]\d{2}\/)?([^/]+)\/?$/,
  'www.aclweb.org': /^\/anthology\/(?:[A-Z]\/[A-Z]\d{2}\/)?([^/]+)\/?$/,
};

/** Detects an ACL Anthology paper from its page or PDF URL. */
export function matchAclUrl(url: URL): UrlMatch | null {
  const pattern = Object.hasOwn(HOSTS, url.hostname) ? HOSTS[url.hostname] : undefined;
  const m = pattern?.exec(url.pathname);
  const key = m?.[1] ? aclKeyFromId(m[1]) : null;
  return key ? { keys: [key] } : null;
}
