import { browser } from '@/utils/platform/browser';
import type { PaperRef } from '@/utils/core/paper-ref';
import { errorMessage } from '@/utils/core/guards';
import { library } from '@/utils/db/open';
import { idbRemoteCache, type RemoteCache } from '@/utils/db/remote-cache';
import { cachedRemoteIndex, type RemoteIndex } from './remote-index';
import { lookupSummaries } from '@/utils/index-format/lookup';
import type { SourceOffer, SourcePlan } from '@/utils/core/tab-state';
import {
  hostsOf,
  originPattern,
  SETTINGS_KEY,
  parseSettings,
  type LiveSourceId,
  type SourceSettings,
} from './settings';
import { enableSource, loadSettings } from './settings-store';
import { releaseSource } from './permissions';
import type { SourceRef } from './types';
import { askLiveSource, type SourceAnswer } from './ask-source';
import { LIVE_SOURCES, liveSource, SOURCE_DESCRIPTIONS } from './catalog';
import { FEED_CACHE_KEY, feedSummariesFor, readFeedCopy } from './shortscience-feed';
import { syncFeedAndRecord } from './sync-feed';
import { feedStatus, indexStatuses, saveIndexStatus, storageBackoff } from './status-store';
import type { Summary } from '@/utils/core/summary';

const INDEX_PREFIX = 'index:';
const LIVE_CACHE_FILES = 5000;

/**
 * The live sources' answers kept in the library database (arXiv's titles
 * for tabs too): one bound for all of them, so none evicts by a count of its own.
 */
export async function liveSourceCache(): Promise<RemoteCache> {
  return idbRemoteCache(await library(), LIVE_CACHE_FILES, 'live|');
}

/**
 * The worker's side of remote sources. Nothing here touches the network
 * unless the user turned the source on in the options *and* the browser
 * holds its host permission; both are checked on every request.
 */
