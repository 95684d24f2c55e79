// The agent's side of deltas (docs/agent-protocol.md, "Deltas"): the map it holds, updated by a
// delta the server sent against it. Anything that does not fit — a delta against another version,
// an id or record name to remove that the map does not hold — gives null, and the agent asks for
// the full map instead of guessing.
import type { AgentMap } from './client';

type Dns = AgentMap['dns'];

export interface MapDelta {
  /** The version token the delta was made against: the one the agent named. */
  base: string;
  peers_changed: AgentMap['peers'];
  peers_removed: string[];
  records_changed: Dns['records'];
  records_removed: string[];
  /** Sections present only when they changed, each whole (`dns` without its records). */
  approval_required?: AgentMap['approval_required'];
  peer?: AgentMap['peer'];
  packet_filter?: AgentMap['packet_filter'];
  routes?: AgentMap['routes'];
  dns?: Omit<Dns, 'records'>;
  ssh_policy?: AgentMap['ssh_policy'];
  watch_files?: AgentMap['watch_files'];
}

const WHOLE = ['approval_required', 'peer', 'packet_filter', 'routes', 'ssh_policy', 'watch_files'] as const;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `map` (held as version `held`) with `delta` applied, as the map of `serial`; null when it does not fit. */
export function applyDelta(map: AgentMap, held: string, serial: number, delta: MapDelta): AgentMap | null {
  if (delta.base !== held) return null;
  const peers = new Map(map.peers.map((p) => [p.id, p]));
  for (const id of delta.peers_removed) if (!peers.delete(id)) return null;
  for (const p of delta.peers_changed) peers.set(p.id, p);
  const records = new Map(map.dns.records.map((r) => [r.name, r]));
  for (const name of delta.records_removed) if (!records.delete(name)) return null;
  for (const r of delta.records_changed) records.set(r.name, r);
  // The server's order: peers by IPv4 address then id, records by address then name (as strings).
  const next: AgentMap = { ...map, serial, peers: [...peers.values()].sort((a, b) => cmp(a.ip, b.ip) || cmp(a.id, b.id)) };
  for (const key of WHOLE) if (delta[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = delta[key];
  next.dns = { ...(delta.dns ?? map.dns), records: [...records.values()].sort((a, b) => cmp(a.value, b.value) || cmp(a.name, b.name)) };
  return next;
}
