import { isObject } from '@/utils/core/guards';
import { originPattern } from '@/utils/core/url';
import { browser } from '@/utils/platform/browser';
import type { Scripting } from 'webextension-polyfill';

/**
 * Papers beyond the paper sites (issue 23): where the user lets Sidenotes
 * recognise them. The manifest's paper sites always get the detection
 * script; elsewhere the probe (entrypoints/probe) runs only where the user
 * chose: a host ("Always on <host>", from the popup) or every site (the
 * options), each with its host permission. The probe's registrations are
 * derived from the choice *and* the browser's grants, again at every worker
 * start and whenever either changes, so a permission taken back in the
 * browser's own UI takes the script with it, and a host granted for a
 * remote source is not thereby watched.
 */
export const RECOGNISE_KEY = 'recognise';
/** The all-sites permission: papers are served over https; plain http would widen the prompt for little. */
export const EVERY_SITE = ['https://*/*'];

export interface RecogniseSettings {
  /** Origin patterns (`https://dl.acm.org/*`) the user chose "Always on" for. */
  hosts: string[];
  /** "Recognise papers on every site". */
  everySite: boolean;
}

const HOST_PATTERN = /^https:\/\/[a-z0-9.-]+\/\*$/;

export function parseRecognise(raw: unknown): RecogniseSettings {
  if (!isObject(raw)) return { hosts: [], everySite: false };
  const hosts = Array.isArray(raw.hosts)
    ? raw.hosts.filter((h): h is string => typeof h === 'string' && HOST_PATTERN.test(h))
    : [];
  return { hosts: [...new Set(hosts)].slice(0, 500), everySite: raw.everySite === true };
}

export async function loadRecognise(): Promise<RecogniseSettings> {
  return parseRecognise((await browser.storage.local.get(RECOGNISE_KEY))[RECOGNISE_KEY]);
}

export async function saveRecognise(settings: RecogniseSettings): Promise<void> {
  await browser.storage.local.set({ [RECOGNISE_KEY]: settings });
}

/** The "Always on" pattern for a page (`https://dl.acm.org/*`); null where none is offered (not https). */
export function hostPatternOf(url: string): string | null {
  try {
    const pattern = originPattern(url);
    return pattern.startsWith('https://') && HOST_PATTERN.test(pattern) ? pattern : null;
  } catch {
    return null;
  }
}

