// ZeroTier's two-tier peer statistics, computed from the traffic flows meshdeck recorded (the
// network-traffic events peers report) for the account's ZeroTier members over the last 24 hours.
//
// How meshdeck's flows map onto ZeroTier's model:
// - an entry is one (member node address, IP address) pair: each flow endpoint that is a peer with a
//   ZeroTier address, at the address the flow saw it use;
// - tier 1 (wire, untrusted) counts every flow, including flows the policy dropped; tier 2
//   (authenticated, trusted) counts only flows that were not dropped. Packets of dropped flows are
//   "suspicious", each dropped flow is an "attack event";
// - IP-level totals are wire bytes summed per IP over all node addresses seen at that IP; ZT-level
//   totals are authenticated bytes summed per node address over all its IPs. The display value is the
//   higher of the two, marked "i" or "z". Infrastructure nodes (orbited moons) keep their ZT-level
//   totals but are left out of every IP-level sum;
// - divergence ratio = wire bytes / authenticated bytes (an authenticated count of 0 counts as 1 byte);
//   security level: OK without suspicious packets, else DANGER at a ratio of 20 or more, WARNING at 5
//   or more, MINOR above 1, SUSPECT otherwise.
import type { Tx } from '../../db/client';
import { CHUNK_SIZE } from '../../db/chunks';
import type { Actor } from '../actor';
import { moonAddresses } from './node';

export const STATS_WINDOW_MS = 24 * 3600 * 1000;
const MAX_EVENTS = 200_000;
export const DANGER_RATIO = 20;
export const WARNING_RATIO = 5;

export type SecurityLevel = 'OK' | 'SUSPECT' | 'MINOR' | 'WARNING' | 'DANGER';

export interface StatsEntry {
  ztAddress: string;
  ipAddress: string;
  displayBytesIncoming: number;
  displayBytesOutgoing: number;
  rxSource: 'i' | 'z';
  txSource: 'i' | 'z';
  isInfrastructureNode: boolean;
  WireBytesIncoming: number;
  WireBytesOutgoing: number;
  AuthBytesIncoming: number;
  AuthBytesOutgoing: number;
  WirePacketsIncoming: number;
  WirePacketsOutgoing: number;
  AuthPacketsIncoming: number;
  AuthPacketsOutgoing: number;
  SuspiciousPacketCount: number;
  AttackEventCount: number;
  MaxDivergenceRatio: number;
  securityLevel: SecurityLevel;
  incomingPorts: Record<string, number>;
  outgoingPorts: Record<string, number>;
}

export interface SecurityEvent {
  timestamp: number;
  ztAddress: string;
  ipAddress: string;
  type: 'POLICY_DROP';
  flowId: string;
  bytes: number;
  packets: number;
}

export interface PeerStats {
  entries: StatsEntry[];
  events: SecurityEvent[];
  infrastructure: Set<string>;
}

/** "1.2.3.4:80", "[fd00::1]:80", "fd00::1" or "1.2.3.4" → host and port. */
export function splitHostPort(address: string): { host: string; port: string } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(address);
  if (v6) return { host: v6[1], port: v6[2] ?? '' };
  const colons = address.split(':').length - 1;
  if (colons === 1) {
    const [host, port] = address.split(':');
    return { host, port };
  }
  return { host: address, port: '' };
}

export function securityLevel(suspicious: number, ratio: number): SecurityLevel {
  if (suspicious === 0) return 'OK';
  if (ratio >= DANGER_RATIO) return 'DANGER';
  if (ratio >= WARNING_RATIO) return 'WARNING';
  if (ratio > 1) return 'MINOR';
  return 'SUSPECT';
}

interface Acc {
  zt: string;
  ip: string;
  wireIn: number;
  wireOut: number;
  authIn: number;
  authOut: number;
  wirePktIn: number;
  wirePktOut: number;
  authPktIn: number;
  authPktOut: number;
  suspicious: number;
  attacks: number;
  inPorts: Record<string, number>;
  outPorts: Record<string, number>;
}

const ratio = (wire: number, auth: number) => (wire === 0 ? 0 : Math.round((wire / Math.max(auth, 1)) * 100) / 100);

