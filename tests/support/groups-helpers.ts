// Rows the groups/policies/posture-checks API tests need but cannot create through the API (peers,
// network resources, objects that refer to groups), written straight into the test database, and
// row counts to prove what a request did or did not write.
import { insertPeer } from './peers';
import { testDb } from './fixtures';
import { newId } from '@/lib/domain/ids';


/** A peer row straight in the database (see tests/support/peers.ts). */
export const addPeer = (accountId: string, name?: string) => insertPeer(accountId, name);

export async function addNetworkResource(accountId: string, type: 'host' | 'subnet' | 'domain' = 'host') {
  const db = await testDb();
  const network = await db.network.create({ data: { id: newId(), accountId, name: `net-${newId().slice(-5)}` } });
  const address = type === 'host' ? '10.1.2.3/32' : type === 'subnet' ? '10.1.0.0/16' : 'example.com';
  return db.networkResource.create({ data: { id: newId(), accountId, networkId: network.id, name: `res-${type}`, address, type } });
}

/** Everything a groups/policies/posture-check request could write, for before/after comparisons. */
export async function slice(accountId: string) {
  const db = await testDb();
  const [groups, members, groupResources, policies, rules, postureChecks, audit, account] = await Promise.all([
    db.group.count({ where: { accountId } }),
    db.groupPeer.count({ where: { group: { accountId } } }),
    db.groupResource.count({ where: { group: { accountId } } }),
    db.policy.count({ where: { accountId } }),
    db.policyRule.count({ where: { policy: { accountId } } }),
    db.postureCheck.count({ where: { accountId } }),
    db.auditEvent.count({ where: { accountId } }),
    db.account.findUniqueOrThrow({ where: { id: accountId }, select: { networkSerial: true } }),
  ]);
  return { groups, members, groupResources, policies, rules, postureChecks, audit, serial: account.networkSerial };
}

export async function serialOf(accountId: string) {
  return (await slice(accountId)).serial;
}
