// Figures for ZeroTier's /metrics (asked with the installation's metrics token, so they cover the
// whole installation, like the node-wide metrics of a ZeroTier node).
import type { Tx } from '../../db/client';

export async function installationFigures(db: Tx) {
  const [networks, joined, moons, peers] = await Promise.all([
    db.zeroTierNetwork.findMany({ select: { id: true, nwid: true }, orderBy: { nwid: 'asc' } }),
    db.zeroTierJoin.count(),
    db.zeroTierMoon.count(),
    db.peer.count({ where: { ztAddress: { not: null } } }),
  ]);
  const groups = await db.zeroTierMember.groupBy({ by: ['networkId', 'authorized'], _count: { _all: true } });
  const perNetwork = new Map(networks.map((n) => [n.id, { nwid: n.nwid, members: 0, authorized: 0 }]));
  for (const g of groups) {
    const n = perNetwork.get(g.networkId);
    if (!n) continue;
    n.members += g._count._all;
    if (g.authorized) n.authorized += g._count._all;
  }
  return { networks: [...perNetwork.values()], joined, moons, peers };
}