/** Whether `url` is in a WebExtension match pattern (`https://*.x.org/papers/*`). */
export function inPattern(pattern: string, url: string): boolean {
  if (pattern === '<all_urls>') return /^(?:https?|file|ftp):/.test(url);
  const m = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (!m) return false;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const protocol = u.protocol.slice(0, -1);
  if (scheme === '*' ? !['http', 'https'].includes(protocol) : scheme !== protocol) return false;
  const hostOk =
    host === '*' ||
    u.hostname === host ||
    (host.startsWith('*.') && (u.hostname === host.slice(2) || u.hostname.endsWith(host.slice(1))));
  if (!hostOk) return false;
  const glob = new RegExp(
    `^${path
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return glob.test(u.pathname + u.search);
}

/** Where the manifest's content scripts run (paper and listing sites): watched already. */
export function watchedPatterns(): string[] {
  const scripts = browser.runtime.getManifest().content_scripts ?? [];
  return [...new Set(scripts.flatMap((s) => s.matches ?? []))];
}

export const isWatched = (url: string, watched: readonly string[]): boolean =>
  watched.some((pattern) => inPattern(pattern, url));

export const PROBE_IDS = { hosts: 'sidenotes-probe-hosts', everySite: 'sidenotes-probe-all' };
const PROBE_FILE = '/probe.js';

/**
 * The probe's registrations for a choice, given what the browser granted:
 * every site (minus the paper sites, which have the detection script
 * already) or the chosen hosts, never more than is both chosen and granted.
 */
export async function probeRegistrations(
  settings: RecogniseSettings,
  granted: (origins: string[]) => Promise<boolean>,
  watched: readonly string[],
): Promise<Scripting.RegisteredContentScript[]> {
  const common = {
    js: [PROBE_FILE],
    excludeMatches: [...watched],
    runAt: 'document_end' as const,
    persistAcrossSessions: true,
  };
  if (settings.everySite && (await granted(EVERY_SITE)))
    return [{ id: PROBE_IDS.everySite, matches: [...EVERY_SITE], ...common }];
  const hosts: string[] = [];
  for (const host of settings.hosts) if (await granted([host])) hosts.push(host);
  return hosts.length ? [{ id: PROBE_IDS.hosts, matches: hosts, ...common }] : [];
}

let syncing: Promise<void> = Promise.resolve();

/**
 * Makes the probe's registrations what the choice and the grants say
 * (replacing whatever was registered): at worker start, and on every change
 * of either. Serialized, so that two changes in a row cannot interleave.
 */
export function syncProbes(): Promise<void> {
  const run = async () => {
    const wanted = await probeRegistrations(
      await loadRecognise(),
      (origins) => browser.permissions.contains({ origins }),
      watchedPatterns(),
    );
    const ours = Object.values(PROBE_IDS);
    const registered = (await browser.scripting.getRegisteredContentScripts()).filter((s) =>
      ours.includes(s.id),
    );
    if (JSON.stringify(sortedForCompare(registered)) === JSON.stringify(sortedForCompare(wanted)))
      return;
    if (registered.length)
      await browser.scripting.unregisterContentScripts({ ids: registered.map((s) => s.id) });
    if (wanted.length) await browser.scripting.registerContentScripts(wanted);
  };
  syncing = syncing.then(run, run);
  return syncing;
}

/** What decides a registration, in a stable form (browsers add defaults of their own). */
const sortedForCompare = (scripts: Scripting.RegisteredContentScript[]) =>
  scripts
    .map((s) => ({
      id: s.id,
      matches: [...(s.matches ?? [])].sort(),
      excludeMatches: [...(s.excludeMatches ?? [])].sort(),
      js: (s.js ?? []).map((f) => f.replace(/^\//, '')),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));

/**
 * After the user took a permission back in the browser's UI, the choice
 * that needed it is dropped too, so the popup and options show it off (and
 * a later grant for a remote source does not bring the probe back).
 */
export async function forgetRevoked(): Promise<void> {
  const settings = await loadRecognise();
  const hosts: string[] = [];
  for (const host of settings.hosts)
    if (await browser.permissions.contains({ origins: [host] })) hosts.push(host);
  const everySite =
    settings.everySite && (await browser.permissions.contains({ origins: EVERY_SITE }));
  if (hosts.length !== settings.hosts.length || everySite !== settings.everySite)
    await saveRecognise({ hosts, everySite });
}

/**
 * The popup opened on a tab (the toolbar click lent it: activeTab): runs the
 * probe there once, unless the manifest's script watches the page or its
 * paper is known already. A paper state left from the page the tab showed
 * before (no script on this one said otherwise) is dropped first.
 */
export async function recogniseTab(
  tabId: number,
  tabPaperUrl: (tabId: number) => Promise<string | undefined>,
  forget: (tabId: number) => Promise<void>,
): Promise<boolean> {
  const tab = await browser.tabs.get(tabId);
  // No URL: the extension may not read this tab (no click lent it, no host granted).
  if (!tab.url || !/^https?:/.test(tab.url) || isWatched(tab.url, watchedPatterns())) return false;
  const known = await tabPaperUrl(tabId);
  if (known !== undefined) {
    if (withoutHash(known) === withoutHash(tab.url)) return false;
    await forget(tabId);
  }
  await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [PROBE_FILE] });
  return true;
}

const withoutHash = (url: string) => url.replace(/#.*$/, '');

/**
 * Runs the detection script in the document whose probe found metadata
 * (its own document, by id where the browser names it: never the next page
 * the tab moved to), once per document.
 */
export async function runDetection(tabId: number, documentId?: string): Promise<void> {
  const target = documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [0] };
  const [first] = await browser.scripting.executeScript({
    target,
    // The content scripts' own world: the page cannot set or see this mark.
    func: () => {
      const w = window as unknown as { sidenotesDetecting?: boolean };
      const before = w.sidenotesDetecting === true;
      w.sidenotesDetecting = true;
      return before;
    },
  });
  if (first?.result === true) return;
  await browser.scripting.executeScript({ target, files: ['/paper.js'] });
}
