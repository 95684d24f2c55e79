// Users as the Tailscale API lists them: the account's users with what Tailscale derives from
// their devices (how many, whether one is connected, when one was last seen) and their sign-ins.
import type { Tx } from '../../db/client';
import type { User } from '../../db/models';
import type { Actor } from '../actor';
import { NotFoundError } from '../errors';
import { getUser, listUsers } from './users';

export interface UserActivity {
  deviceCount: number;
  connected: boolean;
  /** The later of the last sign-in, the last API token use and the last time a device was seen. */
  lastSeen: Date | null;
}

const later = (a: Date | null | undefined, b: Date | null | undefined) => (!a ? (b ?? null) : !b ? a : a > b ? a : b);

export async function userActivity(db: Tx, accountId: string, users: User[]): Promise<Map<string, UserActivity>> {
  // One user, or the whole account's (others' rows are not looked up): a list of every user's id
  // would bind a parameter per user.
  const scope = users.length === 1 ? { accountId, userId: users[0].id } : { accountId };
  const [devices, connected, tokens] = await Promise.all([
    db.peer.groupBy({ by: ['userId'], where: scope, _count: { _all: true }, _max: { lastSeen: true } }),
    db.peer.groupBy({ by: ['userId'], where: { ...scope, connected: true }, _count: { _all: true } }),
    db.apiToken.groupBy({ by: ['userId'], where: scope, _max: { lastUsedAt: true } }),
  ]);
  const byUser = new Map(devices.map((d) => [d.userId, d]));
  const online = new Set(connected.map((c) => c.userId));
  const tokenUse = new Map(tokens.map((t) => [t.userId, t._max.lastUsedAt]));
  return new Map(
    users.map((u) => {
      const d = byUser.get(u.id);
      return [u.id, { deviceCount: d?._count._all ?? 0, connected: online.has(u.id), lastSeen: later(later(u.lastLogin, tokenUse.get(u.id)), d?._max.lastSeen) }];
    }),
  );
}

/** The same users NetBird's list shows this caller (regular users may be limited to themselves). */
export async function listTailnetUsers(db: Tx, actor: Actor) {
  const users = await listUsers(db, actor);
  return { users, activity: await userActivity(db, actor.accountId, users) };
}

export async function getTailnetUser(db: Tx, actor: Actor, userId: string) {
  if (actor.role === 'user' && userId !== actor.userId) {
    const visible = await listUsers(db, actor);
    if (!visible.some((u) => u.id === userId)) throw new NotFoundError('user', userId);
  }
  const user = await getUser(db, actor, userId);
  return { user, activity: (await userActivity(db, actor.accountId, [user])).get(user.id)! };
}
