// Users of an account. (The full user API — invites, roles, blocking — arrives with the NetBird API.)
import type { Tx } from '../db/client';
import type { Actor } from './actor';
import { ForbiddenError, NotFoundError } from './errors';
import { isRole } from './roles';

export async function getUser(db: Tx, actor: Actor, userId: string) {
  const user = await db.user.findFirst({ where: { id: userId, accountId: actor.accountId } });
  if (!user) throw new NotFoundError('user', userId);
  return user;
}

export async function currentUser(db: Tx, actor: Actor) {
  return getUser(db, actor, actor.userId);
}

/** Loads a session's user afresh, so that blocking or a role change takes effect at once. */
export async function actorFromSession(db: Tx, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) return null;
  if (user.status !== 'active') throw new ForbiddenError(user.status === 'blocked' ? 'user is blocked' : `user is ${user.status}`);
  if (!isRole(user.role)) throw new ForbiddenError(`unknown role ${user.role}`);
  return { userId: user.id, accountId: user.accountId, role: user.role, name: user.name, email: user.email, via: 'session' };
}

export async function accountCounts(db: Tx, actor: Actor) {
  const [users, tokens, auditEvents] = await Promise.all([
    db.user.count({ where: { accountId: actor.accountId } }),
    db.apiToken.count({ where: { accountId: actor.accountId } }),
    db.auditEvent.count({ where: { accountId: actor.accountId } }),
  ]);
  return { users, tokens, auditEvents };
}
