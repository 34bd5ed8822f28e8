// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '@/utils/index-format/format';
import { IndexFormatError } from '@/utils/index-format/validate';
import { fetchVerified } from '@/utils/sources/remote-files';

const BASE = 'https://lab.example/index/';
const body = new TextEncoder().encode('{"entries":{}}');
const serving =
  (bytes: Uint8Array): typeof fetch =>
  async (input) => {
    expect(String(input)).toBe(`${BASE}shards/ab.json`);
    return new Response(new TextDecoder().decode(bytes), { status: 200 });
  };

describe("a remote index's file, fetched and checked", () => {
  it('is the bytes its manifest declares, by size and SHA-256', async () => {
    const declared = { sha256: await sha256Hex(body), bytes: body.length };
    const bytes = await fetchVerified(BASE, 'shards/ab.json', declared, { fetch: serving(body) });
    expect(new TextDecoder().decode(bytes)).toBe('{"entries":{}}');
  });

  it.each([
    ['larger', new TextEncoder().encode('{"entries":{}} and more')],
    ['smaller', body.slice(0, 5)],
  ])('is refused when %s than declared, before it is hashed', async (size, served) => {
    const declared = { sha256: await sha256Hex(body), bytes: body.length };
    const answer = fetchVerified(BASE, 'shards/ab.json', declared, { fetch: serving(served) });
    await expect(answer).rejects.toThrow(IndexFormatError);
    await expect(answer).rejects.toThrow(size);
  });

  it('is refused when its checksum differs', async () => {
    const declared = { sha256: '0'.repeat(64), bytes: body.length };
    await expect(
      fetchVerified(BASE, 'shards/ab.json', declared, { fetch: serving(body) }),
    ).rejects.toThrow(/checksum/);
  });
});
