import {
  sha256Hex,
  shardIdFor,
  type Manifest,
  type PaperEntry,
  type Shard,
  type ShardEntry,
} from './format';
import { IndexFormatError, readPaperEntry, validateManifest, validateShard } from './validate';
import { isObject } from '@/utils/core/guards';
import { isCanonicalKey } from '@/utils/core/paper-ref';

const encoder = new TextEncoder();

/** Where an index's files come from: the extension package, a remote host, a test folder. */
export type ReadIndexFile = (path: string) => Promise<string>;

export interface IndexReaderOptions {
  /** Check each shard against the manifest's SHA-256 (on by default). */
  verify?: boolean;
  /** Parsed shards kept in memory; a waking worker re-reads only what it needs. */
  maxCachedShards?: number;
}

/**
 * How much of an index one look-up may read (docs/limits.md): a page's keys
 * and their references touch a handful of shards; a hostile index whose
 * entries refer to every other shard is stopped here.
 */
export const MAX_SHARDS_PER_LOOKUP = 8;
/** References followed from one key (a title several papers share). */
export const MAX_REFERENCES_PER_KEY = 8;

/**
 * One look-up's reading: the shards it read (beyond the bound, nothing more
 * is read) and the reasons for records it found unusable as a whole.
 */
export class ReadSession {
  private readonly read = new Set<string>();
  /** True once the look-up wanted a shard past the bound. */
  exhausted = false;
  /** Entries refused whole (no paper title, no valid key …): one reason per summary in them. */
  readonly dropped: string[] = [];
  /** Keys whose refused entry is already counted. */
  readonly counted = new Set<string>();

  constructor(readonly maxShards = MAX_SHARDS_PER_LOOKUP) {}

  /** Whether shard `id` may be read (one already read costs nothing more). */
  take(id: string): boolean {
    if (this.read.has(id)) return true;
    if (this.read.size >= this.maxShards) {
      this.exhausted = true;
      return false;
    }
    this.read.add(id);
    return true;
  }
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
    if (this.verify) {
      // The size first: a shard larger than declared is refused before it is hashed.
      const bytes = encoder.encode(text);
      if (bytes.length !== info.bytes) {
        throw new IndexFormatError(
          `Index shard ${info.file} is ${bytes.length.toLocaleString('en')} bytes, not the ${info.bytes.toLocaleString('en')} its manifest declares; it was not used.`,
        );
      }
      if ((await sha256Hex(bytes)) !== info.sha256) {
        throw new IndexFormatError(
          `Index shard ${info.file} does not match its checksum; it was changed or cut short.`,
        );
      }
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

  /**
   * What is stored under a key, read through the schema: the paper entry
   * (with the reasons any of its summaries were dropped; an entry refused
   * whole is counted in the session) and references to other keys.
   * Undefined when nothing is, or when the session's bound does not allow
   * reading the key's shard.
   */
  async node(key: string, session = new ReadSession()): Promise<ShardEntry | undefined> {
    if (!isCanonicalKey(key)) return undefined;
    const manifest = await this.manifest();
    const id = shardIdFor(key, manifest.shardPrefixLength);
    if (!manifest.shards[id] || !session.take(id)) return undefined;
    const shard = await this.shard(id);
    const node = shard && Object.hasOwn(shard.entries, key) ? shard.entries[key] : undefined;
    if (!isObject(node)) return undefined;
    const read = node.entry === undefined ? undefined : readPaperEntry(node.entry);
    const entry = read?.entry && { ...read.entry, dropped: read.dropped };
    if (read && !read.entry && !session.counted.has(key)) {
      session.counted.add(key);
      session.dropped.push(...read.dropped);
    }
    const see = Array.isArray(node.see)
      ? node.see.filter(isCanonicalKey).slice(0, MAX_REFERENCES_PER_KEY)
      : undefined;
    return { ...(entry ? { entry } : {}), ...(see ? { see } : {}) };
  }

  /**
   * Papers stored under a key, following references one step (aliases,
   * titles), within the session's bound on shard reads.
   */
  async papers(key: string, session = new ReadSession()): Promise<PaperEntry[]> {
    const node = await this.node(key, session);
    if (!node) return [];
    const found = node.entry ? [node.entry] : [];
    for (const ref of node.see ?? []) {
      const target = await this.node(ref, session);
      if (target?.entry) found.push(target.entry);
    }
    return found;
  }
}
