import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Personal data at rest (an appointment's first name, phone, e-mail): AES-256-GCM with a random
 * 96-bit IV per value, stored as `v1.<key id>.<iv>.<ciphertext+tag>` (base64url). The version and
 * the key id let keys rotate: a new key seals new values, the old one still opens old values
 * until they are erased. The key comes from `FS_DATA_KEY` (32 bytes in base64; every API node of a
 * PostgreSQL deployment must have the same one) or, without it, from a key file created once
 * with mode 0600 next to the SQLite file (`FS_DATA_KEY_FILE`). The database alone, its dumps and
 * its backups hold no personal data in clear.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SealedDataError extends Error {}

/** A 32-byte key and its short id (the first 8 characters of its SHA-256, base64url): which key sealed a value. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/** Reads a 32-byte key written in base64 (or base64url). */
export function parseDataKey(text: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new SealedDataError(`a data key is 32 bytes in base64 (44 characters); this one is ${key.length} bytes`);
  return key;
}

const keyId = (key: Buffer): string => createHash('sha256').update(key).digest('base64url').slice(0, 8);

/**
 * The key in `file`, created there (32 random bytes in base64, mode 0600) when there is none
 * yet. Created with `wx`: two processes starting at once both end up reading the one written.
 */
export function keyFromFile(file: string): Buffer {
  try {
    return parseDataKey(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return parseDataKey(readFileSync(file, 'utf8'));
}

/** Seals and opens values with the current key; opens values of older keys given in `previous`. */
export class Sealer {
  #keys: [DataKey, DataKey[]] | undefined;

  /**
   * @param load the current key, read on first use (so a server that never stores personal
   *   data never creates a key file).
   * @param previous keys that may still open older values (rotation).
   */
  constructor(
    private readonly load: () => Buffer,
    private readonly previous: () => Buffer[] = () => [],
  ) {}

  #loaded(): [DataKey, DataKey[]] {
    if (!this.#keys) {
      const key = this.load();
      this.#keys = [{ id: keyId(key), key }, this.previous().map((old) => ({ id: keyId(old), key: old }))];
    }
    return this.#keys;
  }

  /** The sealed form of `text`; null stays null. */
  seal(text: string): string;
  seal(text: string | null): string | null;
  seal(text: string | null): string | null {
    if (text === null) return null;
    const [{ id, key }] = this.#loaded();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${VERSION}.${id}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  /** The text of a sealed value (null stays null); throws `SealedDataError` when no key opens it or it was altered. */
  open(sealed: string | null): string | null {
    if (sealed === null) return null;
    const [version, id, iv, body] = sealed.split('.');
    if (version !== VERSION || !id || !iv || !body) throw new SealedDataError('not a sealed value');
    const [current, previous] = this.#loaded();
    const key = [current, ...previous].find((k) => k.id === id);
    if (!key) throw new SealedDataError(`no data key ${id} to open this value (FS_DATA_KEY changed?)`);
    const bytes = Buffer.from(body, 'base64url');
    if (bytes.length < TAG_BYTES) throw new SealedDataError('sealed value too short');
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedDataError('sealed value altered, or sealed with another key of the same id');
    }
  }
}

/** The sealer of a server's configuration: `FS_DATA_KEY`, or the key file (created on first use). */
export function sealerOf(config: { dataKey: string | null; dataKeyFile: string; previousDataKeys: string[] }): Sealer {
  return new Sealer(
    () => (config.dataKey ? parseDataKey(config.dataKey) : keyFromFile(config.dataKeyFile)),
    () => config.previousDataKeys.map(parseDataKey),
  );
}
