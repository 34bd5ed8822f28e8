import {
  sha256Hex,
  shardIdFor,
  type Manifest,
  type PaperEntry,
  type Shard,
  type ShardEntry,
} from './format';
import { IndexFormatError, validateManifest, validateShard } from './validate';
import { isObject } from '@/utils/core/guards';

/** Where an index's files come from: the extension package, a remote host, a test folder. */
export type ReadIndexFile = (path: string) => Promise<string>;

export interface IndexReaderOptions {
  /** Check each shard against the manifest's SHA-256 (on by default). */
  verify?: boolean;
  /** Parsed shards kept in memory; a waking worker re-reads only what it needs. */
  maxCachedShards?: number;
}

/** Keeps only well-formed summaries of an entry; an index is data from elsewhere. */
function checkedEntry(raw: unknown): PaperEntry | undefined {
  if (!isObject(raw) || !isObject(raw.paper) || typeof raw.paper.title !== 'string')
    return undefined;
  if (!Array.isArray(raw.keys) || !Array.isArray(raw.summaries)) return undefined;
  const summaries = raw.summaries.filter(
    (s): s is PaperEntry['summaries'][number] =>
      isObject(s) &&
      typeof s.id === 'string' &&
      typeof s.body === 'string' &&
      isObject(s.source) &&
      typeof s.source.name === 'string' &&
      (s.source.kind === 'human' || s.source.kind === 'machine'),
  );
  const paper = raw.paper as unknown as PaperEntry['paper'];
  return {
    keys: raw.keys.filter((k): k is string => typeof k === 'string'),
    paper: {
      ...paper,
      authors: Array.isArray(paper.authors)
        ? paper.authors.filter((a) => typeof a === 'string')
        : [],
    },
    summaries,
  };
}

/** Reads an index in the Sidenotes format: the manifest once, then one shard per look-up. */
export class IndexReader {
  private manifestPromise: Promise<Manifest> | undefined;
  private readonly shards = new Map<string, Promise<Shard>>();
  private readonly verify: boolean;
  private readonly maxCachedShards: number;

  constructor(
    private readonly readFile: ReadIndexFile,
    options: IndexReaderOptions = {},
  ) {
    this.verify = options.verify ?? true;
    this.maxCachedShards = options.maxCachedShards ?? 64;
  }

  manifest(): Promise<Manifest> {
    this.manifestPromise ??= this.readFile('manifest.json')
      .then((text) => {
        try {
          return validateManifest(JSON.parse(text));
        } catch (error) {
          if (error instanceof IndexFormatError) throw error;
          throw new IndexFormatError('The index manifest is not valid JSON.');
        }
      })
      .catch((error: unknown) => {
        this.manifestPromise = undefined; // let a later look-up try again
        throw error;
      });
    return this.manifestPromise;
  }

  private async loadShard(id: string, manifest: Manifest): Promise<Shard | null> {
    const info = manifest.shards[id];
    if (!info) return null; // no key hashes to this shard
    const text = await this.readFile(info.file);
    if (this.verify && (await sha256Hex(text)) !== info.sha256) {
      throw new IndexFormatError(
        `Index shard ${info.file} does not match its checksum; it was changed or cut short.`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new IndexFormatError(`Index shard ${info.file} is not valid JSON.`);
    }
    return validateShard(parsed, info.file);
  }

  private async shard(id: string): Promise<Shard | null> {
    const cached = this.shards.get(id);
    if (cached) {
      // Re-insert: Map order is the eviction order (least recently used first).
      this.shards.delete(id);
      this.shards.set(id, cached);
      return cached;
    }
    const manifest = await this.manifest();
    if (!manifest.shards[id]) return null;
    const pending = this.loadShard(id, manifest).then(
      (s) => s ?? { format: manifest.format, entries: {} },
    );
    this.shards.set(id, pending);
    pending.catch(() => this.shards.delete(id));
    while (this.shards.size > this.maxCachedShards) {
      const oldest = this.shards.keys().next().value;
      if (oldest === undefined) break;
      this.shards.delete(oldest);
    }
    return pending;
  }

  /** The raw entry stored under a key, if any. */
  async node(key: string): Promise<ShardEntry | undefined> {
    const manifest = await this.manifest();
    const shard = await this.shard(shardIdFor(key, manifest.shardPrefixLength));
    const node = shard?.entries[key];
    if (!isObject(node)) return undefined;
    const entry = checkedEntry(node.entry);
    const see = Array.isArray(node.see)
      ? node.see.filter((k): k is string => typeof k === 'string')
      : undefined;
    return { ...(entry ? { entry } : {}), ...(see ? { see } : {}) };
  }

  /** Papers stored under a key, following references one step (aliases, titles). */
  async papers(key: string): Promise<PaperEntry[]> {
    const node = await this.node(key);
    if (!node) return [];
    const found = node.entry ? [node.entry] : [];
    for (const ref of node.see ?? []) {
      const target = await this.node(ref);
      if (target?.entry) found.push(target.entry);
    }
    return found;
  }
}
