// What a peer listing reads: the caller's peers from the store (regular users see only their own),
// the account's groups and the access model for the accessible-peer counts.
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { accessModel } from './network-map';
import type { PeerFilter } from '../peers/peers';
import { allows } from '../users/roles';
import { peerSnapshot } from './peer-store';
import { snapshotGroups } from './snapshot-groups';

export async function listedPeers(db: Tx, actor: Actor, filter: PeerFilter) {
  const [account, { serial, model }] = await Promise.all([db.account.findUniqueOrThrow({ where: { id: actor.accountId } }), accessModel(db, actor.accountId)]);
  const snap = await peerSnapshot(db, actor.accountId);
  const groups = await snapshotGroups(db, actor.accountId, snap, serial);
  const all = allows(actor.role, 'audit');
  const peers = all && !filter.name && !filter.ip ? snap.peers : snap.peers.filter((p) => (all || p.userId === actor.userId) && (!filter.name || p.name === filter.name) && (!filter.ip || p.ip === filter.ip));
  return { account, snap, peers, groups, model };
}
