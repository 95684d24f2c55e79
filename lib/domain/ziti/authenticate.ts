// POST /authenticate: username/password (updb) or client certificate (cert) → an API session.
// Every failure is the same INVALID_AUTH, so callers cannot probe which user names exist.
import { ACCOUNT_SUSPENDED } from '../accounts/suspension';
import type { Tx } from '../../db/client';
import { verifyPassword } from '../secrets';
import { openApiSession } from './api-sessions';
import { verifyClientCert } from './certs';
import { zitiErrors } from './errors';

export interface AuthRequest {
  ip: string;
  configTypes?: string[];
}

async function open(db: Tx, identityId: string, authenticatorId: string, req: AuthRequest) {
  const found = await db.zitiIdentity.findUnique({ where: { id: identityId }, include: { account: { select: { status: true } } } });
  if (!found || found.disabled) throw zitiErrors.invalidAuth();
  const { account, ...identity } = found;
  if (account.status !== 'active') throw zitiErrors.unauthorized(ACCOUNT_SUSPENDED);
  return { identity, ...(await openApiSession(db, identity, { authenticatorId, ip: req.ip, configTypes: req.configTypes })) };
}

// Compared against when the user name is unknown, so both paths cost one bcrypt check.
const DUMMY_HASH = '$2b$11$OU7LVsHGfEnmeAnNcXHZT.wNIL1oq3lP/NkBAhdT/F1EabwJAIdim';

export async function passwordAuthenticate(db: Tx, input: { username?: string; password?: string }, req: AuthRequest) {
  const username = input.username ?? '';
  const authenticator = username ? await db.zitiAuthenticator.findUnique({ where: { username } }) : null;
  const ok = await verifyPassword(input.password ?? '', authenticator?.passwordHash || DUMMY_HASH);
  if (!authenticator || authenticator.method !== 'updb' || !ok) throw zitiErrors.invalidAuth();
  return open(db, authenticator.identityId, authenticator.id, req);
}

export async function certAuthenticate(db: Tx, certPem: string | null, req: AuthRequest) {
  if (!certPem) throw zitiErrors.invalidAuth('No client certificate was presented');
  const { fingerprint } = await verifyClientCert(db, certPem);
  const authenticator = await db.zitiAuthenticator.findUnique({ where: { certFingerprint: fingerprint } });
  if (!authenticator || authenticator.method !== 'cert') throw zitiErrors.invalidAuth();
  return open(db, authenticator.identityId, authenticator.id, req);
}
