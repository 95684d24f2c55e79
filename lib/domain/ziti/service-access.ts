// Which Ziti services (the account's network resources) an identity may Dial or Bind, decided by
// the one policy engine (lib/domain/access/network-map.ts) — no second set of rules:
//
// - Dial: an enabled NetBird rule accepts traffic from the identity (the All group, one of its
//   groups, or its peer) to the resource (one of the resource's groups, or the resource itself), and
//   no protocol-wide drop rule cuts that pair; or, when the identity has an active peer, the
//   effective access (NetBird policies + the ACL document) lets that peer reach the resource's
//   address through one of the routers of the resource's network.
// - Bind: the identity's active peer is a router of the resource's network (its `peer`, or a member
//   of its `peer_groups`), i.e. it can host the service.
//
// An identity's groups are its linked peer's groups (while the peer is active: approved and its
// user not blocked) plus the groups its role attributes name. See docs/ziti-services.md.
import type { Tx } from '../../db/client';
import { inChunks } from '../../db/chunks';
import type { NetworkResource, ZitiIdentity } from '../../db/models';
import { ALL_GROUP_NAME } from '../groups/all-group';
import { parseJsonList } from '../json';
import { accessModel, type EffectiveAccess } from '../access/network-map';
import type { FilterRule } from '../policy/evaluate';
import type { Rule, Selector } from '../policy/ir';
import { subtract } from '../policy/traffic';
import { IPSet, parseAddr } from '../policy/tailscale/ipset';
import { classifyResourceAddress } from '../validate-net';

export type ZitiPermission = 'Dial' | 'Bind';

export type ServiceResource = NetworkResource & { groupIds: string[]; roleAttributes: string[] };

/** Everything the decision needs about one account, loaded once per request. */
export interface ServiceCatalog {
  resources: ServiceResource[];
  /** Active peers that route each network (enabled routers only). */
  routersOf: Map<string, string[]>;
  model: EffectiveAccess;
  groupIdByName: Map<string, string>;
  groupNameById: Map<string, string>;
  /** Routers' packet filters, computed once per catalog (one request) and router. */
  filters?: Map<string, FilterRule[]>;
}

export async function loadServiceCatalog(db: Tx, accountId: string): Promise<ServiceCatalog> {
  const [resources, routers, groups, { model }] = await Promise.all([
    db.networkResource.findMany({ where: { accountId }, include: { groups: { select: { groupId: true } } }, orderBy: { id: 'asc' } }),
    db.networkRouter.findMany({ where: { accountId, enabled: true }, orderBy: { metric: 'asc' } }),
    db.group.findMany({ where: { accountId }, select: { id: true, name: true } }),
    accessModel(db, accountId),
  ]);
  const groupNameById = new Map(groups.map((g) => [g.id, g.name]));
  const groupIdByName = new Map(groups.map((g) => [g.name, g.id]));
  const routerGroups = [...new Set(routers.flatMap((r) => parseJsonList(r.peerGroups)))];
  const members = routerGroups.length
    ? await inChunks(routerGroups, (chunk) => db.groupPeer.findMany({ where: { groupId: { in: chunk } }, select: { groupId: true, peerId: true } }))
    : [];
  const allPeers = [...model.netbird.peers.values()].filter((p) => p.active).map((p) => p.id);
  const routersOf = new Map<string, string[]>();
  for (const r of routers) {
    const ids = new Set<string>();
    if (r.peer && model.netbird.peers.get(r.peer)?.active) ids.add(r.peer);
    for (const g of parseJsonList(r.peerGroups)) {
      const members_ = groupNameById.get(g) === ALL_GROUP_NAME ? allPeers : members.filter((m) => m.groupId === g).map((m) => m.peerId);
      for (const id of members_) if (model.netbird.peers.get(id)?.active) ids.add(id);
    }
    routersOf.set(r.networkId, [...new Set([...(routersOf.get(r.networkId) ?? []), ...ids])]);
  }
  return {
    resources: resources.map(({ groups: g, ...r }) => {
      const groupIds = g.map((x) => x.groupId);
      return { ...r, groupIds, roleAttributes: groupIds.map((id) => groupNameById.get(id) ?? id) };
    }),
    routersOf,
    model,
    groupIdByName,
    groupNameById,
  };
}