export async function peerStats(db: Tx, actor: Actor, now = Date.now()): Promise<PeerStats> {
  const peers = await db.peer.findMany({ where: { accountId: actor.accountId, ztAddress: { not: null } }, select: { id: true, ztAddress: true } });
  const ztOf = new Map(peers.map((p) => [p.id, p.ztAddress!]));
  const infrastructure = await moonAddresses(db, actor.accountId);
  const entries = new Map<string, Acc>();
  const events: SecurityEvent[] = [];
  if (ztOf.size) {
    const ids = [...ztOf.keys()];
    const rows = await db.trafficEvent.findMany({
      where: {
        accountId: actor.accountId,
        windowStart: { gte: new Date(now - STATS_WINDOW_MS) },
        // Both lists bind a parameter per member: beyond one chunk's worth, read the account's
        // events and keep those of members below (ztOf) instead.
        ...(ids.length * 2 <= CHUNK_SIZE ? { OR: [{ srcId: { in: ids } }, { dstId: { in: ids } }] } : {}),
      },
      select: { flowId: true, srcId: true, dstId: true, srcAddress: true, dstAddress: true, direction: true, rxBytes: true, txBytes: true, rxPackets: true, txPackets: true, numDrops: true, eventTypes: true, windowEnd: true },
      orderBy: { windowStart: 'desc' },
      take: MAX_EVENTS,
    });
    for (const r of rows) {
      const dropped = r.numDrops > 0 || r.eventTypes.includes('TYPE_DROP');
      // Bytes the source sent and received: flows report them from the reporter's side; an INGRESS
      // record was reported by the destination, so its rx is what the source sent.
      const srcSent = Number(r.direction === 'INGRESS' ? r.rxBytes : r.txBytes);
      const srcRecv = Number(r.direction === 'INGRESS' ? r.txBytes : r.rxBytes);
      const srcSentPkt = Number(r.direction === 'INGRESS' ? r.rxPackets : r.txPackets);
      const srcRecvPkt = Number(r.direction === 'INGRESS' ? r.txPackets : r.rxPackets);
      const dstPort = splitHostPort(r.dstAddress).port;
      for (const side of ['src', 'dst'] as const) {
        const zt = ztOf.get(side === 'src' ? r.srcId : r.dstId);
        if (!zt) continue;
        const ip = splitHostPort(side === 'src' ? r.srcAddress : r.dstAddress).host;
        if (!ip) continue;
        const key = `${zt}@${ip}`;
        let a = entries.get(key);
        if (!a) entries.set(key, (a = { zt, ip, wireIn: 0, wireOut: 0, authIn: 0, authOut: 0, wirePktIn: 0, wirePktOut: 0, authPktIn: 0, authPktOut: 0, suspicious: 0, attacks: 0, inPorts: {}, outPorts: {} }));
        const bytesIn = side === 'src' ? srcRecv : srcSent;
        const bytesOut = side === 'src' ? srcSent : srcRecv;
        const pktIn = side === 'src' ? srcRecvPkt : srcSentPkt;
        const pktOut = side === 'src' ? srcSentPkt : srcRecvPkt;
        a.wireIn += bytesIn;
        a.wireOut += bytesOut;
        a.wirePktIn += pktIn;
        a.wirePktOut += pktOut;
        if (dropped) {
          a.suspicious += pktIn + pktOut;
          a.attacks++;
          events.push({ timestamp: r.windowEnd.getTime(), ztAddress: zt, ipAddress: ip, type: 'POLICY_DROP', flowId: r.flowId, bytes: bytesIn + bytesOut, packets: pktIn + pktOut });
        } else {
          a.authIn += bytesIn;
          a.authOut += bytesOut;
          a.authPktIn += pktIn;
          a.authPktOut += pktOut;
        }
        if (dstPort) {
          const ports = side === 'src' ? a.outPorts : a.inPorts;
          ports[dstPort] = (ports[dstPort] ?? 0) + 1;
        }
      }
    }
  }
  // Tier totals: wire bytes per IP (infrastructure nodes excluded), authenticated bytes per node.
  const perIp = new Map<string, { in: number; out: number }>();
  const perZt = new Map<string, { in: number; out: number }>();
  for (const a of entries.values()) {
    if (!infrastructure.has(a.zt)) {
      const t = perIp.get(a.ip) ?? { in: 0, out: 0 };
      t.in += a.wireIn;
      t.out += a.wireOut;
      perIp.set(a.ip, t);
    }
    const z = perZt.get(a.zt) ?? { in: 0, out: 0 };
    z.in += a.authIn;
    z.out += a.authOut;
    perZt.set(a.zt, z);
  }
  const out: StatsEntry[] = [...entries.values()].map((a) => {
    const infra = infrastructure.has(a.zt);
    const ipT = infra ? { in: 0, out: 0 } : perIp.get(a.ip)!;
    const ztT = perZt.get(a.zt)!;
    const max = ratio(a.wireIn + a.wireOut, a.authIn + a.authOut);
    return {
      ztAddress: a.zt,
      ipAddress: a.ip,
      displayBytesIncoming: Math.max(ipT.in, ztT.in),
      displayBytesOutgoing: Math.max(ipT.out, ztT.out),
      rxSource: ipT.in > ztT.in ? 'i' : 'z',
      txSource: ipT.out > ztT.out ? 'i' : 'z',
      isInfrastructureNode: infra,
      WireBytesIncoming: a.wireIn,
      WireBytesOutgoing: a.wireOut,
      AuthBytesIncoming: a.authIn,
      AuthBytesOutgoing: a.authOut,
      WirePacketsIncoming: a.wirePktIn,
      WirePacketsOutgoing: a.wirePktOut,
      AuthPacketsIncoming: a.authPktIn,
      AuthPacketsOutgoing: a.authPktOut,
      SuspiciousPacketCount: a.suspicious,
      AttackEventCount: a.attacks,
      MaxDivergenceRatio: max,
      securityLevel: securityLevel(a.suspicious, max),
      incomingPorts: a.inPorts,
      outgoingPorts: a.outPorts,
    };
  });
  // Highest total first, by the displayed (higher) figures.
  out.sort((x, y) => y.displayBytesIncoming + y.displayBytesOutgoing - (x.displayBytesIncoming + x.displayBytesOutgoing) || (x.ztAddress + x.ipAddress).localeCompare(y.ztAddress + y.ipAddress));
  events.sort((a, b) => b.timestamp - a.timestamp);
  return { entries: out, events, infrastructure };
}
