// Test data for the routes, networks and DNS suites: peers and groups inserted straight into the
// database (their own APIs are built elsewhere), and a snapshot of everything these APIs write.
import { newId } from '@/lib/domain/ids';
import { testDb } from './fixtures';

export { insertPeer } from './peers';

export async function insertGroup(accountId: string, name: string, peerIds: string[] = []) {
  const db = await testDb();
  return db.group.create({
    data: { id: newId(), accountId, name: `${name}-${newId().slice(-5)}`, peers: { create: peerIds.map((peerId) => ({ peerId })) } },
  });
}

export async function allGroupOf(accountId: string) {
  const db = await testDb();
  return db.group.findUniqueOrThrow({ where: { accountId_name: { accountId, name: 'All' } } });
}

/** Everything the routes, networks and DNS APIs can write for one account. */
export async function snapshot(accountId: string) {
  const db = await testDb();
  const account = await db.account.findUniqueOrThrow({ where: { id: accountId } });
  return {
    routes: await db.route.findMany({ where: { accountId }, orderBy: { id: 'asc' } }),
    networks: await db.network.findMany({ where: { accountId }, orderBy: { id: 'asc' } }),
    resources: await db.networkResource.findMany({ where: { accountId }, orderBy: { id: 'asc' } }),
    routers: await db.networkRouter.findMany({ where: { accountId }, orderBy: { id: 'asc' } }),
    groupResources: await db.groupResource.count({ where: { group: { accountId } } }),
    nameserverGroups: await db.nameserverGroup.findMany({ where: { accountId }, orderBy: { id: 'asc' } }),
    audit: await db.auditEvent.count({ where: { accountId } }),
    serial: account.networkSerial,
    dnsDisabledManagementGroups: account.dnsDisabledManagementGroups,
  };
}

export async function serialOf(accountId: string) {
  const db = await testDb();
  return (await db.account.findUniqueOrThrow({ where: { id: accountId } })).networkSerial;
}

export async function auditOf(accountId: string, targetId: string, code: string) {
  const db = await testDb();
  return db.auditEvent.findMany({ where: { accountId, targetId, activityCode: code } });
}
