import { isObject } from '@/utils/core/guards';
import { hostOfPattern, originPattern } from '@/utils/core/url';

/**
 * Which remote sources the user turned on. Everything is off by default:
 * with the defaults, nothing leaves the browser. Kept in storage.local (not
 * sync): a host permission granted in one browser is not granted in another.
 */
export const LIVE_SOURCE_IDS = [
  'shortscience',
  'openreview',
  'semanticscholar',
  'huggingface',
] as const;
export type LiveSourceId = (typeof LIVE_SOURCE_IDS)[number];

export interface SourceSettings {
  enabled: Record<LiveSourceId, boolean>;
  /** Remote indexes, as normalized folder URLs ending in "/". */
  remoteIndexes: string[];
}

export const SETTINGS_KEY = 'sources';
export const MAX_REMOTE_INDEXES = 10;

export const defaultSettings = (): SourceSettings => ({
  enabled: { shortscience: false, openreview: false, semanticscholar: false, huggingface: false },
  remoteIndexes: [],
});

/** Settings from storage, whatever is there: anything odd falls back to "off". */
export function parseSettings(raw: unknown): SourceSettings {
  const settings = defaultSettings();
  if (!isObject(raw)) return settings;
  if (isObject(raw.enabled)) {
    for (const id of LIVE_SOURCE_IDS) settings.enabled[id] = raw.enabled[id] === true;
  }
  if (Array.isArray(raw.remoteIndexes)) {
    for (const url of raw.remoteIndexes) {
      if (typeof url !== 'string') continue;
      try {
        const normalized = normalizeIndexUrl(url);
        if (!settings.remoteIndexes.includes(normalized)) settings.remoteIndexes.push(normalized);
      } catch {
        // A stored URL that is no longer acceptable is dropped, not fatal.
      }
    }
    settings.remoteIndexes.length = Math.min(settings.remoteIndexes.length, MAX_REMOTE_INDEXES);
  }
  return settings;
}

export class SettingsError extends Error {
  override name = 'SettingsError';
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The folder of a remote index from what the user typed: the folder itself or
 * its manifest.json. HTTPS only, except on this computer (a local
 * `npm run serve:index`), since an index seen over plain HTTP could be altered
 * on the way, manifest and checksums alike.
 */
export function normalizeIndexUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new SettingsError('That is not a web address (it should start with https://).');
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new SettingsError(
      'A remote index must be served over https:// (http:// only for localhost).',
    );
  }
  if (url.username || url.password) {
    throw new SettingsError('Leave user names and passwords out of the address.');
  }
  url.hash = '';
  url.search = '';
  url.pathname = url.pathname.replace(/manifest\.json$/, '');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

// Where the views need them too (they may not import a service): utils/core/url.ts.
export { hostOfPattern, originPattern };

/** The hosts a source's patterns name, for people: "a.org, b.org". */
export const hostsOf = (patterns: readonly string[]): string =>
  patterns.map(hostOfPattern).join(', ');
