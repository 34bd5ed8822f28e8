import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '@/utils/core/guards';
import { library } from '@/utils/db/open';
import { indexUrlFromPageUrl } from '@/utils/index-format/index-page';
import { NetError } from '@/utils/net/fetch-bounded';
import {
  cachedRemoteIndex,
  type RemoteIndex,
  type RemoteStatus,
} from '@/utils/sources/remote-index';
import { MAX_REMOTE_INDEXES, normalizeIndexUrl } from '@/utils/sources/settings';
import { saveIndexStatus } from '@/utils/sources/status-store';

/** The options page's handle on a remote index: checks and syncs record their status. */
async function openIndex(url: string, status?: RemoteStatus): Promise<RemoteIndex> {
  return cachedRemoteIndex(await library(), url, {
    manifestMaxAgeMs: 0,
    ...(status ? { status } : {}),
    onStatus: (s) => void saveIndexStatus(url, s),
  });
}

/** What an index's kept files take against its budget, read from the cache itself. */
type CacheUsage = Pick<RemoteStatus, 'cachedBytes' | 'cacheBudgetBytes'>;

/**
 * "Download all for offline use": every shard and the search file, with
 * progress; and what the index's kept files take, read when the row shows
 * and after each download.
 */
export function useIndexSync(url: string, status: RemoteStatus | undefined) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [usage, setUsage] = useState<CacheUsage | null>(null);
  const readUsage = () =>
    openIndex(url, status)
      .then((index) => index.cacheUsage())
      .then(setUsage, (e: unknown) => console.warn('Sidenotes: cache use unknown', e));
  useEffect(() => void readUsage(), [url, status?.cachedBytes]);
  const sync = async () => {
    setError(null);
    setProgress({ done: 0, total: status?.shards ?? 0 });
    try {
      const index = await openIndex(url, status);
      await index.syncAll((done, total) => setProgress({ done, total }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setProgress(null);
      void readUsage();
    }
  };
  return { progress, error, sync, usage };
}

export interface AddIndexOptions {
  existing: readonly string[];
  onAdd: (url: string) => Promise<void>;
  permissionFor: (url: string) => Promise<boolean>;
  /** The index was not added: give back a permission granted for it. */
  onGiveUp: (url: string) => Promise<void>;
}

/**
 * Adding an index: the address (the folder's, its index.html page's or its
 * manifest.json's) is checked, the host permission asked for, and the
 * manifest fetched and validated before it is kept.
 */
export function useAddIndex({ existing, onAdd, permissionFor, onGiveUp }: AddIndexOptions) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** True when the index was added. */
  const add = async (value: string): Promise<boolean> => {
    setError(null);
    let url: string;
    try {
      url = normalizeIndexUrl(indexUrlFromPageUrl(value));
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
    if (existing.includes(url)) {
      setError('That index is already in the list.');
      return false;
    }
    if (existing.length >= MAX_REMOTE_INDEXES) {
      setError(`At most ${MAX_REMOTE_INDEXES} remote indexes; remove one first.`);
      return false;
    }
    setBusy(true);
    try {
      if (!(await permissionFor(url))) {
        setError(`The browser did not give permission to contact ${new URL(url).host}.`);
        return false;
      }
      await (await openIndex(url)).manifestText();
      await onAdd(url);
      return true;
    } catch (err) {
      setError(
        err instanceof NetError && err.code === 'not-found'
          ? `Not added: there is no Sidenotes index at ${url} (no manifest.json there).`
          : `Not added: ${errorMessage(err)}`,
      );
      await saveIndexStatus(url, null);
      await onGiveUp(url);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, add };
}