export function remoteSources() {
  let settings: Promise<SourceSettings> = loadSettings();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[SETTINGS_KEY])
      settings = Promise.resolve(parseSettings(changes[SETTINGS_KEY].newValue));
  });
  const permitted = (origins: string[]) => browser.permissions.contains({ origins });
  const indexes = new Map<string, RemoteIndex>();
  const inFlight = new Map<string, Promise<SourceAnswer>>();
  let feed: { fetchedAt: number; summaries: Summary[] } | undefined;
  let feedSync: Promise<void> | undefined;

  async function remoteIndex(url: string): Promise<RemoteIndex> {
    let index = indexes.get(url);
    if (!index) {
      index = cachedRemoteIndex(await library(), url, {
        manifestMaxAgeMs: 10 * 60_000,
        onStatus: (status) => void saveIndexStatus(url, status),
      });
      indexes.set(url, index);
    }
    // The options page may have synced it since: start from the recorded status.
    Object.assign(index.status, (await indexStatuses())[url]);
    return index;
  }

  async function askIndex(url: string, ref: Pick<PaperRef, 'keys'>): Promise<SourceAnswer> {
    const index = await remoteIndex(url);
    const name = indexName(url, index.status.name);
    const { summaries, errors, notes } = await lookupSummaries(ref, [
      { name, reader: index.reader() },
    ]);
    const id = `${INDEX_PREFIX}${url}`;
    // Summaries the schema refused, or shards past the bound: counted, and said in the note.
    const dropped = notes.reduce((n, note) => n + note.dropped, 0);
    const said = notes.map((note) => note.message);
    const answer = (note: string[], failed: boolean): SourceAnswer => ({
      id,
      name,
      summaries,
      note: note.length ? note.join(' ') : null,
      failed,
      ...(dropped ? { dropped } : {}),
    });
    if (errors.length) return answer([errors[0]!.message, ...said], !summaries.length);
    const { offline, lastSync } = index.status;
    const synced = lastSync ? ` (last synced ${new Date(lastSync).toLocaleString()})` : '';
    return answer(
      [
        ...(offline
          ? [`${name} could not be reached; showing its copy kept in this browser${synced}.`]
          : []),
        ...said,
      ],
      false,
    );
  }

  /** The sources to ask about this paper, in the order their answers are listed. */
  async function plan(ref: SourceRef): Promise<SourcePlan[]> {
    const { enabled, remoteIndexes } = await settings;
    const planned: SourcePlan[] = [];
    const statuses = remoteIndexes.length ? await indexStatuses() : {};
    for (const url of remoteIndexes) {
      if (await permitted([originPattern(url)]))
        planned.push({ id: `${INDEX_PREFIX}${url}`, name: indexName(url, statuses[url]?.name) });
    }
    for (const source of LIVE_SOURCES) {
      const id = source.info.id as keyof typeof enabled;
      if (enabled[id] && source.requestUrls(ref).length && (await permitted(source.origins)))
        planned.push({ id, name: source.info.name });
    }
    return planned;
  }

  /**
   * The live sources that could answer for this paper but are not asked
   * (off, or on without the browser's permission), with exactly what asking
   * would send: the sidebar offers them.
   */
  async function offers(ref: SourceRef): Promise<SourceOffer[]> {
    const { enabled } = await settings;
    const offered: SourceOffer[] = [];
    for (const source of LIVE_SOURCES) {
      const id = source.info.id as LiveSourceId;
      if (!source.requestUrls(ref).length) continue;
      if (enabled[id] && (await permitted(source.origins))) continue;
      const { name, kind, what } = SOURCE_DESCRIPTIONS.find((d) => d.id === id)!;
      offered.push({ id, name, kind, what, sends: source.sendsFor(ref), origins: source.origins });
    }
    return offered;
  }

  /**
   * "Always ask": the source on, as the options page turns it on, once the
   * browser holds its permission (requested from the user's click); false
   * when it does not, and then nothing changes.
   */
  async function enable(id: LiveSourceId): Promise<boolean> {
    const source = SOURCE_DESCRIPTIONS.find((d) => d.id === id)!;
    if (!(await permitted(source.origins))) return false;
    const next = await enableSource(id);
    // Not waiting for storage.onChanged: the tab's plan is made right after.
    settings = Promise.resolve(next);
    return true;
  }

  async function answer(
    ref: SourceRef,
    id: string,
    force: boolean,
    once: boolean,
  ): Promise<SourceAnswer> {
    const { enabled, remoteIndexes } = await settings;
    const refused = (name: string): SourceAnswer => ({
      id,
      name,
      summaries: [],
      note: `${name} is turned off in the options.`,
      failed: true,
    });
    if (id.startsWith(INDEX_PREFIX)) {
      const url = id.slice(INDEX_PREFIX.length);
      if (!remoteIndexes.includes(url) || !(await permitted([originPattern(url)])))
        return refused(indexName(url, undefined));
      return askIndex(url, ref);
    }
    const source = liveSource(id);
    if (!source) return refused(id);
    // "Ask once" passes the switch, never the browser's permission.
    if (!once && !enabled[id as keyof typeof enabled]) return refused(source.info.name);
    if (!(await permitted(source.origins)))
      return {
        ...refused(source.info.name),
        note: `The browser does not let Sidenotes contact ${hostsOf(source.origins)}.`,
      };
    return askLiveSource(source, ref, {
      cache: await liveSourceCache(),
      backoff: storageBackoff,
      force,
    });
  }

  /** Sources asked once whose answers are still on their way, by source. */
  const askingOnce = new Map<string, number>();

  /** A source asked once gives its host permission back when done, unless it was turned on meanwhile. */
  async function releaseAfterOnce(id: string): Promise<void> {
    const left = (askingOnce.get(id) ?? 1) - 1;
    if (left > 0) return void askingOnce.set(id, left);
    askingOnce.delete(id);
    await releaseSource(await settings, id);
  }

  /**
   * One request per source and paper at a time: the worker's count and the
   * sidebar share it. `once`: the user's "Ask once", which asks a source
   * that is off (still only with the browser's permission) and remembers
   * nothing of it but the answer's cache.
   */
  function ask(ref: SourceRef, id: string, force = false, once = false): Promise<SourceAnswer> {
    const key = `${id}\n${once}\n${ref.keys.join('\n')}`;
    const pending = inFlight.get(key);
    if (pending && !force) return pending;
    if (once) askingOnce.set(id, (askingOnce.get(id) ?? 0) + 1);
    const promise = answer(ref, id, force, once)
      .catch((error: unknown): SourceAnswer => ({
        id,
        name: id,
        summaries: [],
        note: errorMessage(error),
        failed: true,
      }))
      // Only concurrent asks share: a later one sees the caches, and any change since.
      .finally(() => {
        inFlight.delete(key);
        if (once)
          void releaseAfterOnce(id).catch((e: unknown) => console.warn('Sidenotes: release', e));
      });
    inFlight.set(key, promise);
    return promise;
  }

  /** Every summary of the kept ShortScience feed (no request); none when it is off. */
  async function feedCopy(): Promise<Summary[]> {
    const { enabled } = await settings;
    if (!enabled.shortscience) return [];
    // The copy (megabytes, in IndexedDB) is re-read only when a sync changed it.
    const { lastSync } = await feedStatus();
    if (!feed || feed.fetchedAt !== lastSync) {
      const cached = await (await library()).get('remote', FEED_CACHE_KEY);
      if (!cached) return [];
      feed = { fetchedAt: cached.fetchedAt, summaries: readFeedCopy(cached.text) };
    }
    return feed.summaries;
  }

  /** The ShortScience feed's summaries of a paper, from the local copy (no request). */
  async function feedSummaries(ref: Pick<PaperRef, 'keys'>): Promise<Summary[]> {
    return feedSummariesFor(await feedCopy(), ref);
  }

  /**
   * The remote indexes the sidebar would ask (turned on and permitted) that
   * were downloaded whole for offline use, as their copies kept in this
   * browser: summaries from kept files only, never a request. PDF tab titles
   * read these as a last resort.
   */
  async function keptIndexes() {
    const { remoteIndexes } = await settings;
    const statuses = remoteIndexes.length ? await indexStatuses() : {};
    const kept = [];
    for (const url of remoteIndexes) {
      if (!(await permitted([originPattern(url)]))) continue;
      const index = await remoteIndex(url);
      if (!(await index.keptWhole())) continue;
      const name = indexName(url, statuses[url]?.name);
      kept.push({
        name,
        summaries: async (key: string) =>
          (await lookupSummaries({ keys: [key] }, [{ name, reader: index.cachedReader() }]))
            .summaries,
      });
    }
    return kept;
  }

  /** Brings the feed up to date when it is on and a day old; never more than one at a time. */
  async function syncFeedIfDue(): Promise<void> {
    const { enabled } = await settings;
    const origins = SOURCE_DESCRIPTIONS.find((s) => s.id === 'shortscience')!.origins;
    if (!enabled.shortscience || feedSync || !(await permitted(origins))) return;
    // A feed that failed is tried again after an hour, not on every page.
    const last = await feedStatus();
    if (last.message && last.lastAttempt && Date.now() - last.lastAttempt < 3600_000) return;
    feedSync = syncFeedAndRecord(false)
      .then(() => undefined)
      .finally(() => {
        feedSync = undefined;
      });
    return feedSync;
  }

  return { plan, offers, enable, ask, feedSummaries, feedCopy, keptIndexes, syncFeedIfDue };
}

/** What the sidebar calls a remote index: its manifest's name, else its host. */
export function indexName(url: string, name: string | undefined): string {
  return name ? `${name} (${new URL(url).host})` : `Index at ${new URL(url).host}`;
}
