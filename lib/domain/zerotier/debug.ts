// /debug/peer and /debug/lookup: views of one node or one IP address over the statistics (stats.ts)
// and the nodes the account knows.
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { peerStats } from './stats';

/** ZeroTier reserves address 0 and addresses starting with 0xff. */
export const isValidNodeAddress = (a: string) => /^[0-9a-f]{10}$/.test(a) && a !== '0000000000' && !a.startsWith('ff');

export async function debugPeer(db: Tx, actor: Actor, ztAddress: string) {
  const peer = await db.peer.findUnique({
    where: { accountId_ztAddress: { accountId: actor.accountId, ztAddress } },
    select: { connected: true, connectionIp: true, version: true },
  });
  const { entries, infrastructure } = await peerStats(db, actor);
  const mine = entries.filter((e) => e.ztAddress === ztAddress);
  return {
    ztAddress,
    isValidAddress: isValidNodeAddress(ztAddress),
    nodeReady: true,
    existsInTopology: !!peer || infrastructure.has(ztAddress),
    isAlive: !!peer?.connected,
    hasDirectPath: !!peer?.connected && !!peer.connectionIp,
    remoteVersionKnown: !!peer?.version,
    remoteVersion: peer?.version ?? '',
    hasStatsEntry: mine.length > 0,
    totalIncoming: mine.reduce((s, e) => s + e.WireBytesIncoming, 0),
    totalOutgoing: mine.reduce((s, e) => s + e.WireBytesOutgoing, 0),
    ipAddressCount: mine.length,
    statsPerIP: mine.map((e) => ({ ipAddress: e.ipAddress, totalIncoming: e.WireBytesIncoming, totalOutgoing: e.WireBytesOutgoing })),
  };
}

export async function lookupByIp(db: Tx, actor: Actor, ip: string) {
  const { entries, infrastructure } = await peerStats(db, actor);
  const zts = [...new Set(entries.filter((e) => e.ipAddress === ip).map((e) => e.ztAddress))].sort();
  return { ipAddress: ip, ztAddresses: zts.map((z) => ({ ztAddress: z, isInfrastructure: infrastructure.has(z) })) };
}

export async function lookupByAddress(db: Tx, actor: Actor, ztAddress: string) {
  const { entries, infrastructure } = await peerStats(db, actor);
  const ips = [...new Set(entries.filter((e) => e.ztAddress === ztAddress).map((e) => e.ipAddress))].sort();
  return { ztAddress, ipAddresses: ips, isInfrastructure: infrastructure.has(ztAddress) };
}
