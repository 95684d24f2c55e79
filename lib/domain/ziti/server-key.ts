// The server key: 32 random bytes in `<data dir>/server.key` (mode 0600), created on first use.
// It encrypts secrets kept in the database (the Ziti CA's private key, TOTP secrets) with
// AES-256-GCM, so a copy of the database alone does not reveal them.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../../db/config';

const cache = globalThis as unknown as { __meshdeckServerKey?: Map<string, Buffer> };

export function serverKey(dir = dataDir()): Buffer {
  cache.__meshdeckServerKey ??= new Map();
  const hit = cache.__meshdeckServerKey.get(dir);
  if (hit) return hit;
  const file = join(/*turbopackIgnore: true*/ dir, 'server.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    // 'wx' fails when another process created it first; then we read theirs.
    try {
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} must hold 32 base64-encoded bytes`);
  cache.__meshdeckServerKey.set(dir, key);
  return key;
}

/** `v1.<iv>.<tag>.<ciphertext>` (base64url parts). */
export function seal(plain: string | Buffer, key = serverKey()): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return ['v1', iv, c.getAuthTag(), ct].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function unseal(sealed: string, key = serverKey()): Buffer {
  const [v, iv, tag, ct] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('not a sealed secret');
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]);
}
