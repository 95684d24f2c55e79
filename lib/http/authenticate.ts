// Who is calling: a user (API token in any dialect's style, or the console session cookie) or,
// on agent routes, a peer (its agent token as a Bearer token).
import { getToken as getSessionToken } from 'next-auth/jwt';
import type { NextRequest } from 'next/server';
import type { Tx } from '../db/client';
import type { Peer } from '../db/models';
import type { Actor } from '../domain/actor';
import { ForbiddenError, UnauthorizedError } from '../domain/errors';
import { hashSecret } from '../domain/secrets';
import { authenticateToken } from '../domain/users/tokens';
import { actorFromSession } from '../domain/users/users';
import { sessionSecret } from '../server/secret';
import { checkAccountActive } from '../domain/accounts/suspension';
import { presentedToken, sameOriginOk } from './credentials';

/** `queryToken`: whether `?auth=<token>` counts (ZeroTier's routes only; see credentials.ts). */
export async function authenticateUser(req: NextRequest, url: URL, db: Tx, missingMessage: string, queryToken = false): Promise<Actor> {
  const presented = presentedToken(req.headers, url, queryToken);
  if (presented.kind === 'token') return authenticateToken(db, presented.token);
  if (presented.kind === 'malformed') throw new UnauthorizedError('malformed credentials');
  const session = await getSessionToken({ req, secret: sessionSecret() });
  if (!session?.sub) throw new UnauthorizedError(missingMessage);
  if (!sameOriginOk(req.method, req.headers)) throw new ForbiddenError('cross-origin request refused');
  const actor = await actorFromSession(db, session.sub);
  if (!actor) throw new UnauthorizedError('session user no longer exists');
  return actor;
}

/** A peer's agent: `Authorization: Bearer <peer_token>` from POST /api/agent/register. */
export async function authenticatePeer(req: NextRequest, db: Tx): Promise<Peer> {
  const authz = req.headers.get('authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(authz.trim());
  if (!m) throw new UnauthorizedError('peer token required');
  const found = await db.peer.findUnique({ where: { agentTokenHash: hashSecret(m[1]) }, include: { account: { select: { status: true } } } });
  if (!found) throw new UnauthorizedError('peer token invalid');
  const { account, ...peer } = found;
  // A suspended account's agents are refused and keep the map they have.
  checkAccountActive(account.status);
  if (peer.userId) {
    const user = await db.user.findUnique({ where: { id: peer.userId }, select: { status: true } });
    if (user?.status === 'blocked') throw new ForbiddenError('the peer’s user is blocked');
  }
  return peer;
}
