// What a routing peer forwards: packet-filter entries whose destination is a network it routes
// (Tailscale's shape: a subnet router's filter names the subnet in DstPorts). The routing peer's
// agent turns them into forward rules; other peers' agents ignore destinations that are not theirs.
// Follows NetBird's route firewall rules:
// - a route without access-control groups lets any peer that reaches the router through
//   (NetBird's "default permit": source any), to the route's network, any protocol and port;
// - a route with access-control groups lets through the sources of the enabled accept rules whose
//   destination groups include one of them, with the rule's protocols and ports;
// - a network resource lets through the sources of the enabled accept rules whose destination is
//   the resource or one of its groups, with the rule's protocols and ports.
// Sources are peers' mesh addresses ("*" for the All group). Posture checks are already in the
// compiled rules (their sources are synthetic groups of the peers that pass). Not covered: drop
// rules (they do not subtract from forwarded traffic), rules of the access-policy document, and
// the device routes enabled through the Tailscale API (their forwarded traffic is dropped).
import type { FilterRule } from '../policy/evaluate';
import type { Rule } from '../policy/ir';
import { addresses, type ModelPeer } from '../policy/peer-set';
import type { PeerRoute } from './routes-for-peer';
import { parsePrefix } from '../validate-net';

/** "10.0.0.7" → "10.0.0.7/32", "10.0.0.7/24" → "10.0.0.0/24"; null when not an address or prefix. */
function prefixOf(address: string): string | null {
  const withBits = address.includes('/') ? address : `${address}/${address.includes(':') ? 128 : 32}`;
  return parsePrefix(withBits)?.masked ?? null;
}

const ALL_PORTS = { First: 0, Last: 65535 };

/** The mesh addresses of the active peers a rule's source names ("*" for everyone). */
function sourcesOf(rule: Rule, peers: Iterable<ModelPeer>): string[] {
  if (rule.src.all) return ['*'];
  const groups = new Set(rule.src.groups);
  const named = new Set(rule.src.peers);
  const out: string[] = [];
  for (const p of peers) {
    if (!p.active) continue;
    if (named.has(p.id) || p.groups.some((g) => groups.has(g))) out.push(...addresses(p));
  }
  return out;
}

function entriesFor(rule: Rule, sources: string[], network: string): FilterRule {
  const ports = rule.ports.length ? rule.ports.map((p) => ({ First: p.first, Last: p.last })) : [ALL_PORTS];
  const entry: FilterRule = { SrcIPs: sources, DstPorts: ports.map((Ports) => ({ IP: network, Ports })) };
  return rule.protocols.length ? { ...entry, IPProto: [...rule.protocols] } : entry;
}

/**
 * The forwarding entries of `peerId` for the routes it serves among `routes` (its map's routes).
 * `rules`: the account's compiled NetBird rules; `peers`: the access model's peers.
 */
export function routeFilter(
  peerId: string,
  routes: readonly PeerRoute[],
  rules: readonly Rule[],
  peers: ReadonlyMap<string, ModelPeer>,
  allGroupId: string | undefined,
): FilterRule[] {
  const out: FilterRule[] = [];
  const seen = new Set<string>();
  const push = (entry: FilterRule) => {
    const key = JSON.stringify(entry);
    if (entry.SrcIPs.length && !seen.has(key)) (seen.add(key), out.push(entry));
  };
  const accepts = rules.filter((r) => r.action === 'accept' && r.origin.kind === 'netbird');
  for (const route of routes) {
    if (!route.routingPeerIds.includes(peerId) || !route.network || route.kind === 'device-route') continue;
    const network = route.network;
    if (route.kind === 'route') {
      if (!route.accessControlGroups.length) {
        push({ SrcIPs: ['*'], DstPorts: [{ IP: network, Ports: ALL_PORTS }] });
        continue;
      }
      const acg = new Set(route.accessControlGroups);
      for (const r of accepts) {
        if (r.dst.groups.some((g) => acg.has(g)) || (r.dst.all && allGroupId && acg.has(allGroupId))) push(entriesFor(r, sourcesOf(r, peers.values()), network));
      }
      continue;
    }
    // A network resource: its groups, or the resource itself (compiled as its address).
    const groups = new Set(route.groups);
    for (const r of accepts) {
      const toResource = r.dst.groups.some((g) => groups.has(g)) || r.dst.cidrs.some((c) => prefixOf(c) === network);
      if (toResource) push(entriesFor(r, sourcesOf(r, peers.values()), network));
    }
  }
  return out;
}
