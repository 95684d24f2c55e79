// The routes one peer should receive in its network map: enabled routes distributed to one of its
// groups (or served by it), enabled network resources behind enabled routers that a policy lets
// the peer reach (as a source that passes the policy's posture checks) or that the peer routes
// itself, and the subnet and exit routes enabled on
// devices through the Tailscale API (of the routers the peer can see, or its own). Used by the
// agent's network map.
import type { Tx } from '../../db/client';
import { parseJsonList, parseJsonObject } from '../json';
import { groupIdsOfPeer, routingPeerIds } from './refs';
import { accessModel, type EffectiveAccess } from '../access/network-map';
import type { NetworkResource, NetworkRouter, Route } from '../../db/models';
import { allGroupId } from '../groups/all-group';
import { networkSerial } from '../serial';
import { perSerial } from '../access/per-serial';
import { inTransaction } from '../../db/client';
import { peerSnapshot, type PeerSnapshot } from '../access/peer-store';
import { parsePrefix } from '../validate-net';

export interface PeerRoute {
  /** Route id; for a network resource `<resourceId>:<routerId>` (one entry per router, as NetBird). */
  id: string;
  kind: 'route' | 'network-resource' | 'device-route';
  /** NetBird's route identifier ("NetID"): the route's network_id, or the resource's name. */
  netId: string;
  network?: string;
  domains?: string[];
  networkType: 'IPv4' | 'IPv6' | 'Domain';
  metric: number;
  masquerade: boolean;
  keepRoute: boolean;
  skipAutoApply: boolean;
  routingPeerIds: string[];
  /** Distribution groups (routes) or the resource's groups. */
  groups: string[];
  accessControlGroups: string[];
}

/** `visible`: the peers the policy engine lets this peer see (their device routes are included). */
export async function routesForPeer(
  db: Tx,
  accountId: string,
  peerId: string,
  visible: readonly string[] | { has(id: string): boolean } = [],
  serial?: number,
): Promise<PeerRoute[]> {
  let plan: RoutePlan;
  let myGroups: Set<string>;
  if (inTransaction(db)) {
    [plan, myGroups] = await Promise.all([loadRoutePlan(db, accountId), groupIdsOfPeer(db, accountId, peerId)]);
  } else {
    // Outside transactions: the plan per network serial, the peer's groups from the peer store.
    const at = serial ?? (await networkSerial(db, accountId));
    const [p, snap] = await Promise.all([perSerial(accountId, at, 'routes', () => loadRoutePlan(db, accountId)), peerSnapshot(db, accountId)]);
    plan = p;
    myGroups = new Set(snap.groupsOf.get(peerId) ?? []);
    if (plan.allGroupId) myGroups.add(plan.allGroupId);
  }
  // Posture results come from the access model, so routes agree with the packet filters.
  const model = plan.rules.some((r) => r.posture) ? (await accessModel(db, accountId)).model : undefined;
  const sees = Array.isArray(visible) ? new Set(visible as readonly string[]) : (visible as { has(id: string): boolean });
  return [...plainRoutes(plan, peerId, myGroups), ...resourceRoutes(plan, peerId, myGroups, model), ...(await deviceRoutes(db, accountId, peerId, sees))];
}

/**
 * The networks each peer routes as a NetBird routing peer or network router (enabled routes and
 * resources with an address; not the device routes): router id → prefixes. One map per serial.
 */
export async function routedByRouter(db: Tx, accountId: string, serial: number): Promise<ReadonlyMap<string, readonly string[]>> {
  if (inTransaction(db)) return routersOfPlan(await loadRoutePlan(db, accountId));
  return perSerial(accountId, serial, 'routed-by-router', async () => routersOfPlan(await perSerial(accountId, serial, 'routes', () => loadRoutePlan(db, accountId))));
}

