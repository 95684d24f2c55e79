// An account's own figures for its owners and admins (/metrics answers them these instead of the
// installation's process metrics, which only operators see): counts of its objects, its serial,
// its quotas and this minute's API requests. Every figure is of the caller's account only.
import type { Tx } from '../../db/client';

export async function accountFigures(db: Tx, accountId: string, now = new Date()) {
  const where = { accountId };
  const [account, peers, connected, users, groups, policies, setupKeys, routes, requests] = await Promise.all([
    db.account.findUniqueOrThrow({ where: { id: accountId }, select: { domain: true, networkSerial: true, peerQuota: true, apiRequestsPerMinute: true, status: true } }),
    db.peer.count({ where }),
    db.peer.count({ where: { accountId, connected: true } }),
    db.user.count({ where: { accountId, isServiceUser: false } }),
    db.group.count({ where }),
    db.policy.count({ where }),
    db.setupKey.count({ where }),
    db.route.count({ where }),
    db.apiRequestCount.findUnique({ where: { accountId_minute: { accountId, minute: Math.floor(now.getTime() / 60_000) } }, select: { count: true } }),
  ]);
  return {
    domain: account.domain,
    suspended: account.status !== 'active',
    peers,
    connected,
    users,
    groups,
    policies,
    setupKeys,
    routes,
    networkSerial: account.networkSerial,
    peerQuota: account.peerQuota,
    apiRequestsPerMinuteQuota: account.apiRequestsPerMinute,
    apiRequestsThisMinute: requests?.count ?? 0,
  };
}

export type AccountFigures = Awaited<ReturnType<typeof accountFigures>>;
