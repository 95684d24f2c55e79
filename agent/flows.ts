// Traffic flows through the mesh (docs/agent.md, "Flows"), reported to POST /api/agent/flows in
// NetBird's event shape, one batch every FLOW_REPORT_MS:
// - connections from conntrack (conntrack.ts) whose original source or destination is one of this
//   peer's mesh addresses, or, on a routing peer, from a peer of the map to a network it serves.
//   Each report carries, per flow whose counters moved, the bytes and packets since the previous
//   one (rx/tx from this peer's side); the first has a TYPE_START sub-event, the last TYPE_END
//   (the connection closed — TIME_WAIT/CLOSE — or left the table);
// - what the firewall dropped, from its drop sets (firewall.ts): per source, destination,
//   protocol and port, one event with a TYPE_DROP sub-event and the dropped packets and bytes as rx.
// Events that cannot be sent (server unreachable) wait for the next report, at most MAX_PENDING.
import { randomUUID } from 'node:crypto';
import { Unreachable, type AgentMap } from './client';
import { canonical, readConntrack, type Tracked } from './conntrack';
import { DROP_SETS, tableName } from './firewall';
import { parseSource } from './addresses';
import { run } from './run';
import type { Served } from './routing';

export const FLOW_REPORT_MS = 5_000;
const MAX_PENDING = 50_000;
const PER_REQUEST = 10_000;

export interface FlowEndpoint {
  id: string;
  type: 'PEER' | 'SUBNET_RESOURCE' | 'HOST_RESOURCE' | 'UNKNOWN';
  name: string;
  address: string;
  dns_label: string;
}

export interface FlowEvent {
  flow_id: string;
  source: FlowEndpoint;
  destination: FlowEndpoint;
  protocol: number;
  direction: 'INGRESS' | 'EGRESS';
  icmp?: { type: number; code: number };
  rx_bytes: number;
  rx_packets: number;
  tx_bytes: number;
  tx_packets: number;
  window_start: string;
  window_end: string;
  events: { type: 'TYPE_START' | 'TYPE_END' | 'TYPE_DROP'; timestamp: string }[];
}

interface Known {
  flowId: string;
  /** Counters already reported (original direction, reply direction). */
  packets: number;
  bytes: number;
  replyPackets: number;
  replyBytes: number;
  since: string;
  ended: boolean;
}