function routersOfPlan(plan: RoutePlan): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (router: string, network: string | undefined) => {
    if (!network) return;
    const list = out.get(router);
    if (!list) out.set(router, [network]);
    else if (!list.includes(network)) list.push(network);
  };
  for (const { row, routers } of plan.plain) if (row.networkType !== 'Domain') for (const r of routers) add(r, row.network);
  for (const { resources, routers } of plan.networks) {
    for (const res of resources) {
      const { network } = resourceDestination(res.type, res.address);
      for (const { peers } of routers) for (const r of peers) add(r, network);
    }
  }
  return out;
}

/** What the account's routes and networks are, read once per serial: who routes what, and the rules. */
interface RoutePlan {
  plain: { row: Route; groups: string[]; routers: string[] }[];
  networks: { resources: (NetworkResource & { groups: { groupId: string }[] })[]; routers: { router: NetworkRouter; peers: string[] }[] }[];
  rules: RuleTarget[];
  allGroupId: string | undefined;
}

async function loadRoutePlan(db: Tx, accountId: string): Promise<RoutePlan> {
  const [routes, networks, allId] = await Promise.all([
    db.route.findMany({ where: { accountId, enabled: true }, orderBy: { id: 'asc' } }),
    db.network.findMany({
      where: { accountId },
      include: { resources: { where: { enabled: true }, include: { groups: true } }, routers: { where: { enabled: true } } },
      orderBy: { id: 'asc' },
    }),
    allGroupId(db, accountId),
  ]);
  const plain: RoutePlan['plain'] = [];
  for (const r of routes) {
    const routers = await routingPeerIds(db, accountId, { peer: r.peer, peerGroups: parseJsonList(r.peerGroups) });
    if (routers.length) plain.push({ row: r, groups: parseJsonList(r.groups), routers });
  }
  const rules = networks.some((n) => n.resources.length && n.routers.length) ? await acceptRules(db, accountId) : [];
  const nets: RoutePlan['networks'] = [];
  for (const n of networks) {
    if (n.resources.length === 0 || n.routers.length === 0) continue;
    const routers = await Promise.all(
      n.routers.map(async (r) => ({ router: r, peers: await routingPeerIds(db, accountId, { peer: r.peer, peerGroups: parseJsonList(r.peerGroups) }) })),
    );
    nets.push({ resources: n.resources, routers });
  }
  return { plain, networks: nets, rules, allGroupId: allId };
}

/**
 * Routes enabled on devices (Tailscale's approved subnet and exit routes) of the given peers. As in
 * Tailscale, a router's routes reach the peers that can see it; whether traffic to them passes is
 * the router's packet filter's business. Masqueraded, as Tailscale's subnet routers do by default.
 */
async function deviceRoutes(db: Tx, accountId: string, peerId: string, visible: { has(id: string): boolean }): Promise<PeerRoute[]> {
  // The account's few peers with enabled routes, then those this peer sees: a list of thousands of
  // visible peers would bind a parameter per peer.
  const all = await peersWithRoutes(db, accountId);
  const routers = all.filter((p) => p.id === peerId || visible.has(p.id));
  return routers.flatMap((router) =>
    parseJsonList(router.enabledRoutes).map((network): PeerRoute => ({
      id: `${router.id}:${network}`,
      kind: 'device-route',
      netId: network,
      network,
      networkType: network.includes(':') ? 'IPv6' : 'IPv4',
      metric: 9999,
      masquerade: true,
      keepRoute: false,
      skipAutoApply: network === '0.0.0.0/0' || network === '::/0',
      routingPeerIds: [router.id],
      groups: [],
      accessControlGroups: [],
    })),
  );
}

function plainRoutes(plan: RoutePlan, peerId: string, myGroups: Set<string>): PeerRoute[] {
  const out: PeerRoute[] = [];
  for (const { row: r, groups, routers } of plan.plain) {
    if (!routers.includes(peerId) && !groups.some((g) => myGroups.has(g))) continue;
    const domain = r.networkType === 'Domain';
    out.push({
      id: r.id,
      kind: 'route',
      netId: r.networkId,
      ...(domain ? { domains: parseJsonList(r.domains) } : { network: r.network }),
      networkType: domain ? 'Domain' : r.networkType === 'IPv6' ? 'IPv6' : 'IPv4',
      metric: r.metric,
      masquerade: r.masquerade,
      keepRoute: r.keepRoute,
      skipAutoApply: r.skipAutoApply,
      routingPeerIds: routers,
      groups,
      accessControlGroups: parseJsonList(r.accessControlGroups),
    });
  }
  return out;
}

