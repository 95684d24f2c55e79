// The server key: 32 random bytes, one per installation, kept in the database with the other
// installation secrets (lib/domain/accounts/installation.ts) so that every server process shares it.
// It encrypts secrets kept in the database (the Ziti CA's private key, TOTP secrets) with
// AES-256-GCM and derives Ziti API session tokens.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { installationSecrets } from '../accounts/installation';

/** The installation's key, loaded at start-up (lib/server/startup.ts) before requests are served. */
export function serverKey(): Buffer {
  const loaded = installationSecrets();
  // No fallback to a key of this process's own: a value sealed with it would fail on every other server.
  if (!loaded) throw new Error('the server key is not loaded: loadInstallationSecrets() runs at start-up');
  return loaded.serverKey;
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
