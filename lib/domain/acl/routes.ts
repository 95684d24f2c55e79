// The access-policy document towards routed networks, for one peer's agent map (as Tailscale's
// subnet routers): the routing peer's forwarding entries for the document's rules that reach the
// networks it routes, and the peers that see each other because a rule lets one reach a network
// the other routes (lib/domain/policy/tailscale/routed.ts does the policy side).
import type { Tx } from '../../db/client';
import type { EffectiveAccess, SharedList } from '../access/network-map';
import type { FilterRule } from '../policy/evaluate';
import type { RoutedNetwork } from '../policy/tailscale/routed';
import { routedByRouter, type PeerRoute } from '../networks/routes-for-peer';

/** The document's forwarding entries for the networks `peerId` routes among its map's `routes`. */
export function aclRouteFilter(model: EffectiveAccess, peerId: string, routes: readonly PeerRoute[]): FilterRule[] {
  if (!model.acl) return [];
  const networks: RoutedNetwork[] = [];
  const seen = new Set<string>();
  for (const r of routes) {
    if (!r.network || !r.routingPeerIds.includes(peerId)) continue;
    const key = `${r.network}|${r.kind === 'device-route'}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Exit routes are not forwarded yet (README, "Not done yet").
    if (r.network === '0.0.0.0/0' || r.network === '::/0') continue;
    networks.push({ network: r.network, inTopology: r.kind === 'device-route' });
  }
  return model.acl.routedFilter(networks) as FilterRule[];
}

/** Lists extended with the peers seen through routed networks, shared per (list, extra peers). */
const extended = new WeakMap<SharedList, Map<string, SharedList>>();

/**
 * `list` plus the peers `peerId` sees only because the document lets it reach a network they
 * route (or lets them reach one it routes). The same list when there are none.
 */
export async function withRoutedPeers(db: Tx, accountId: string, serial: number, model: EffectiveAccess, peerId: string, list: SharedList, has: ReadonlySet<string>): Promise<SharedList> {
  if (!model.acl) return list;
  const routers = await routedByRouter(db, accountId, serial);
  if (!routers.size) return list;
  const more = model.acl.routedReach(routers).get(peerId);
  const missing = more ? [...more].filter((id) => !has.has(id)).sort() : [];
  if (!missing.length) return list;
  let byKey = extended.get(list);
  if (!byKey) extended.set(list, (byKey = new Map()));
  const key = missing.join(',');
  let out = byKey.get(key);
  if (!out) byKey.set(key, (out = { ids: [...list.ids, ...missing] }));
  return out;
}