interface RuleTarget {
  policyId: string;
  /** The policy has posture checks: only source peers that pass them may use the rule. */
  posture: boolean;
  sources: string[];
  sourcePeer: string;
  destinations: Set<string>;
  destinationResource: string;
}

/** Enabled accept rules of enabled policies, reduced to what matching a resource needs. */
async function acceptRules(db: Tx, accountId: string): Promise<RuleTarget[]> {
  const rules = await db.policyRule.findMany({
    where: { enabled: true, action: 'accept', policy: { accountId, enabled: true } },
    include: { policy: { select: { sourcePostureChecks: true } } },
  });
  return rules.map((r) => {
    const src = parseJsonObject<{ id?: string; type?: string }>(r.sourceResource);
    const dst = parseJsonObject<{ id?: string }>(r.destinationResource);
    return {
      policyId: r.policyId,
      posture: parseJsonList(r.policy.sourcePostureChecks).length > 0,
      sources: parseJsonList(r.sources),
      sourcePeer: src?.type === 'peer' && typeof src.id === 'string' ? src.id : '',
      destinations: new Set(parseJsonList(r.destinations)),
      destinationResource: typeof dst?.id === 'string' ? dst.id : '',
    };
  });
}

function resourceRoutes(plan: RoutePlan, peerId: string, myGroups: Set<string>, model: EffectiveAccess | undefined): PeerRoute[] {
  const { rules } = plan;
  const passes = (rule: RuleTarget) => !rule.posture || !model || model.passesPosture(rule.policyId, peerId);
  const out: PeerRoute[] = [];
  for (const { resources, routers } of plan.networks) {
    const isRouter = routers.some((r) => r.peers.includes(peerId));
    for (const res of resources) {
      const resGroups = res.groups.map((g) => g.groupId);
      const allowed =
        isRouter ||
        rules.some(
          (rule) =>
            (rule.destinationResource === res.id || resGroups.some((g) => rule.destinations.has(g))) &&
            (rule.sourcePeer === peerId || rule.sources.some((g) => myGroups.has(g))) &&
            passes(rule),
        );
      if (!allowed) continue;
      for (const { router, peers } of routers) {
        if (peers.length === 0) continue;
        out.push({
          id: `${res.id}:${router.id}`,
          kind: 'network-resource',
          netId: res.name,
          ...resourceDestination(res.type, res.address),
          metric: router.metric,
          masquerade: router.masquerade,
          keepRoute: true,
          skipAutoApply: false,
          routingPeerIds: peers,
          groups: resGroups,
          accessControlGroups: [],
        });
      }
    }
  }
  return out;
}

/** Hosts become /32 (or /128) prefixes; domains a one-element list. */
function resourceDestination(type: string, address: string): Pick<PeerRoute, 'network' | 'domains' | 'networkType'> {
  if (type === 'domain') return { domains: [address], networkType: 'Domain' };
  const prefix = parsePrefix(address.includes('/') ? address : `${address}/${address.includes(':') ? 128 : 32}`);
  return { network: prefix?.masked ?? address, networkType: prefix?.family ?? 'IPv4' };
}

const routersOf = new WeakMap<PeerSnapshot, { id: string; enabledRoutes: string }[]>();

/** The account's peers with enabled device routes, by id: from the peer store outside transactions. */
async function peersWithRoutes(db: Tx, accountId: string): Promise<{ id: string; enabledRoutes: string }[]> {
  if (inTransaction(db)) return db.peer.findMany({ where: { accountId, NOT: { enabledRoutes: '[]' } }, select: { id: true, enabledRoutes: true }, orderBy: { id: 'asc' } });
  const snap = await peerSnapshot(db, accountId);
  let list = routersOf.get(snap);
  if (!list) {
    list = snap.peers.filter((p) => p.enabledRoutes !== '[]').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    routersOf.set(snap, list);
  }
  return list;
}
