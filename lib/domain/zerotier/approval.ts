// How ZeroTier admission reaches the policy engine. A ZeroTier member's peer is approved (in every
// network map, shown as approved by the NetBird API) exactly when it is authorized in at least one of
// the account's ZeroTier networks; otherwise it waits for approval and is out of every map. Only
// peers with a ZeroTier address follow this rule; it is re-applied after every change of membership.
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { Actor } from '../actor';
import { recordChange, type AuditEntry } from '../audit';
import { bumpNetworkSerial } from '../serial';

export interface ApprovalChange {
  peerId: string;
  name: string;
  ztAddress: string;
  approved: boolean;
}

/**
 * Re-applies the rule to these peers after a change of membership in network `nwid`: bumps the
 * network serial and records one entry (NetBird's own activity codes) per approval that changed.
 */
export async function syncPeerApproval(db: Tx, actor: Actor, peerIds: string[], nwid: string): Promise<ApprovalChange[]> {
  const accountId = actor.accountId;
  const ids = [...new Set(peerIds)];
  if (!ids.length) return [];
  const peers = await inChunks(ids, (chunk) =>
    db.peer.findMany({
      where: { accountId, id: { in: chunk }, ztAddress: { not: null } },
      select: { id: true, name: true, ztAddress: true, approvalRequired: true, zeroTierMemberships: { where: { authorized: true }, select: { id: true }, take: 1 } },
    }),
  );
  const changes: ApprovalChange[] = [];
  for (const p of peers) {
    const approved = p.zeroTierMemberships.length > 0;
    if (p.approvalRequired !== approved) continue;
    await db.peer.update({ where: { id: p.id }, data: { approvalRequired: !approved } });
    changes.push({ peerId: p.id, name: p.name, ztAddress: p.ztAddress!, approved });
  }
  if (changes.length) await bumpNetworkSerial(db, accountId);
  for (const e of approvalEntries(changes, nwid)) await recordChange(db, actor, e);
  return changes;
}

function approvalEntries(changes: ApprovalChange[], nwid: string): AuditEntry[] {
  return changes.map((c) => ({
    code: c.approved ? 'peer.approve' : 'peer.approval.revoke',
    activity: c.approved ? 'Peer approved' : 'Peer approval revoked',
    targetId: c.peerId,
    meta: { name: c.name, zt_address: c.ztAddress, network_id: nwid, reason: c.approved ? 'authorized in a ZeroTier network' : 'not authorized in any ZeroTier network' },
  }));
}
