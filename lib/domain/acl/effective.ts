// Who can reach whom, as the engine computes it (lib/domain/access/network-map.ts: NetBird policies and
// the stored access-policy document together), for the console's "Effective access" view: peer ×
// peer, or NetBird group × group, each connection with the rules that grant it (a NetBird policy
// and rule, or the document's entries with their line numbers).
import type { Tx } from '../../db/client';
import type { Actor } from '../actor';
import { parsePolicyText } from './check';
import { policyTextOf, topologyFromRows, topologyPeers, topologyUsers } from './topology';
import { lineLocator, parse } from '../hujson';
import { accessModel, type EffectiveAccess } from '../access/network-map';
import type { Rule, Selector } from '../policy/ir';
import { compileTailscalePolicy, isCompileError, type CompiledTailscalePolicy } from '../policy/tailscale/compile';
import type { NodeView } from '../policy/tailscale/topology';

/** At most this many rows per view, so the page stays readable and the answer fast. */
export const MAX_ROWS = 150;

export type GrantSource = { kind: 'netbird'; policy: string; rule: string } | { kind: 'acl'; lines: number[] };

export interface AccessCell {
  from: string;
  to: string;
  sources: GrantSource[];
  /** Groups view: how many peer pairs of the two groups are connected. */
  pairs?: number;
}

export interface EffectiveView {
  view: 'peers' | 'groups';
  rows: { id: string; name: string; detail: string }[];
  cells: AccessCell[];
  /** Rows left out beyond MAX_ROWS. */
  omitted: number;
}

type AclLines = (a: string, b: string) => number[];

/** For two peers, the lines of the document's acls/grants entries connecting them (either way). */
async function aclLineFinder(db: Tx, accountId: string, activeIds: Set<string>): Promise<AclLines> {
  const [text, users, peers] = await Promise.all([policyTextOf(db, accountId), topologyUsers(db, accountId), topologyPeers(db, accountId)]);
  let policy: CompiledTailscalePolicy;
  try {
    const compiled = compileTailscalePolicy(parsePolicyText(text), topologyFromRows(users, peers.filter((p) => activeIds.has(p.id))), undefined, 'enforce');
    if (isCompileError(compiled)) return () => [];
    policy = compiled;
  } catch {
    return () => [];
  }
  const lineOf = lineLocator(parse(text));
  const rules = policy.rules.map((r) => ({ r, src: policy.resolver.addresses(r.src), dst: policy.resolver.addresses(r.dst), line: ruleLine(r, lineOf) }));
  const covers = (sel: Selector, set: ReturnType<typeof policy.resolver.addresses>, n: NodeView) => sel.all || sel.anyAddress || sel.peers.includes(n.name) || set.overlaps(n.ips);
  const sameUser = (a: NodeView, b: NodeView) => !!a.user && a.user === b.user;
  const oneWay = (x: (typeof rules)[number], a: NodeView, b: NodeView) => covers(x.r.src, x.src, a) && (covers(x.r.dst, x.dst, b) || (!!x.r.dst.self && sameUser(a, b)));
  return (aId, bId) => {
    const a = policy.net.byName(aId);
    const b = policy.net.byName(bId);
    if (!a || !b) return [];
    const lines = rules.filter((x) => x.r.action === 'accept' && (oneWay(x, a, b) || oneWay(x, b, a))).map((x) => x.line);
    return [...new Set(lines)].sort((m, n) => m - n);
  };
}

function ruleLine(r: Rule, lineOf: (pointer: string) => number | undefined): number {
  if (r.origin.kind === 'acl') return r.origin.index < 0 ? 0 : (lineOf(`/acls/${r.origin.index}`) ?? 0);
  if (r.origin.kind === 'grant') return lineOf(`/grants/${r.origin.index}`) ?? 0;
  return 0;
}

function sourcesOf(model: EffectiveAccess, reasons: ReadonlySet<string>, aclLines: () => number[]): GrantSource[] {
  const out: GrantSource[] = [];
  for (const why of reasons) {
    if (why === 'acl') {
      out.push({ kind: 'acl', lines: aclLines() });
      continue;
    }
    const rule = model.netbird.ruleList.find((r) => r.id === why);
    if (rule?.origin.kind === 'netbird') out.push({ kind: 'netbird', policy: rule.origin.policyName, rule: rule.origin.ruleName });
  }
  return out;
}

const key = (s: GrantSource) => (s.kind === 'acl' ? `acl:${s.lines.join(',')}` : `nb:${s.policy}\u0000${s.rule}`);

export async function effectiveAccess(db: Tx, actor: Actor, view: 'peers' | 'groups'): Promise<EffectiveView> {
  const accountId = actor.accountId;
  const [{ model }, peers] = await Promise.all([
    accessModel(db, accountId),
    db.peer.findMany({ where: { accountId }, select: { id: true, name: true, ip: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
  ]);
  const active = new Set([...model.netbird.peers.values()].filter((p) => p.active).map((p) => p.id));
  const lines = await aclLineFinder(db, accountId, active);
  const peerCells = (ids: string[]) => {
    const cells: AccessCell[] = [];
    for (const a of ids) {
      for (const [b, reasons] of model.access(a).visible) cells.push({ from: a, to: b, sources: sourcesOf(model, reasons, () => lines(a, b)) });
    }
    return cells;
  };
  if (view === 'peers') {
    const shown = peers.slice(0, MAX_ROWS);
    const ids = new Set(shown.map((p) => p.id));
    return {
      view,
      rows: shown.map((p) => ({ id: p.id, name: p.name, detail: p.ip })),
      cells: peerCells(shown.map((p) => p.id)).filter((c) => ids.has(c.to)),
      omitted: peers.length - shown.length,
    };
  }
  const groups = await db.group.findMany({ where: { accountId }, select: { id: true, name: true, peers: { select: { peerId: true } } }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  const shown = groups.slice(0, MAX_ROWS);
  const groupsOf = new Map<string, string[]>();
  for (const g of shown) for (const { peerId } of g.peers) groupsOf.set(peerId, [...(groupsOf.get(peerId) ?? []), g.id]);
  const byPair = new Map<string, AccessCell & { seen: Map<string, GrantSource> }>();
  for (const c of peerCells([...groupsOf.keys()])) {
    for (const ga of groupsOf.get(c.from) ?? []) {
      for (const gb of groupsOf.get(c.to) ?? []) {
        const k = `${ga} ${gb}`;
        let cell = byPair.get(k);
        if (!cell) byPair.set(k, (cell = { from: ga, to: gb, sources: [], pairs: 0, seen: new Map() }));
        cell.pairs = (cell.pairs ?? 0) + 1;
        for (const s of c.sources) cell.seen.set(key(s), s);
      }
    }
  }
  return {
    view,
    rows: shown.map((g) => ({ id: g.id, name: g.name, detail: `${g.peers.length} peer${g.peers.length === 1 ? '' : 's'}` })),
    cells: [...byPair.values()].map(({ seen, ...c }) => ({ ...c, sources: [...seen.values()] })),
    omitted: groups.length - shown.length,
  };
}