/** The identity as the policy engine sees it. */
interface Subject {
  peerId?: string;
  groups: Set<string>;
}

function subjectOf(catalog: ServiceCatalog, identity: Pick<ZitiIdentity, 'peerId' | 'roleAttributes'>): Subject {
  const peer = identity.peerId ? catalog.model.netbird.peers.get(identity.peerId) : undefined;
  const active = peer?.active ? peer : undefined;
  const groups = new Set(active?.groups ?? []);
  for (const name of parseJsonList(identity.roleAttributes)) {
    const id = catalog.groupIdByName.get(name);
    if (id) groups.add(id);
  }
  return { peerId: active?.id, groups };
}

const hasSubject = (sel: Selector, s: Subject) => sel.all || sel.groups.some((g) => s.groups.has(g)) || (!!s.peerId && sel.peers.includes(s.peerId));

// The All group holds peers only, as in NetBird: a resource is a destination when named by one of
// its groups or by itself (destination resources compile to their address).
const hasResource = (sel: Selector, r: ServiceResource) => sel.groups.some((g) => r.groupIds.includes(g)) || sel.cidrs.includes(r.address);

function ruleLets(rule: Rule, s: Subject, r: ServiceResource): boolean {
  return (hasSubject(rule.src, s) && hasResource(rule.dst, r)) || (rule.bidirectional && hasResource(rule.src, r) && hasSubject(rule.dst, s));
}

/**
 * Dial is allowed while some accept rule still lets traffic through once the drop rules that apply
 * to the same subject and resource took their part (the packet filter's semantics, policy/traffic.ts):
 * accept TCP 22 + drop TCP 22 gives nothing to dial, accept all + drop TCP 22 still does.
 */
function netbirdAllows(rules: readonly Rule[], s: Subject, r: ServiceResource): boolean {
  const drops = rules.filter((rule) => rule.action === 'drop' && ruleLets(rule, s, r));
  return rules.some((rule) => rule.action === 'accept' && ruleLets(rule, s, r) && subtract(rule, drops).length > 0);
}

/** The resource's addresses as a set; domain resources match only rules open to every address. */
function resourceSet(r: ServiceResource): IPSet | null {
  const a = classifyResourceAddress(r.address);
  return a && a.type !== 'domain' ? IPSet.parse(a.address) : null;
}

/** Whether a router's packet filter (NetBird + ACL) accepts the subject's peer towards the resource. */
function routerFilterAllows(catalog: ServiceCatalog, routerId: string, peerId: string, r: ServiceResource): boolean {
  const me = catalog.model.netbird.peers.get(peerId);
  if (!me) return false;
  const mine = [parseAddr(me.ip), me.ipv6 ? parseAddr(me.ipv6) : undefined].filter((a) => !!a);
  const target = resourceSet(r);
  catalog.filters ??= new Map();
  let filter = catalog.filters.get(routerId);
  if (!filter) catalog.filters.set(routerId, (filter = catalog.model.access(routerId).filter));
  return filter.some((f) => {
    const src = f.SrcIPs.includes('*') ? null : IPSet.parse(...f.SrcIPs);
    if (src && !mine.some((a) => src.contains(a!))) return false;
    return f.DstPorts.some((d) => d.IP === '*' || (!!target && IPSet.parse(d.IP).overlaps(target)));
  });
}

export function permissionsFor(catalog: ServiceCatalog, identity: Pick<ZitiIdentity, 'peerId' | 'roleAttributes'>, r: ServiceResource): ZitiPermission[] {
  if (!r.enabled) return [];
  const s = subjectOf(catalog, identity);
  const routers = catalog.routersOf.get(r.networkId) ?? [];
  const out: ZitiPermission[] = [];
  const dial =
    netbirdAllows(catalog.model.netbird.ruleList, s, r) ||
    (!!s.peerId && routers.some((routerId) => routerId !== s.peerId && routerFilterAllows(catalog, routerId, s.peerId!, r)));
  if (dial) out.push('Dial');
  if (s.peerId && routers.includes(s.peerId)) out.push('Bind');
  return out;
}
