import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';

/**
 * A small zip reader for tests, written from PKWARE's APPNOTE (end record →
 * central directory → local headers), independent of the writer under test:
 * stored and deflated entries, each checked against its CRC-32 (Node's own).
 * No zip64, no encryption: a zip that needs them is refused.
 */
export interface UnzippedFile {
  path: string;
  data: Buffer;
}

const END_RECORD = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

export function readZip(zip: Buffer): UnzippedFile[] {
  // The end record is the last 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_RECORD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error('Not a zip file: no end of central directory record.');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files: UnzippedFile[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`Bad central header ${i}.`);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localAt = zip.readUInt32LE(at + 42);
    const path = zip.toString(flags & 0x0800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    if (flags & 1) throw new Error(`${path} is encrypted.`);
    if (zip.readUInt32LE(localAt) !== LOCAL_HEADER) throw new Error(`Bad local header: ${path}`);
    const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    const raw = zip.subarray(dataAt, dataAt + compressedSize);
    const data = method === 0 ? Buffer.from(raw) : method === 8 ? inflateRawSync(raw) : undefined;
    if (!data) throw new Error(`${path}: compression method ${method} is not supported.`);
    if (data.length !== size) throw new Error(`${path}: ${data.length} bytes, expected ${size}.`);
    if (crc32(data) !== crc) throw new Error(`${path}: CRC-32 does not match.`);
    if (!path.endsWith('/')) files.push({ path, data });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** Writes a zip's files under `dir`, refusing any path that would land outside it. */
export function unzipTo(zip: Buffer, dir: string): string[] {
  const root = resolve(dir);
  return readZip(zip).map(({ path, data }) => {
    const file = resolve(join(root, path));
    if (!file.startsWith(root + sep)) throw new Error(`Unsafe path in zip: ${path}`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
    return path;
  });
}
