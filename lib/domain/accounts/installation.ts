// The installation: what every server process of one meshdeck shares through the database, set up
// once on first start under the start-up lock (lib/db/lock.ts), so that servers with data folders
// of their own agree on it.
// - The installation account (it cannot be suspended or deleted; its first owner is the first
//   operator): the account the first start created, recorded in ServerSetting. Databases from before that
//   record get their oldest account recorded — the first start created it before any other.
// - The installation secrets: the server key (seals the Ziti CA key and TOTP secrets, derives Ziti
//   API session tokens) and the console session secret (used unless NEXTAUTH_SECRET is set). They
//   live in ServerSetting; an older installation's `server.key` / `session-secret` files in the
//   data folder are imported on the first start that finds them, so nothing sealed before is lost.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tx } from '../../db/client';
import { bootstrap, type BootstrapResult } from './accounts';
import type { Db } from '../../db/client';

const ACCOUNT_SETTING = 'installation.account';
const SERVER_KEY_SETTING = 'installation.serverKey';
const SESSION_SECRET_SETTING = 'installation.sessionSecret';

export interface InstallationSecrets {
  /** 32 bytes: AES-256-GCM key of seal()/unseal() and HMAC key of Ziti session tokens. */
  serverKey: Buffer;
  /** Signs console session cookies when NEXTAUTH_SECRET is unset. */
  sessionSecret: string;
}

// Process-wide: route handlers are bundled separately from the start-up code that loads them.
const holder = globalThis as unknown as { __meshdeckInstallation?: InstallationSecrets };

/** The secrets loaded at start-up, or undefined before (or outside a server process). */
export function installationSecrets(): InstallationSecrets | undefined {
  return holder.__meshdeckInstallation;
}

function fileValue(dataDir: string, name: string): string | undefined {
  const file = join(/*turbopackIgnore: true*/ dataDir, name);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
}

/** Reads a setting, creating it with `make()` when absent. Idempotent; callers hold the start-up lock. */
async function setting(db: Tx, key: string, make: () => string): Promise<string> {
  const found = await db.serverSetting.findUnique({ where: { key } });
  if (found) return found.value;
  return (await db.serverSetting.upsert({ where: { key }, create: { key, value: make() }, update: {} })).value;
}

// With MESHDECK_SECRET_KEY set, the installation secrets are stored sealed with a key derived from
// it (AES-256-GCM), so a copy of the database alone does not unlock the Ziti CA key, TOTP secrets
// or session cookies; every server then needs the same MESHDECK_SECRET_KEY. Without it they are
// stored as they are (the README says to protect backups like the live database).
const SEALED = 'sealed:v1:';
const masterKey = (env: Record<string, string | undefined>) =>
  env.MESHDECK_SECRET_KEY ? createHash('sha256').update(`meshdeck installation secrets\0${env.MESHDECK_SECRET_KEY}`).digest() : null;

export function sealSetting(value: string, key: Buffer): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(value, 'utf8'), c.final()]);
  return SEALED + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
}

export function unsealSetting(stored: string, key: Buffer | null, name: string): string {
  if (!stored.startsWith(SEALED)) return stored;
  if (!key) throw new Error(`server setting ${name} is sealed: set MESHDECK_SECRET_KEY (the one the installation was started with)`);
  const raw = Buffer.from(stored.slice(SEALED.length), 'base64');
  const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  d.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  } catch {
    throw new Error(`server setting ${name} cannot be unsealed: MESHDECK_SECRET_KEY differs from the one it was sealed with`);
  }
}

/** A secret setting: created sealed when a master key is set; a plain one is sealed in place then. */
async function secretSetting(db: Tx, name: string, make: () => string, env: Record<string, string | undefined>): Promise<string> {
  const key = masterKey(env);
  const stored = await setting(db, name, () => (key ? sealSetting(make(), key) : make()));
  const value = unsealSetting(stored, key, name);
  if (key && !stored.startsWith(SEALED)) await db.serverSetting.update({ where: { key: name }, data: { value: sealSetting(value, key) } });
  return value;
}

/** Loads (creating or importing on first start) the installation secrets and keeps them in memory. */
export async function loadInstallationSecrets(db: Tx, dataDir: string, env: Record<string, string | undefined> = process.env): Promise<InstallationSecrets> {
  const key = await secretSetting(db, SERVER_KEY_SETTING, () => fileValue(dataDir, 'server.key') ?? randomBytes(32).toString('base64'), env);
  const serverKey = Buffer.from(key, 'base64');
  if (serverKey.length !== 32) throw new Error(`server setting ${SERVER_KEY_SETTING} must hold 32 base64-encoded bytes`);
  const sessionSecret = await secretSetting(db, SESSION_SECRET_SETTING, () => fileValue(dataDir, 'session-secret') ?? randomBytes(32).toString('base64url'), env);
  return (holder.__meshdeckInstallation = { serverKey, sessionSecret });
}

/**
 * First-start work, idempotent, for the caller to run under the start-up lock: the first account
 * and owner on an empty database, the installation-account record, the installation secrets.
 */
export async function setUpInstallation(db: Db, dataDir: string, env: Record<string, string | undefined> = process.env): Promise<BootstrapResult> {
  const result = await bootstrap(db, env);
  const oldest = await db.account.findFirst({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true } });
  if (oldest) await setting(db, ACCOUNT_SETTING, () => oldest.id);
  await loadInstallationSecrets(db, dataDir, env);
  return result;
}

/** The account the first start created (it cannot be suspended or deleted). */
export async function installationAccountId(db: Tx): Promise<string | null> {
  return (await db.serverSetting.findUnique({ where: { key: ACCOUNT_SETTING } }))?.value ?? null;
}
