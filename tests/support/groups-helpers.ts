// Rows the groups/policies/posture-checks API tests need but cannot create through the API (peers,
// network resources, objects that refer to groups), written straight into the test database, and
// row counts to prove what a request did or did not write.
import { randomBytes } from 'node:crypto';
import { testDb } from './fixtures';
import { netbirdApi } from './openapi';
import { newId } from '@/lib/domain/ids';

/**
 * Erratum in NetBird's spec: `ResourceType` is `allOf: [NetworkResourceType (host|subnet|domain),
 * {enum: [peer]}]`, an intersection no value can satisfy, so every Group with resources and every
 * PolicyRule with a source/destination resource would fail validation. NetBird means "one of" (its
 * own examples answer `"type": "host"`), so the schema is read as `anyOf` of the same parts; the
 * values stay checked against host|subnet|domain|peer. Call before the first request of a file.
 */
export function applySpecErrata() {
  const rt = (netbirdApi().doc.components as { schemas: Record<string, Record<string, unknown>> }).schemas.ResourceType;
  if (rt.allOf) {
    rt.anyOf = rt.allOf;
    delete rt.allOf;
  }
}

let octet = 0;

export async function addPeer(accountId: string, name = `peer-${newId().slice(-5)}`) {
  const db = await testDb();
  octet++;
  return db.peer.create({
    data: {
      id: newId(),
      accountId,
      name,
      dnsLabel: `${name}-${newId().slice(-6)}`.toLowerCase(),
      ip: `100.64.${Math.floor(octet / 250)}.${(octet % 250) + 1}`,
      wgPubKey: randomBytes(32).toString('base64'),
    },
  });
}

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
