// meshdeck's ZeroTier node: one identity per installation (kept in ServerSetting), whose 10-hex-digit
// address prefixes every controller network id, and the separate token of ZeroTier's /metrics.
//
// A ZeroTier identity is `address:0:<public keys>:<private keys>` with a Curve25519 (key agreement)
// and an Ed25519 (signing) key pair. ZeroTier derives the address from the public keys with a
// memory-hard proof of work; meshdeck does not run that derivation: the address is the first 40 bits
// of SHA-512 over the public keys (never 0 and never starting with 0xff, ZeroTier's reserved values).
import { createHash, generateKeyPairSync, randomInt, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tx } from '../../db/client';

const IDENTITY_KEY = 'zerotier.identity';
const METRICS_KEY = 'zerotier.metricsToken';
export const METRICS_TOKEN_FILE = 'zerotier-metricstoken.secret';

export interface NodeIdentity {
  /** 10 hex digits. */
  address: string;
  /** `address:0:<c25519 public><ed25519 public>` (hex), ZeroTier's identity.public. */
  publicIdentity: string;
}

const cache = globalThis as unknown as { __meshdeckZtIdentity?: NodeIdentity; __meshdeckZtMetricsToken?: string };

function rawKeys(type: 'x25519' | 'ed25519'): { pub: Buffer; priv: Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync(type as 'x25519');
  const jwk = privateKey.export({ format: 'jwk' }) as { x: string; d: string };
  void publicKey;
  return { pub: Buffer.from(jwk.x, 'base64url'), priv: Buffer.from(jwk.d, 'base64url') };
}

/** A fresh secret identity string `address:0:pub:priv`. */
export function generateIdentity(): string {
  for (;;) {
    const c = rawKeys('x25519');
    const e = rawKeys('ed25519');
    const pub = Buffer.concat([c.pub, e.pub]);
    const address = createHash('sha512').update(pub).digest().subarray(0, 5).toString('hex');
    if (address === '0000000000' || address.startsWith('ff')) continue;
    return `${address}:0:${pub.toString('hex')}:${Buffer.concat([c.priv, e.priv]).toString('hex')}`;
  }
}

export function publicPart(secretIdentity: string): NodeIdentity {
  const [address, type, pub] = secretIdentity.split(':');
  return { address, publicIdentity: `${address}:${type}:${pub}` };
}

/** Reads the setting, creating it with `make()` when absent (concurrent creators agree on the first). */
async function setting(db: Tx, key: string, make: () => string): Promise<string> {
  const found = await db.serverSetting.findUnique({ where: { key } });
  if (found) return found.value;
  const row = await db.serverSetting.upsert({ where: { key }, create: { key, value: make() }, update: {} });
  return row.value;
}

/** The controller's identity (public part only; the private keys never leave the database). */
export async function nodeIdentity(db: Tx): Promise<NodeIdentity> {
  if (cache.__meshdeckZtIdentity) return cache.__meshdeckZtIdentity;
  const id = publicPart(await setting(db, IDENTITY_KEY, generateIdentity));
  cache.__meshdeckZtIdentity = id;
  return id;
}

function newMetricsToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: 24 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

export async function metricsToken(db: Tx): Promise<string> {
  if (cache.__meshdeckZtMetricsToken) return cache.__meshdeckZtMetricsToken;
  const token = await setting(db, METRICS_KEY, newMetricsToken);
  cache.__meshdeckZtMetricsToken = token;
  return token;
}

/**
 * Called at start-up: makes sure the identity and the metrics token exist, and writes the token to
 * `<data dir>/zerotier-metricstoken.secret` (mode 0600) as ZeroTier keeps its metricstoken.secret.
 */
export async function ensureZeroTierNode(db: Tx, dataDir: string): Promise<NodeIdentity> {
  const id = await nodeIdentity(db);
  const token = await metricsToken(db);
  const file = join(dataDir, METRICS_TOKEN_FILE);
  if (!existsSync(file) || readFileSync(file, 'utf8').trim() !== token) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, token + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return id;
}

/** Constant-time comparison with the installation's metrics token. */
export async function isMetricsToken(db: Tx, presented: string): Promise<boolean> {
  const expected = Buffer.from(await metricsToken(db));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
