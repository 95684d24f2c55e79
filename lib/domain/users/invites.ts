// New users: service users (API-only identities) and invited people, and the approval of users
// waiting for it. meshdeck sends no email: an invited user becomes active the first time they sign
// in with that address (OIDC), see lib/domain/users/login.ts.
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { recordChange } from '../audit';
import { isEmail, normalizeEmail } from '../accounts/accounts';
import { ConflictError, DomainError, ValidationError } from '../errors';
import { newId } from '../ids';
import { jsonList } from '../json';
import { isRole } from './roles';
import { bumpNetworkSerial } from '../serial';
import { checkAutoGroups } from './auto-groups';
import { removeUser } from './removal';
import { displayEmail, getUser, serviceUserPlaceholderEmail } from './users';
import { checkNameChars } from '../names';

export interface NewUser {
  email?: string;
  name?: string;
  role: string;
  autoGroups: string[];
  isServiceUser: boolean;
}

export async function createUser(db: Tx, actor: Actor, input: NewUser) {
  if (!isRole(input.role)) throw new ValidationError(`invalid role ${JSON.stringify(input.role)}: use owner, admin, user or auditor`);
  if (input.role === 'owner') throw new ValidationError('a user cannot be created with the owner role; transfer ownership to an existing user instead');
  const name = (input.name ?? '').trim();
  if (!name) throw new ValidationError('name cannot be empty');
  checkNameChars(name);
  if (name.length > 255) throw new ValidationError('name is too long (255 characters at most)');
  const given = normalizeEmail(input.email ?? '');
  if (!given && !input.isServiceUser) throw new ValidationError('email is required to invite a user');
  if (given && !isEmail(given)) throw new ValidationError(`invalid email address: ${input.email}`);
  const groups = await checkAutoGroups(db, actor.accountId, input.autoGroups);
  const holder = given ? await db.user.findUnique({ where: { email: given }, select: { accountId: true } }) : null;
  // E-mail addresses are unique across the installation (sign-in names no account), but whether
  // another account has this one is that account's business: refused without saying why.
  if (holder) throw new ConflictError(holder.accountId === actor.accountId ? `a user with email ${given} already exists` : `${given} cannot be invited: use another e-mail address`);
  const id = newId();
  const user = await db.user.create({
    data: {
      id,
      accountId: actor.accountId,
      email: given || serviceUserPlaceholderEmail(id),
      name,
      role: input.role,
      status: input.isServiceUser ? 'active' : 'invited',
      isServiceUser: input.isServiceUser,
      autoGroups: jsonList(groups.map((g) => g.id)),
      issued: 'api',
    },
  });
  const meta = { name: user.name, email: displayEmail(user), role: user.role };
  if (user.isServiceUser) await recordChange(db, actor, { code: 'service.user.create', activity: 'Service user created', targetId: user.id, meta });
  else await recordChange(db, actor, { code: 'user.invite', activity: 'User invited', targetId: user.id, meta });
  return user;
}

/** "Resend the invitation": only meaningful for a user who has not signed in yet. */
export async function resendInvite(db: Tx, actor: Actor, userId: string) {
  const user = await getUser(db, actor, userId);
  // NetBird answers these with 412; the spec documents 400 for this operation, so 400 it is.
  if (user.isServiceUser) throw new DomainError('service users cannot be invited');
  if (user.status !== 'invited') throw new DomainError(`user ${user.id} is ${user.status}; only invited users can be invited again`);
  await recordChange(db, actor, { code: 'user.invite', activity: 'User invitation resent', targetId: user.id, meta: { email: user.email, resend: true } });
  return user;
}

async function pendingUser(db: Tx, actor: Actor, userId: string) {
  const user = await getUser(db, actor, userId);
  if (user.status !== 'pending') throw new ValidationError(`user ${user.id} is not pending approval`);
  return user;
}

export async function approveUser(db: Tx, actor: Actor, userId: string) {
  const user = await pendingUser(db, actor, userId);
  const approved = await db.user.update({ where: { id: user.id }, data: { status: 'active' } });
  // Peers the user may already have registered start receiving network maps.
  await bumpNetworkSerial(db, actor.accountId);
  await recordChange(db, actor, { code: 'user.approve', activity: 'User approved', targetId: approved.id, meta: { email: approved.email } });
  return approved;
}

/** Rejecting removes the pending user (and anything they registered) from the account. */
export async function rejectUser(db: Tx, actor: Actor, userId: string) {
  const user = await pendingUser(db, actor, userId);
  const removed = await removeUser(db, actor, user);
  await recordChange(db, actor, { code: 'user.reject', activity: 'User rejected', targetId: user.id, meta: { email: user.email, peers_deleted: removed.peers.length } });
  return removed;
}
