// API sessions of the Edge Client API: the `zt-session` token an identity gets from
// POST /authenticate. How a route learns who calls: `authenticateApiSession(db, token)` (the route
// wrapper does it for `permission: 'ziti'` routes and puts the result in `ctx.ziti`).
//
// Sessions expire after MESHDECK_ZITI_SESSION_TIMEOUT seconds (default 1800, Ziti's default) without
// use; each authenticated call pushes the expiry forward. An identity with MFA enrolled gets a
// partial session: until POST /authenticate/mfa succeeds only `ziti-partial` routes accept it.
import { ACCOUNT_SUSPENDED } from '../accounts/suspension';
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/client';
import type { ZitiApiSession, ZitiIdentity } from '../../db/models';
import { newId } from '../ids';
import { jsonList } from '../json';
import { hashSecret } from '../secrets';
import { zitiErrors } from './errors';

/** Who calls a Ziti route: the API session and its identity (always of `accountId`). */
export interface ZitiCaller {
  accountId: string;
  identity: ZitiIdentity;
  apiSession: ZitiApiSession;
}

export function sessionTimeoutSeconds(): number {
  const v = Number(process.env.MESHDECK_ZITI_SESSION_TIMEOUT);
  return Number.isFinite(v) && v > 0 ? v : 1800;
}

/** Only write the refreshed expiry when it moves by more than this, to keep reads cheap. */
const REFRESH_GRANULARITY_MS = 5_000;

/** The session token a request presents: the `zt-session` header, or `Authorization: Bearer`. */
export function presentedSessionToken(headers: Headers): string | null {
  const zt = headers.get('zt-session')?.trim();
  if (zt) return zt;
  const m = /^Bearer\s+(\S+)$/i.exec(headers.get('authorization')?.trim() ?? '');
  return m ? m[1] : null;
}

export async function authenticateApiSession(db: Tx, token: string | null, opts: { allowPartial?: boolean } = {}): Promise<ZitiCaller> {
  if (!token) throw zitiErrors.unauthorized();
  const apiSession = await db.zitiApiSession.findUnique({ where: { tokenHash: hashSecret(token) }, include: { identity: { include: { account: { select: { status: true } } } } } });
  const now = new Date();
  if (!apiSession || apiSession.expiresAt <= now) throw zitiErrors.unauthorized();
  const { identity: { account, ...identity }, ...session } = apiSession;
  if (account.status !== 'active') throw zitiErrors.unauthorized(ACCOUNT_SUSPENDED);
  if (identity.disabled) throw zitiErrors.unauthorized('The identity is disabled');
  if (session.mfaRequired && !session.mfaPassed && !opts.allowPartial) {
    throw zitiErrors.unauthorized('MFA authentication is required: complete POST /authenticate/mfa first');
  }
  const expiresAt = new Date(now.getTime() + sessionTimeoutSeconds() * 1000);
  if (expiresAt.getTime() - session.expiresAt.getTime() > REFRESH_GRANULARITY_MS) {
    await db.zitiApiSession.update({ where: { id: session.id }, data: { expiresAt, lastActivityAt: now } });
    session.expiresAt = expiresAt;
    session.lastActivityAt = now;
  }
  return { accountId: identity.accountId, identity, apiSession: session };
}

/** Opens an API session; the token is returned once and stored hashed. */
export async function openApiSession(
  db: Tx,
  identity: ZitiIdentity,
  opts: { authenticatorId: string; ip: string; configTypes?: string[] },
): Promise<{ apiSession: ZitiApiSession; token: string }> {
  const token = randomUUID();
  const now = new Date();
  const apiSession = await db.zitiApiSession.create({
    data: {
      id: newId(),
      accountId: identity.accountId,
      identityId: identity.id,
      authenticatorId: opts.authenticatorId,
      tokenHash: hashSecret(token),
      ip: opts.ip,
      expiresAt: new Date(now.getTime() + sessionTimeoutSeconds() * 1000),
      lastActivityAt: now,
      mfaRequired: identity.mfaEnabled,
      configTypes: jsonList(opts.configTypes ?? []),
    },
  });
  return { apiSession, token };
}

/** Logs out: the API session and its sessions and certificates go (cascade). */
export async function closeApiSession(db: Tx, caller: ZitiCaller): Promise<void> {
  await db.zitiApiSession.deleteMany({ where: { id: caller.apiSession.id, accountId: caller.accountId } });
}
