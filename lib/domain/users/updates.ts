// Changing a user's role, auto groups and blocked state (NetBird PUT /api/users/{id}).
//
// The rules, as in NetBird: nobody changes their own role or blocks themselves; only the owner gives
// the owner role, and doing so transfers ownership (the old owner becomes an admin); the owner is
// never blocked or demoted otherwise. Blocking takes effect at once (tokens and sessions are
// checked on every request) and bumps the network serial so the user's peers stop syncing.
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { User } from '../../db/models';
import type { Actor } from '../actor';
import { recordChange, type AuditEntry } from '../audit';
import { accountSettings } from '../accounts/settings';
import { ForbiddenError, ValidationError } from '../errors';
import { allGroupId } from '../groups/all-group';
import { jsonList, parseJsonList } from '../json';
import { isRole, type Role } from './roles';
import { bumpNetworkSerial } from '../serial';
import { checkAutoGroups, propagateAutoGroups } from './auto-groups';
import { getUser } from './users';

export interface UserUpdate {
  role: string;
  autoGroups: string[];
  isBlocked: boolean;
}

/**
 * The status an unblocked user returns to: invited when they never had a way in (no sign-in, no
 * password, no token, not a service user), otherwise active.
 */
async function unblockedStatus(db: Tx, user: User): Promise<'active' | 'invited'> {
  if (user.isServiceUser || user.lastLogin) return 'active';
  const [person, tokens] = await Promise.all([
    db.person.findUnique({ where: { email: user.email }, select: { passwordHash: true } }),
    db.apiToken.count({ where: { userId: user.id } }),
  ]);
  return person?.passwordHash || tokens > 0 ? 'active' : 'invited';
}

function checkRoleChange(actor: Actor, user: User, role: Role) {
  if (role === user.role) return;
  if (user.id === actor.userId) throw new ForbiddenError('you cannot change your own role');
  if (role === 'owner') {
    if (actor.role !== 'owner') throw new ForbiddenError('only the account owner can transfer ownership');
    if (user.isServiceUser) throw new ValidationError('ownership cannot be transferred to a service user');
    if (user.status !== 'active') throw new ValidationError(`ownership can only be transferred to an active user; this one is ${user.status}`);
  }
  if (user.role === 'owner') throw new ForbiddenError("the owner's role changes only when the owner transfers ownership to another user");
}

function nextStatus(actor: Actor, user: User, block: boolean, unblocked: () => Promise<string>): Promise<string> | string {
  const blocked = user.status === 'blocked' || user.status === 'pending';
  if (block === blocked) return user.status;
  if (block) {
    if (user.id === actor.userId) throw new ForbiddenError('you cannot block yourself');
    if (user.role === 'owner') throw new ForbiddenError('the account owner cannot be blocked');
    return 'blocked';
  }
  if (user.status === 'pending') throw new ValidationError('this user is pending approval; approve or reject them instead');
  return unblocked();
}

/** Applies the update and records one audit entry per change, in NetBird's codes; returns the user. */
export async function updateUser(db: Tx, actor: Actor, userId: string, input: UserUpdate) {
  const user = await getUser(db, actor, userId);
  if (!isRole(input.role)) throw new ValidationError(`invalid role ${JSON.stringify(input.role)}: use owner, admin, user or auditor`);
  const role = input.role;
  const groups = await checkAutoGroups(db, actor.accountId, input.autoGroups);
  checkRoleChange(actor, user, role);
  const status = await nextStatus(actor, user, input.isBlocked, () => unblockedStatus(db, user));
  if (role === 'owner' && status !== 'active' && user.role !== 'owner') throw new ValidationError('a blocked user cannot become the owner');

  const oldGroups = parseJsonList(user.autoGroups);
  const newGroups = groups.map((g) => g.id);
  const added = groups.filter((g) => !oldGroups.includes(g.id));
  const removedIds = oldGroups.filter((id) => !newGroups.includes(id));
  const removedNames = new Map(
    (await inChunks(removedIds, (chunk) => db.group.findMany({ where: { accountId: actor.accountId, id: { in: chunk } }, select: { id: true, name: true } }))).map((g) => [g.id, g.name]),
  );

  const changes: AuditEntry[] = [];
  const updated = await db.user.update({ where: { id: user.id }, data: { role, status, autoGroups: jsonList(newGroups) } });
  if (role === 'owner' && user.role !== 'owner') {
    // Exactly one owner: the one giving the role away becomes an admin.
    await db.user.update({ where: { id: actor.userId }, data: { role: 'admin' } });
    changes.push({ code: 'transferred.owner.role', activity: 'Ownership transferred', targetId: user.id, meta: { previous_owner: actor.userId, new_owner: user.id, email: user.email } });
  } else if (role !== user.role) {
    changes.push({ code: 'user.role.update', activity: 'User role updated', targetId: user.id, meta: { email: user.email, old_role: user.role, role } });
  }
  if (status !== user.status && status === 'blocked') changes.push({ code: 'user.block', activity: 'User blocked', targetId: user.id, meta: { email: user.email } });
  if (status !== user.status && user.status === 'blocked') changes.push({ code: 'user.unblock', activity: 'User unblocked', targetId: user.id, meta: { email: user.email, status } });
  for (const g of added) changes.push({ code: 'user.group.add', activity: 'Group added to user', targetId: user.id, meta: { group: g.id, group_name: g.name } });
  for (const id of removedIds) changes.push({ code: 'user.group.delete', activity: 'Group removed from user', targetId: user.id, meta: { group: id, group_name: removedNames.get(id) ?? '' } });

  let bump = status !== user.status;
  const account = await db.account.findUniqueOrThrow({ where: { id: actor.accountId } });
  if (accountSettings(account, await allGroupId(db, account.id)).groups_propagation_enabled) {
    bump = (await propagateAutoGroups(db, actor.accountId, user.id, added.map((g) => g.id), removedIds)) || bump;
  }
  if (bump) await bumpNetworkSerial(db, actor.accountId);
  for (const e of changes) await recordChange(db, actor, e);
  return updated;
}
