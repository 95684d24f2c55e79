// Users of an account: reading them. Creating and inviting is in user-invites.ts, changing role,
// groups and blocking in user-updates.ts, deleting in user-removal.ts.
import { checkAccountActive } from '../accounts/suspension';
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { ForbiddenError, NotFoundError } from '../errors';
import { isRole } from './roles';

export async function getUser(db: Tx, actor: Actor, userId: string) {
  const user = await db.user.findFirst({ where: { id: userId, accountId: actor.accountId } });
  if (!user) throw new NotFoundError('user', userId);
  return user;
}

/**
 * Service users need no email, but the column is unique (it is the console login name), so one
 * without an address gets a placeholder under a reserved, undeliverable domain (RFC 2606 `.invalid`)
 * that no identity provider can vouch for. The API shows it as an empty email, as NetBird does.
 */
export const SERVICE_USER_EMAIL_DOMAIN = 'service-user.meshdeck.invalid';

export function serviceUserPlaceholderEmail(userId: string): string {
  return `${userId}@${SERVICE_USER_EMAIL_DOMAIN}`;
}

export function displayEmail(user: { email: string; isServiceUser: boolean }): string {
  return user.isServiceUser && user.email.endsWith(`@${SERVICE_USER_EMAIL_DOMAIN}`) ? '' : user.email;
}

/**
 * The account's users, optionally only service users (true) or only regular ones (false). Owners,
 * admins and auditors see everyone; a regular user sees everyone only while the account's
 * regular_users_view_blocked setting is off, and otherwise just themselves (as NetBird does).
 */
export async function listUsers(db: Tx, actor: Actor, filter: { serviceUser?: boolean } = {}) {
  let onlySelf = false;
  if (actor.role === 'user') {
    const account = await db.account.findUnique({ where: { id: actor.accountId }, select: { regularUsersViewBlocked: true } });
    onlySelf = account?.regularUsersViewBlocked ?? true;
  }
  return db.user.findMany({
    where: {
      accountId: actor.accountId,
      ...(onlySelf ? { id: actor.userId } : {}),
      ...(filter.serviceUser !== undefined ? { isServiceUser: filter.serviceUser } : {}),
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

export async function currentUser(db: Tx, actor: Actor) {
  return getUser(db, actor, actor.userId);
}

/** Loads a session's user afresh, so that blocking or a role change takes effect at once. */
export async function actorFromSession(db: Tx, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: userId }, include: { account: { select: { status: true, apiRequestsPerMinute: true } } } });
  if (!user) return null;
  checkAccountActive(user.account.status);
  if (user.status !== 'active') throw new ForbiddenError(user.status === 'blocked' ? 'user is blocked' : `user is ${user.status}`);
  if (!isRole(user.role)) throw new ForbiddenError(`unknown role ${user.role}`);
  return { userId: user.id, accountId: user.accountId, role: user.role, name: user.name, email: user.email, via: 'session', requestQuota: user.account.apiRequestsPerMinute };
}

/** Who owns a peer, for what its agent reports (none for setup-key peers). */
export function peerOwner(db: Tx, peer: { userId: string }): Promise<{ id: string; email: string; name: string } | null> {
  return peer.userId ? db.user.findUnique({ where: { id: peer.userId }, select: { id: true, email: true, name: true } }) : Promise.resolve(null);
}
