// Encrypts secrets (exchange API keys, the Discord webhook) before they reach the store.
// In Electron the OS keychain does it (safeStorage: Keychain, DPAPI, libsecret). In web mode no
// keychain is reachable without a native add-on, so an AES-256-GCM key lives in a file of its
// own in the app's data folder, readable by the user only (0600). Then the database alone (a
// backup, a copy sent along with a bug report) reveals no secret; someone who can read the user's
// files can still read both, which is the limit of any scheme without a keychain.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SecretBox {
  readonly kind: 'electron-safe-storage' | 'aes-256-gcm-key-file';
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The data folder's key file, created (0600) on first use. */
function loadKey(file: string): Buffer {
  try {
    const key = readFileSync(file);
    if (key.length !== 32) throw new Error(`${file} is not a 32-byte key: move it away to start over (the stored secrets are then lost)`);
    // Someone widened it: narrow it again rather than keep a readable key.
    if ((statSync(file).mode & 0o077) !== 0 && process.platform !== 'win32') chmodSync(file, 0o600);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const key = randomBytes(32);
    writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  }
}

export function keyFileSecretBox(dataDir: string): SecretBox {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.key');
  let key: Buffer | null = null;
  const theKey = (): Buffer => (key ??= loadKey(file));
  return {
    kind: 'aes-256-gcm-key-file',
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', theKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      if (sealed[0] !== VERSION) throw new Error('a secret sealed by another version or method');
      const iv = sealed.subarray(1, 1 + IV_BYTES);
      const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', theKey(), iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}
