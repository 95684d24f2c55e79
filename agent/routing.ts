// Routes of the map (docs/agent.md, "Routes"). Two sides:
// - a routing peer serves the networks of the routes that name it: the kernel forwards (IP
//   forwarding on), the firewall's forward chain lets through what the map's packet filter allows
//   to those networks, and masquerades where the route says so (firewall.ts);
// - every other peer sends a routed network through one routing peer: the network joins that
//   peer's WireGuard allowed IPs, which also routes it through the mesh interface (wireguard.ts).
// Domain routes, default routes (exit nodes) and networks that overlap one of the machine's own
// subnets are not applied: a default route would also capture the agent's way to the server, and
// a route over a local subnet would cut the machine off from it.
import { readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import type { AgentMap } from './client';
import { parseSource, type Family } from './addresses';

type MapRoute = AgentMap['routes'][number];

/** A network this peer routes for others. */
export interface Served {
  network: string;
  family: Family;
  masquerade: boolean;
}

function familyOf(route: MapRoute): Family | null {
  if (!route.network || (route.network_type !== 'IPv4' && route.network_type !== 'IPv6')) return null;
  return parseSource(route.network)?.family ?? null;
}

const isDefault = (network: string) => /\/0$/.test(network);

/** The networks of the routes that name `selfId` among their routing peers (masquerade if any of them says so). */
export function servedNetworks(map: Pick<AgentMap, 'routes'>, selfId: string): Served[] {
  const byNetwork = new Map<string, Served>();
  for (const r of map.routes) {
    const family = familyOf(r);
    if (!family || !r.routing_peers.includes(selfId) || isDefault(r.network!)) continue;
    const had = byNetwork.get(r.network!);
    byNetwork.set(r.network!, { network: r.network!, family, masquerade: r.masquerade || !!had?.masquerade });
  }
  return [...byNetwork.values()];
}

const overlaps = (a: string, b: string) => {
  const x = parseSource(a);
  const y = parseSource(b);
  return !!x && !!y && x.family === y.family && x.range.from <= y.range.to && y.range.from <= x.range.to;
};

/** The machine's own subnets (interface addresses with their prefix), the mesh interface left out. */
export function localSubnets(meshInterface: string): string[] {
  const out: string[] = [];
  for (const [name, addrs] of Object.entries(networkInterfaces())) {
    if (name === meshInterface) continue;
    for (const a of addrs ?? []) if (!a.internal && a.cidr) out.push(a.cidr);
  }
  return out;
}

/**
 * For a peer that does not route them: each routed network → the public key of the routing peer to
 * send it through. Per network the route with the lowest metric wins (then the first listed), and
 * of its routing peers the first that the map lists with a key. `local`: the machine's subnets.
 */
export function routedThrough(map: Pick<AgentMap, 'routes' | 'peers'>, selfId: string, local: readonly string[]): Map<string, string> {
  const keyOf = new Map(map.peers.filter((p) => p.public_key).map((p) => [p.id, p.public_key]));
  const best = new Map<string, { metric: number; key: string }>();
  for (const r of map.routes) {
    if (!familyOf(r) || r.routing_peers.includes(selfId) || isDefault(r.network!)) continue;
    if (local.some((l) => overlaps(l, r.network!))) continue;
    const key = r.routing_peers.map((id) => keyOf.get(id)).find(Boolean);
    if (!key) continue;
    const had = best.get(r.network!);
    if (!had || r.metric < had.metric) best.set(r.network!, { metric: r.metric, key });
  }
  return new Map([...best].map(([network, { key }]) => [network, key]));
}

const FORWARD = { 4: '/proc/sys/net/ipv4/ip_forward', 6: '/proc/sys/net/ipv6/conf/all/forwarding' } as const;

/**
 * IP forwarding of the machine (of its network namespace), switched on while the peer routes and
 * put back as it was found when it stops.
 */
export class Forwarding {
  private found = new Map<Family, string>();

  /** Makes forwarding on exactly for the families that `served` needs (those this agent turned on). */
  set(served: readonly Served[]): void {
    for (const family of [4, 6] as const) {
      const want = served.some((s) => s.family === family);
      if (want && !this.found.has(family)) {
        const before = readFileSync(FORWARD[family], 'utf8').trim();
        if (before !== '1') writeFileSync(FORWARD[family], '1');
        this.found.set(family, before);
      } else if (!want && this.found.has(family)) this.restore(family);
    }
  }

  private restore(family: Family): void {
    const before = this.found.get(family)!;
    this.found.delete(family);
    if (before !== '1') {
      try {
        writeFileSync(FORWARD[family], before);
      } catch {
        // Best effort at exit: the namespace or machine may be going away.
      }
    }
  }

  /** Puts every family back as found. */
  reset(): void {
    for (const family of [...this.found.keys()]) this.restore(family);
  }
}
