// The installation: what every server process of one meshdeck shares through the database, set up
// once on first start under the start-up lock (lib/db/lock.ts), so that servers with data folders
// of their own agree on it.
// - The installation account, whose owners and admins run the installation (e.g. read /metrics):
//   the account the first start created, recorded in ServerSetting. Databases from before that
//   record get their oldest account recorded — the first start created it before any other.
// - The installation secrets: the server key (seals the Ziti CA key and TOTP secrets, derives Ziti
//   API session tokens) and the console session secret (used unless NEXTAUTH_SECRET is set). They
//   live in ServerSetting; an older installation's `server.key` / `session-secret` files in the
//   data folder are imported on the first start that finds them, so nothing sealed before is lost.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tx } from '../db/client';
import type { Actor } from './actor';
import { bootstrap, type BootstrapResult } from './accounts';
import type { Db } from '../db/client';

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

/** Loads (creating or importing on first start) the installation secrets and keeps them in memory. */
export async function loadInstallationSecrets(db: Tx, dataDir: string): Promise<InstallationSecrets> {
  const key = await setting(db, SERVER_KEY_SETTING, () => fileValue(dataDir, 'server.key') ?? randomBytes(32).toString('base64'));
  const serverKey = Buffer.from(key, 'base64');
  if (serverKey.length !== 32) throw new Error(`server setting ${SERVER_KEY_SETTING} must hold 32 base64-encoded bytes`);
  const sessionSecret = await setting(db, SESSION_SECRET_SETTING, () => fileValue(dataDir, 'session-secret') ?? randomBytes(32).toString('base64url'));
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
  await loadInstallationSecrets(db, dataDir);
  return result;
}

/** Whether the actor is an owner or admin of the installation account. */
export async function runsInstallation(db: Tx, actor: Actor): Promise<boolean> {
  if (actor.role !== 'owner' && actor.role !== 'admin') return false;
  const row = await db.serverSetting.findUnique({ where: { key: ACCOUNT_SETTING } });
  return row?.value === actor.accountId;
}
