// Peers of a map or an accessible-peers answer, from the peer store in the order the answer lists
// them: each order is sorted once per snapshot, then every request filters it. (Reading 10,000
// reachable peers from the database per agent sync is what made syncs slow at scale.)
import type { Tx } from '../../db/client';
import type { Peer } from '../../db/models';
import { peerSnapshot, type PeerSnapshot } from './peer-store';

export type PeerOrder = 'ip' | 'name';

const sorted = { ip: new WeakMap<PeerSnapshot, Peer[]>(), name: new WeakMap<PeerSnapshot, Peer[]>() };

/** The snapshot's peers by `order`, then id. */
export function peersInOrder(snap: PeerSnapshot, order: PeerOrder): Peer[] {
  let list = sorted[order].get(snap);
  if (!list) {
    list = [...snap.peers].sort((a, b) => (a[order] < b[order] ? -1 : a[order] > b[order] ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    sorted[order].set(snap, list);
  }
  return list;
}

/** The account's peers of `ids`, in `order`; ids of peers that no longer exist are left out. */
export async function visiblePeers(db: Tx, accountId: string, ids: readonly string[], order: PeerOrder): Promise<Peer[]> {
  if (!ids.length) return [];
  const all = peersInOrder(await peerSnapshot(db, accountId), order);
  const wanted = new Set(ids);
  return all.filter((p) => wanted.has(p.id));
}
