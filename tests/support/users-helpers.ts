// Test data for the accounts and users suites: groups and peers written straight to the database
// (their own APIs are other slices), and row counts that prove a refused request wrote nothing.
import { newId } from '@/lib/domain/ids';
import { testDb } from './fixtures';

export async function makeGroup(accountId: string, name = `group-${newId().slice(-6)}`) {
  const db = await testDb();
  return db.group.create({ data: { id: newId(), accountId, name } });
}

let peerCounter = 0;

/** A peer owned by `userId` (or a setup-key peer when empty) with the given IPv4 address. */
export async function makePeer(accountId: string, ip: string, userId = '', ipv6 = '') {
  const db = await testDb();
  const id = newId();
  const n = ++peerCounter;
  return db.peer.create({
    data: {
      id,
      accountId,
      userId,
      name: `peer-${n}`,
      hostname: `host-${n}`,
      dnsLabel: `peer-${n}-${id.slice(-4)}`,
      ip,
      ipv6,
      wgPubKey: Buffer.from(id.padEnd(32, 'x')).toString('base64'),
    },
  });
}

/** Everything a users or accounts request could write in an account. */
export async function accountRows(accountId: string) {
  const db = await testDb();
  const [account, users, tokens, peers, memberships, audit] = await Promise.all([
    db.account.findUniqueOrThrow({ where: { id: accountId } }),
    db.user.findMany({ where: { accountId }, orderBy: { id: 'asc' } }),
    db.apiToken.count({ where: { accountId } }),
    db.peer.findMany({ where: { accountId }, select: { id: true, ip: true, ipv6: true }, orderBy: { id: 'asc' } }),
    db.groupPeer.count({ where: { group: { accountId } } }),
    db.auditEvent.count({ where: { accountId } }),
  ]);
  return { account, users, tokens, peers, memberships, audit };
}

/** Audit events of the account after the first `skip` (take `skip` from accountRows().audit). */
export async function auditAfter(accountId: string, skip: number) {
  const db = await testDb();
  const rows = await db.auditEvent.findMany({ where: { accountId }, orderBy: [{ timestamp: 'asc' }, { id: 'asc' }], skip });
  return rows.map((r) => ({ code: r.activityCode, targetId: r.targetId, meta: JSON.parse(r.meta) as Record<string, unknown>, initiatorId: r.initiatorId, source: r.source }));
}