const hostPort = (ip: string, port: number) => (port ? (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`) : ip);
const within = (ip: string, network: string) => {
  const a = parseSource(ip);
  const n = parseSource(network);
  return !!a && !!n && a.family === n.family && n.range.from <= a.range.from && a.range.to <= n.range.to;
};

/** Who is behind an address, as far as the map knows. */
class Directory {
  private readonly byIp = new Map<string, Omit<FlowEndpoint, 'address'>>();
  readonly own = new Set<string>();
  readonly routes: { network: string; id: string; name: string; host: boolean }[] = [];
  served: readonly Served[] = [];

  constructor(map?: AgentMap, served: readonly Served[] = []) {
    if (!map) return;
    this.served = served;
    const add = (p: { id: string; name: string; ip: string; ipv6: string }, label: string) => {
      for (const ip of [p.ip, p.ipv6].filter(Boolean)) this.byIp.set(canonical(ip), { id: p.id, type: 'PEER', name: p.name, dns_label: label });
    };
    add(map.peer, map.peer.fqdn);
    for (const ip of [map.peer.ip, map.peer.ipv6].filter(Boolean)) this.own.add(canonical(ip));
    for (const p of map.peers) add(p, p.dns_label);
    for (const r of map.routes) if (r.network) this.routes.push({ network: r.network, id: r.id, name: r.net_id, host: /\/(32|128)$/.test(r.network) });
  }

  isPeer(ip: string): boolean {
    return this.byIp.get(ip)?.type === 'PEER';
  }

  endpoint(ip: string, port: number): FlowEndpoint {
    const known = this.byIp.get(ip);
    if (known) return { ...known, address: hostPort(ip, port) };
    const route = this.routes.find((r) => within(ip, r.network));
    if (route) return { id: route.id, type: route.host ? 'HOST_RESOURCE' : 'SUBNET_RESOURCE', name: route.name, address: hostPort(ip, port), dns_label: '' };
    return { id: '', type: 'UNKNOWN', name: '', address: hostPort(ip, port), dns_label: '' };
  }

  /** EGRESS (this peer opened it), INGRESS (to this peer, or through it to a served network), or null: not mesh traffic. */
  direction(t: Pick<Tracked, 'src' | 'dst'>): 'INGRESS' | 'EGRESS' | null {
    if (this.own.has(t.src)) return 'EGRESS';
    if (this.own.has(t.dst)) return 'INGRESS';
    if (this.isPeer(t.src) && this.served.some((s) => within(t.dst, s.network))) return 'INGRESS';
    return null;
  }
}

export class FlowReporter {
  private dir = new Directory();
  private readonly flows = new Map<string, Known>();
  private readonly drops = new Map<string, { flowId: string; packets: number; bytes: number }>();
  private pending: FlowEvent[] = [];
  private last = new Date().toISOString();
  /** Set once the kernel offers no conntrack table (then only drops are reported). */
  noConntrack = false;

  constructor(private readonly ifname: string) {}

  /** A new map: who is who, and which networks this peer serves. */
  update(map: AgentMap, served: readonly Served[]): void {
    this.dir = new Directory(map, served);
  }

  /** The firewall table is about to be replaced (its drop sets start from zero): count what is in it first. */
  async beforeTableReplaced(): Promise<void> {
    await this.collectDrops(new Date().toISOString()).catch(() => {});
    this.drops.clear();
  }

  /** Flow events since the last call, queued for sending. */
  async collect(): Promise<void> {
    const now = new Date().toISOString();
    this.collectConnections(now);
    await this.collectDrops(now);
    this.last = now;
  }

  private collectConnections(now: string): void {
    const table = readConntrack();
    if (!table) {
      this.noConntrack = true;
      return;
    }
    const seen = new Set<string>();
    for (const t of table) {
      const direction = this.dir.direction(t);
      if (!direction) continue;
      const key = `${t.protocol} ${t.src} ${t.sport} ${t.dst} ${t.dport} ${t.icmp ? `${t.icmp.type}/${t.icmp.code}` : ''}`;
      seen.add(key);
      let known = this.flows.get(key);
      const fresh = !known;
      if (!known) this.flows.set(key, (known = { flowId: randomUUID(), packets: 0, bytes: 0, replyPackets: 0, replyBytes: 0, since: this.last, ended: false }));
      if (known.ended) continue;
      const closing = t.state === 'TIME_WAIT' || t.state === 'CLOSE';
      const moved = t.packets !== known.packets || t.replyPackets !== known.replyPackets;
      if (!fresh && !moved && !closing) continue;
      const d = { packets: t.packets - known.packets, bytes: t.bytes - known.bytes, replyPackets: t.replyPackets - known.replyPackets, replyBytes: t.replyBytes - known.replyBytes };
      const sub: FlowEvent['events'] = [];
      if (fresh) sub.push({ type: 'TYPE_START', timestamp: now });
      if (closing) sub.push({ type: 'TYPE_END', timestamp: now });
      this.queue(this.event(known.flowId, t, direction, d, known.since, now, sub));
      Object.assign(known, { packets: t.packets, bytes: t.bytes, replyPackets: t.replyPackets, replyBytes: t.replyBytes, since: now, ended: closing });
    }
    for (const [key, known] of this.flows) {
      if (seen.has(key)) continue;
      // Gone from the table: it ended (its last counters were reported with the previous read).
      if (!known.ended) {
        const [protocol, src, sport, dst, dport] = key.split(' ');
        const t = { protocol: Number(protocol), src, sport: Number(sport), dst, dport: Number(dport) };
        const direction = this.dir.direction(t);
        if (direction) this.queue(this.event(known.flowId, t, direction, { packets: 0, bytes: 0, replyPackets: 0, replyBytes: 0 }, known.since, now, [{ type: 'TYPE_END', timestamp: now }]));
      }
      this.flows.delete(key);
    }
  }

  private event(
    flowId: string,
    t: Pick<Tracked, 'protocol' | 'src' | 'sport' | 'dst' | 'dport' | 'icmp'>,
    direction: 'INGRESS' | 'EGRESS',
    d: { packets: number; bytes: number; replyPackets: number; replyBytes: number },
    since: string,
    now: string,
    sub: FlowEvent['events'],
  ): FlowEvent {
    // rx/tx from this peer's side: what it opened sends the original direction.
    const out = direction === 'EGRESS';
    return {
      flow_id: flowId,
      source: this.dir.endpoint(t.src, t.sport),
      destination: this.dir.endpoint(t.dst, t.dport),
      protocol: t.protocol,
      direction,
      ...(t.icmp ? { icmp: t.icmp } : {}),
      rx_bytes: out ? d.replyBytes : d.bytes,
      rx_packets: out ? d.replyPackets : d.packets,
      tx_bytes: out ? d.bytes : d.replyBytes,
      tx_packets: out ? d.packets : d.replyPackets,
      window_start: since,
      window_end: now,
      events: sub,
    };
  }

  private async collectDrops(now: string): Promise<void> {
    // The window starts where the last collection ended, read before the await: a collection that
    // ends meanwhile (a new map replacing the table runs this too) must not move it past `now`.
    const since = this.last < now ? this.last : now;
    const text = await run('nft', ['-j', '-n', 'list', 'table', 'inet', tableName(this.ifname)]).catch(() => '');
    if (!text) return;
    const names = new Set<string>(DROP_SETS.map((s) => s.name));
    const listed = new Set<string>();
    for (const item of (JSON.parse(text).nftables ?? []) as { set?: { name: string; elem?: { elem: { val: { concat: (string | number)[] }; counter?: { packets: number; bytes: number } } }[] } }[]) {
      if (!item.set || !names.has(item.set.name)) continue;
      for (const { elem } of item.set.elem ?? []) {
        const [src, dst, protocol, port = 0] = elem.val.concat;
        const counter = elem.counter ?? { packets: 0, bytes: 0 };
        const key = `${item.set.name} ${elem.val.concat.join(' ')}`;
        listed.add(key);
        let known = this.drops.get(key);
        if (!known) this.drops.set(key, (known = { flowId: randomUUID(), packets: 0, bytes: 0 }));
        // A counter below the last one belongs to an element that expired and came back.
        const packets = counter.packets >= known.packets ? counter.packets - known.packets : counter.packets;
        const bytes = counter.bytes >= known.bytes ? counter.bytes - known.bytes : counter.bytes;
        Object.assign(known, counter);
        if (packets <= 0) continue;
        const t = { protocol: Number(protocol), src: canonical(String(src)), sport: 0, dst: canonical(String(dst)), dport: Number(port) };
        const direction = this.dir.direction(t) ?? 'INGRESS';
        this.queue({
          ...this.event(known.flowId, t, direction, { packets, bytes, replyPackets: 0, replyBytes: 0 }, since, now, [{ type: 'TYPE_DROP', timestamp: now }]),
          rx_bytes: bytes,
          rx_packets: packets,
          tx_bytes: 0,
          tx_packets: 0,
        });
      }
    }
    // Elements that timed out of the sets are forgotten too.
    for (const key of [...this.drops.keys()]) if (!listed.has(key)) this.drops.delete(key);
  }

  private queue(e: FlowEvent): void {
    this.pending.push(e);
    // Oldest first out when the server has been away for long.
    if (this.pending.length > MAX_PENDING) this.pending.splice(0, this.pending.length - MAX_PENDING);
  }

  /**
   * Sends what is queued, PER_REQUEST events at a time; `send` throws when the server cannot take
   * them now (then they wait for the next report).
   */
  async flush(send: (events: FlowEvent[]) => Promise<void>): Promise<number> {
    let sent = 0;
    while (this.pending.length) {
      const batch = this.pending.slice(0, PER_REQUEST);
      try {
        await send(batch);
      } catch (e) {
        // Only an unreachable server keeps them; a refused batch would block every later one.
        if (!(e instanceof Unreachable)) this.pending.splice(0, batch.length);
        throw e;
      }
      this.pending.splice(0, batch.length);
      sent += batch.length;
    }
    return sent;
  }
}
