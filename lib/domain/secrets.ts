// Secrets: how they are made, how they are stored (hashed), how they are checked.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcrypt';
import { TooManyRequestsError } from './errors';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomBase62(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += BASE62[randomInt(62)];
  return s;
}

function base62(n: number, width: number): string {
  let s = '';
  while (n > 0) {
    s = BASE62[n % 62] + s;
    n = Math.floor(n / 62);
  }
  return s.padStart(width, '0');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(text: string): number {
  let c = 0xffffffff;
  for (const byte of Buffer.from(text)) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A personal access token in NetBird's format: `nbp_` + 30 random base62 characters + a 6-character
 * base62 CRC32 of them (≈178 bits of randomness). The checksum lets us reject typos without a
 * database lookup, and lets secret scanners recognise the token.
 */
export function newAccessToken(prefix = 'nbp_'): string {
  const secret = randomBase62(30);
  return prefix + secret + base62(crc32(secret), 6);
}

export function accessTokenLooksValid(token: string): boolean {
  const m = /^([a-z]{2,8}_)([0-9A-Za-z]{30})([0-9A-Za-z]{6})$/.exec(token);
  return !!m && base62(crc32(m[2]), 6) === m[3];
}

/** High-entropy secrets (tokens, setup keys) are stored as SHA-256; a slow hash would add nothing. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const BCRYPT_COST = 11;

/**
 * bcrypt runs in native code on libuv's thread pool, never on the event loop. Checks are still CPU:
 * at most PASSWORD_CHECKS_RUNNING run at once (one core stays free for everyone else on a 2-core
 * machine) and PASSWORD_CHECKS_WAITING wait; a check beyond that is refused at once with 429, so a
 * flood of sign-ins costs its senders, not the other users of the server.
 */
export const PASSWORD_CHECKS_RUNNING = Math.max(1, Number(process.env.MESHDECK_PASSWORD_CHECKS || 1));
export const PASSWORD_CHECKS_WAITING = 16;

interface Gate {
  running: number;
  waiting: (() => void)[];
}
// Process-wide: Next.js bundles route handlers separately, and each bundle has its own module state.
const holder = globalThis as unknown as { __meshdeckPasswordGate?: Gate };
const gate: Gate = (holder.__meshdeckPasswordGate ??= { running: 0, waiting: [] });

/**
 * Runs `work` holding a password-check slot; `work` gets the bcrypt comparison to call. Taking the
 * slot first lets a caller refused for being busy leave no trace (no attempt counted).
 */
export async function withPasswordCheck<T>(work: (verify: (password: string, hash: string) => Promise<boolean>) => Promise<T>): Promise<T> {
  if (gate.running >= PASSWORD_CHECKS_RUNNING) {
    if (gate.waiting.length >= PASSWORD_CHECKS_WAITING) throw new TooManyRequestsError('too many sign-ins at once; try again shortly', 1);
    await new Promise<void>((resolve) => gate.waiting.push(resolve));
  } else {
    gate.running++;
  }
  try {
    return await work((password, hash) => bcrypt.compare(password, hash));
  } finally {
    // Hand the slot straight to the next waiter, or free it.
    const next = gate.waiting.shift();
    if (next) next();
    else gate.running--;
  }
}

/** Passwords are low-entropy, so they get bcrypt. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

/** Every password check of the server goes through here (and its gate). */
export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return withPasswordCheck((verify) => verify(password, hash));
}

/** A password people can still type: 24 base62 characters (≈143 bits). */
export function generatePassword(): string {
  return randomBase62(24);
}

export const MIN_PASSWORD_LENGTH = 10;
