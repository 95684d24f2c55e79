// /security/events, /metrics and /threats: the attack-detection side of the statistics (stats.ts).
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { peerStats, type SecurityLevel } from './stats';

const MAX_EVENTS = 1000;
const SEVERITY: Record<SecurityLevel, number> = { OK: 0, SUSPECT: 1, MINOR: 2, WARNING: 3, DANGER: 4 };

export async function securityEvents(db: Tx, actor: Actor) {
  const { events } = await peerStats(db, actor);
  return { totalCount: events.length, events: events.slice(0, MAX_EVENTS) };
}

export async function securityMetrics(db: Tx, actor: Actor) {
  const { entries } = await peerStats(db, actor);
  const levels: Record<SecurityLevel, number> = { OK: 0, SUSPECT: 0, MINOR: 0, WARNING: 0, DANGER: 0 };
  for (const e of entries) levels[e.securityLevel]++;
  return {
    peersMonitored: new Set(entries.map((e) => e.ztAddress)).size,
    entries: entries.length,
    totalWireBytes: entries.reduce((s, e) => s + e.WireBytesIncoming + e.WireBytesOutgoing, 0),
    totalAuthBytes: entries.reduce((s, e) => s + e.AuthBytesIncoming + e.AuthBytesOutgoing, 0),
    totalSuspiciousPackets: entries.reduce((s, e) => s + e.SuspiciousPacketCount, 0),
    totalAttackEvents: entries.reduce((s, e) => s + e.AttackEventCount, 0),
    maxDivergenceRatio: entries.reduce((m, e) => Math.max(m, e.MaxDivergenceRatio), 0),
    levels,
  };
}

export async function securityThreats(db: Tx, actor: Actor) {
  const { entries } = await peerStats(db, actor);
  const threats = entries
    .filter((e) => e.securityLevel !== 'OK')
    .sort((a, b) => SEVERITY[b.securityLevel] - SEVERITY[a.securityLevel] || b.MaxDivergenceRatio - a.MaxDivergenceRatio)
    .map((e) => ({
      ztAddress: e.ztAddress,
      ipAddress: e.ipAddress,
      level: e.securityLevel,
      MaxDivergenceRatio: e.MaxDivergenceRatio,
      SuspiciousPacketCount: e.SuspiciousPacketCount,
      AttackEventCount: e.AttackEventCount,
      isInfrastructureNode: e.isInfrastructureNode,
    }));
  return { threats };
}
