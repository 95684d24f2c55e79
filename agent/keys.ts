// WireGuard keys are X25519 keys, exchanged as the base64 of their raw 32 bytes. node:crypto makes
// and reads them as JWK (base64url of the raw bytes), so no `wg genkey` is needed.
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';

const fromUrl = (b64url: string) => Buffer.from(b64url, 'base64url').toString('base64');

export interface KeyPair {
  privateKey: string;
  publicKey: string;
}

export function newKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return { privateKey: fromUrl(privateKey.export({ format: 'jwk' }).d!), publicKey: fromUrl(publicKey.export({ format: 'jwk' }).x!) };
}

/** PKCS#8 DER header of an X25519 private key; the raw 32 bytes follow it. */
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** The public key of a stored private key (as `wg pubkey` computes it). */
export function publicKeyOf(privateKey: string): string {
  const raw = Buffer.from(privateKey, 'base64');
  if (raw.length !== 32) throw new Error('private key must be the base64 of 32 bytes');
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_X25519, raw]), format: 'der', type: 'pkcs8' });
  return fromUrl(createPublicKey(key).export({ format: 'jwk' }).x!);
}
