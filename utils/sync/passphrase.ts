import { argon2id } from 'hash-wasm';
import { fromBase64 } from '@/utils/core/base64';
import type { KdfParams } from './crypto';

/**
 * The folder key from the user's passphrase: Argon2id (memory-hard, so a
 * stolen folder cannot be guessed at GPU speed) over the folder's random
 * salt. Runs in the options page, from the user's click; the worker never
 * sees the passphrase, only the 32-byte key.
 */
export async function deriveKey(passphrase: string, kdf: KdfParams): Promise<Uint8Array> {
  return argon2id({
    password: passphrase.normalize('NFC'),
    salt: fromBase64(kdf.salt),
    parallelism: kdf.parallelism,
    iterations: kdf.iterations,
    memorySize: kdf.memoryKiB,
    hashLength: 32,
    outputType: 'binary',
  });
}
