// One account at scale, written straight into the database in batches (tests/api/scale-10k.test.ts):
// n each of groups, peers, policies, setup keys, users, routes and network resources, and a ZeroTier
// member per peer. Peers are added with bench/peers.ts's addPeers; the rest in createMany batches.
//
// Access: peer k is in group k (resource k too). Policies chain group i → group i+1; one more lets
// peer 0 reach the 2,000 peers 1..2000 ("reach-2k"), one lets peer n-1 reach every peer (All). So
// peer 0 sees 2,001 peers (1..2000 and n-1) and peer n-1 sees all n-1 others. The account's access
// document allows nothing more.
import { createHash } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import { allGroupId } from '@/lib/domain/groups/all-group';
import { newId } from '@/lib/domain/ids';
import { jsonList } from '@/lib/domain/json';
import { hashSecret, newAccessToken } from '@/lib/domain/secrets';
import { bumpNetworkSerial } from '@/lib/domain/serial';
import { addPeers } from '../../bench/peers';

const BATCH = 1000;

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

export interface ScaleAccount {
  groupIds: string[];
  peerIds: string[];
  networkId: string;
  /** Agent tokens of peer 0 (reaches 2,001 peers) and peer n-1 (reaches n-1). */
  token2k: string;
  tokenAll: string;
}

export async function seedScale(db: Db, accountId: string, n: number, zeroTierNetworkId: string): Promise<ScaleAccount> {
  const groupIds = Array.from({ length: n }, () => newId());
  await inBatches(
    groupIds.map((id, i) => ({ id, accountId, name: `scale-g${i}` })),
    (data) => db.group.createMany({ data }),
  );
  for (let start = 0; start < n; start += 2000) await addPeers(db, accountId, start, Math.min(n, start + 2000), groupIds.slice(start, start + 2000));
  const byName = new Map((await db.peer.findMany({ where: { accountId }, select: { id: true, name: true } })).map((p) => [p.name, p.id]));
  const peerIds = Array.from({ length: n }, (_, i) => byName.get(`peer-${i}`)!);

  const reach2k = await db.group.create({ data: { id: newId(), accountId, name: 'reach-2k' } });
  const src2k = await db.group.create({ data: { id: newId(), accountId, name: 'src-2k' } });
  const srcAll = await db.group.create({ data: { id: newId(), accountId, name: 'src-all' } });
  await inBatches(
    [...peerIds.slice(1, 2001).map((peerId) => ({ groupId: reach2k.id, peerId })), { groupId: src2k.id, peerId: peerIds[0] }, { groupId: srcAll.id, peerId: peerIds[n - 1] }],
    (data) => db.groupPeer.createMany({ data }),
  );
  const all = await allGroupId(db, accountId);
  const rule = (sources: string[], destinations: string[]) => ({ id: newId(), name: 'rule', sources: jsonList(sources), destinations: jsonList(destinations) });
  const policies = [
    ...Array.from({ length: n - 2 }, (_, i) => ({ name: `chain-${i}`, rule: rule([groupIds[i]], [groupIds[i + 1]]) })),
    { name: 'reach-2k', rule: rule([src2k.id], [reach2k.id]) },
    { name: 'reach-all', rule: rule([srcAll.id], [all!]) },
  ].map((p) => ({ ...p, id: newId() }));
  await inBatches(policies, async (batch) => {
    await db.policy.createMany({ data: batch.map((p) => ({ id: p.id, accountId, name: p.name })) });
    await db.policyRule.createMany({ data: batch.map((p) => ({ ...p.rule, policyId: p.id })) });
  });

  const expiresAt = new Date(Date.now() + 30 * 86400_000);
  await inBatches(
    groupIds.map((g, i) => ({
      id: newId(), accountId, name: `key-${i}`, keyHash: hashSecret(`scale-key-${i}-${newId()}`), keyPrefix: 'SCALE', type: 'reusable', expiresAt, autoGroups: jsonList([g]),
    })),
    (data) => db.setupKey.createMany({ data }),
  );
  await inBatches(
    groupIds.map((g, i) => ({ id: newId(), accountId, email: `scale-${i}-${accountId}@example.test`, name: `Scale ${i}`, autoGroups: jsonList([g]) })),
    (data) => db.user.createMany({ data }),
  );
  await inBatches(
    groupIds.map((g, i) => ({
      id: newId(), accountId, networkId: `route-${i}`, network: `10.${i >> 8}.${i & 255}.0/24`, peerGroups: jsonList([g]), groups: jsonList([g]), description: `route ${i}`,
    })),
    (data) => db.route.createMany({ data }),
  );
  const network = await db.network.create({ data: { id: newId(), accountId, name: 'scale-net' } });
  const resourceIds = groupIds.map(() => newId());
  await inBatches(
    resourceIds.map((id, i) => ({ id, accountId, networkId: network.id, name: `res-${i}`, address: `172.16.${i >> 8}.${i & 255}/32`, type: 'host' })),
    (data) => db.networkResource.createMany({ data }),
  );
  await inBatches(
    resourceIds.map((resourceId, i) => ({ groupId: groupIds[i], resourceId })),
    (data) => db.groupResource.createMany({ data }),
  );
  await inBatches(
    peerIds.map((peerId, i) => ({ id: newId(), accountId, networkId: zeroTierNetworkId, peerId, address: (0x1000000000 + i).toString(16), authorized: i % 2 === 0 })),
    (data) => db.zeroTierMember.createMany({ data }),
  );

  // Only the NetBird policies grant access: an account without a document has Tailscale's
  // allow-all default, which would let every peer see every other.
  const text = '{"acls": []}';
  await db.aclDocument.create({ data: { accountId, text, etag: createHash('sha256').update(text).digest('hex'), isDefault: false } });

  const token2k = newAccessToken('mdpeer_');
  const tokenAll = newAccessToken('mdpeer_');
  await db.peer.update({ where: { id: peerIds[0] }, data: { agentTokenHash: hashSecret(token2k) } });
  await db.peer.update({ where: { id: peerIds[n - 1] }, data: { agentTokenHash: hashSecret(tokenAll) } });
  await bumpNetworkSerial(db, accountId);
  return { groupIds, peerIds, networkId: network.id, token2k, tokenAll };
}
