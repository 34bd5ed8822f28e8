/**
 * A small zip writer for handing an index folder to the user as one file:
 * stored entries (no compression: shards are JSON any host gzips on the way,
 * and the zip is unpacked before upload), CRC-32, UTF-8 names. Deterministic:
 * entries sorted by path, every timestamp 1980-01-01 00:00, fixed
 * attributes, so the same files always give the same bytes.
 * Format: PKWARE APPNOTE.TXT 6.3 (local headers, central directory, end record);
 * no zip64, so at most 65,535 entries and 4 GB.
 */

export interface ZipEntry {
  /** Relative path with forward slashes, e.g. `my-index/shards/0.json`. */
  path: string;
  content: string | Uint8Array;
}

let crcTable: Uint32Array | undefined;

function table(): Uint32Array {
  if (crcTable) return crcTable;
  crcTable = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crcTable[n] = c >>> 0;
  }
  return crcTable;
}

/** CRC-32 (IEEE 802.3, as zip and gzip use) of some bytes. */
export function crc32(bytes: Uint8Array): number {
  const t = table();
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_RECORD = 0x06054b50;
/** Version 2.0, the least that readers expect for folders in paths. */
const VERSION = 20;
/** Made by "Unix" (3), so the external attributes below are a Unix mode. */
const MADE_BY = (3 << 8) | VERSION;
/** Bit 11: names are UTF-8. */
const UTF8_NAMES = 0x0800;
/** 1980-01-01 (MS-DOS date: year-1980 << 9 | month << 5 | day), 00:00:00. */
const DOS_DATE = (1 << 5) | 1;
const DOS_TIME = 0;
/** A regular file, rw-r--r--. */
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;

function checkPath(path: string) {
  if (
    !path ||
    path.startsWith('/') ||
    path.includes('\\') ||
    path.endsWith('/') ||
    path.split('/').some((part) => part === '' || part === '.' || part === '..')
  ) {
    throw new Error(`Not a relative file path for a zip: "${path}"`);
  }
}

/** One zip file holding `entries`, stored, in path order. */
export function zipStore(entries: readonly ZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const files = [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((entry, i, sorted) => {
      checkPath(entry.path);
      if (i > 0 && sorted[i - 1]!.path === entry.path) {
        throw new Error(`The zip would hold "${entry.path}" twice.`);
      }
      const data =
        typeof entry.content === 'string' ? encoder.encode(entry.content) : entry.content;
      return { name: encoder.encode(entry.path), data, crc: crc32(data) };
    });
  if (files.length > 0xffff) throw new Error('Too many files for a zip without zip64.');

  const localSize = files.reduce((n, f) => n + 30 + f.name.length + f.data.length, 0);
  const centralSize = files.reduce((n, f) => n + 46 + f.name.length, 0);
  if (localSize + centralSize + 22 > 0xffffffff) {
    throw new Error('Too large for a zip without zip64.');
  }
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (v: number) => {
    view.setUint16(at, v, true);
    at += 2;
  };
  const u32 = (v: number) => {
    view.setUint32(at, v, true);
    at += 4;
  };
  const bytes = (b: Uint8Array) => {
    out.set(b, at);
    at += b.length;
  };

  const offsets: number[] = [];
  for (const f of files) {
    offsets.push(at);
    u32(LOCAL_HEADER);
    u16(VERSION);
    u16(UTF8_NAMES);
    u16(0); // stored
    u16(DOS_TIME);
    u16(DOS_DATE);
    u32(f.crc);
    u32(f.data.length); // compressed size = size
    u32(f.data.length);
    u16(f.name.length);
    u16(0); // no extra field
    bytes(f.name);
    bytes(f.data);
  }
  const centralStart = at;
  files.forEach((f, i) => {
    u32(CENTRAL_HEADER);
    u16(MADE_BY);
    u16(VERSION);
    u16(UTF8_NAMES);
    u16(0);
    u16(DOS_TIME);
    u16(DOS_DATE);
    u32(f.crc);
    u32(f.data.length);
    u32(f.data.length);
    u16(f.name.length);
    u16(0); // extra
    u16(0); // comment
    u16(0); // disk
    u16(0); // internal attributes
    u32(FILE_ATTRIBUTES);
    u32(offsets[i]!);
    bytes(f.name);
  });
  const centralLength = at - centralStart;
  u32(END_RECORD);
  u16(0); // this disk
  u16(0); // disk with the central directory
  u16(files.length);
  u16(files.length);
  u32(centralLength);
  u32(centralStart);
  u16(0); // comment
  return out;
}
