// The policy engines at scale, in process (no server): 10,000 peers and 500 rules, measured for
// real (every map built, no estimates). Targets: compile + every peer's map ≤ 1 s; one peer or rule
// change ≤ 50 ms; validating a 5,000-line HuJSON policy document ≤ 200 ms. The sizes are the
// `policy*` ones of bench/sizes.ts (smaller under --smoke).
import { toJSONValue } from '../lib/domain/hujson';
import { AccessModel, type ModelPeer } from '../lib/domain/policy/evaluate';
import { compileNetbird, type NetbirdRuleInput } from '../lib/domain/policy/netbird-compile';
import { compileTailscalePolicy, isCompileError, type CompiledTailscalePolicy } from '../lib/domain/policy/tailscale/compile';
import { TailscaleMaps } from '../lib/domain/policy/tailscale/netmap';
import type { Topology } from '../lib/domain/policy/tailscale/topology';
import { policyDocument } from '../tests/support/hujson-policy';
import type { Benchmark } from './context';
import { percentile, type Figure } from './lib';
import { k, type Sizes } from './sizes';

/** Change-path runs before measuring (JIT warm-up; each measured run is a new change). */
const WARMUP = 3;

interface Sample {
  wall: number;
  /** The process's CPU time: on a busy machine it shows the work itself. */
  cpu: number;
}

function time<T>(fn: () => T): [T, Sample] {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = fn();
  const d = process.cpuUsage(c);
  return [r, { wall: performance.now() - t, cpu: (d.user + d.system) / 1000 }];
}

function figure(name: string, samples: Sample[], extra?: string): Figure {
  const wall = samples.map((x) => x.wall).sort((a, b) => a - b);
  const cpu = samples.map((x) => x.cpu).sort((a, b) => a - b);
  const note = `cpu median ${percentile(cpu, 50).toFixed(0)} ms, n=${samples.length}`;
  return { name, median: percentile(wall, 50), p95: percentile(wall, 95), unit: 'ms', extra: extra ? `${extra}; ${note}` : note };
}

const ip = (n: number) => `100.${64 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;

/**
 * With `portDrops`, one rule in 20 is a TCP drop of ports 1000-1200 from its own and one more group
 * (it removes some TCP accepts whole and splits "all" accepts for about 1,600 peers).
 */
function netbirdInputs({ policyPeers: PEERS, policyRules: RULES, policyGroups: GROUPS }: Sizes, portDrops: boolean) {
  const peers: ModelPeer[] = Array.from({ length: PEERS }, (_, n) => ({ id: `p${n}`, ip: ip(n + 1), ipv6: '', groups: [`g${n % GROUPS}`, `g${(n * 7) % GROUPS}`], active: true }));
  const rules: NetbirdRuleInput[] = Array.from({ length: RULES }, (_, r) => ({
    policyId: `pol${r}`, policyName: `policy ${r}`, ruleId: `r${r}`, ruleName: `rule ${r}`, action: 'accept', bidirectional: r % 3 === 0,
    protocol: r % 2 ? 'tcp' : 'all', ports: r % 2 ? [String(1000 + r)] : [], portRanges: [], sourceGroups: [`g${r % GROUPS}`], destinationGroups: [`g${(r * 13 + 1) % GROUPS}`], postureChecks: [],
  }));
  if (portDrops) {
    for (let r = 7; r < RULES; r += 20) rules[r] = { ...rules[r], action: 'drop', ports: [], portRanges: [{ start: 1000, end: 1200 }], sourceGroups: [`g${r % GROUPS}`, `g${(r * 3) % GROUPS}`] };
  }
  return { peers, rules };
}

function tailscaleInputs({ policyPeers: PEERS, policyRules: RULES, policyGroups: GROUPS }: Sizes): { topology: Topology; policy: object } {
  const users = Array.from({ length: 200 }, (_, u) => ({ id: u + 1, name: `user${u}`, email: `user${u}@example.com`, role: u === 0 ? 'owner' : 'member' }));
  const nodes = Array.from({ length: PEERS }, (_, n) => {
    const tagged = n % 4 === 0;
    return { name: `node${n}`, hostname: `node${n}`, tags: tagged ? [`tag:t${n % 20}`] : [], ipv4: ip(n + 1), user: tagged ? undefined : `user${n % 200}`, approvedRoutes: [] };
  });
  const groups = Object.fromEntries(Array.from({ length: GROUPS }, (_, g) => [`group:g${g}`, users.filter((_, u) => u % GROUPS === g).map((u) => u.email)]));
  const tagOwners = Object.fromEntries(Array.from({ length: 20 }, (_, t) => [`tag:t${t}`, ['user0@example.com']]));
  const acls = Array.from({ length: RULES }, (_, r) => ({ action: 'accept', src: [`group:g${r % GROUPS}`], dst: [r % 2 ? `tag:t${r % 20}:${1000 + r}` : `group:g${(r * 7) % GROUPS}:*`] }));
  return { topology: { users, nodes }, policy: { groups, tagOwners, acls } };
}

/** Runs fn `runs` times (each a full, real measurement); the figure is their median and p95. */
function repeat(name: string, runs: number, fn: () => void, extra?: string): Figure {
  return figure(name, Array.from({ length: runs }, () => time(fn)[1]), extra);
}

function netbirdFigures(sizes: Sizes, portDrops: boolean): Figure[] {
  const { policyPeers: PEERS, policyRules: RULES, policyGroups: GROUPS } = sizes;
  const { peers, rules } = netbirdInputs(sizes, portDrops);
  const drops = rules.filter((r) => r.action === 'drop').length;
  const label = portDrops ? 'NetBird, 5% port drops' : 'NetBird';
  const figures: Figure[] = [];
  let model = new AccessModel(peers, compileNetbird(rules, undefined));
  // Every peer's map: its packet filter (built) and its visible peers (the shared set of its
  // signature; materializing the id list is what one sync does, measured separately below).
  const allMaps = () => {
    model = new AccessModel(peers, compileNetbird(rules, undefined));
    let n = 0;
    for (const p of peers) n += model.access(p.id).filter.length + model.visibleCount(p.id);
    return n;
  };
  const about = portDrops ? `${RULES - drops} accept + ${drops} TCP port-range drop rules` : `${RULES} rules`;
  figures.push(repeat(`${label}: compile + all ${k(PEERS)} peer maps`, 3, allMaps, `${PEERS.toLocaleString('en')} peers, ${about}, ${GROUPS} groups`));
  figures.push(repeat(`${label}: one peer map, visible ids listed`, 20, () => model.access(peers[(Math.random() * PEERS) | 0].id).peerIds.length));
  const peerChange: Sample[] = [];
  const ruleChange: Sample[] = [];
  let current = peers;
  for (let i = 0; i < WARMUP + 10; i++) {
    current = current.map((p, j) => (j === i * 131 ? { ...p, groups: [...p.groups, `g${(i + 3) % GROUPS}`] } : p));
    const compiled = compileNetbird(rules, undefined);
    const [, t] = time(() => {
      model = model.update(current, compiled);
      const a = model.access(current[i * 131].id);
      return a.filter.length + a.peerIds.length;
    });
    if (i >= WARMUP) peerChange.push(t);
    for (const p of current.slice(0, 2000)) model.access(p.id);
    const edited = rules.map((r, j) => (j === (i * 37) % RULES ? { ...r, destinationGroups: [`g${(i * 11) % GROUPS}`] } : r));
    const [, u] = time(() => {
      model = model.update(current, compileNetbird(edited, undefined));
      const a = model.access(current[i].id);
      return a.filter.length + a.peerIds.length;
    });
    if (i >= WARMUP) ruleChange.push(u);
  }
  figures.push(figure(`${label}: one peer change (update + its map)`, peerChange, `after ${WARMUP} warm-up changes`));
  figures.push(figure(`${label}: one rule change (update + a map)`, ruleChange, `after ${WARMUP} warm-up changes`));
  return figures;
}

function tailscaleFigures(sizes: Sizes): Figure[] {
  const { policyPeers: PEERS, policyRules: RULES, policyGroups: GROUPS } = sizes;
  const ts = tailscaleInputs(sizes);
  const figures: Figure[] = [];
  let compiled = compileTailscalePolicy(ts.policy, ts.topology);
  const compileOrThrow = (policy: object, topology: Topology, previous?: CompiledTailscalePolicy) => {
    const c = compileTailscalePolicy(policy, topology, previous);
    if (isCompileError(c)) throw new Error(c.error);
    return c;
  };
  const allMaps = () => {
    const c = compileOrThrow(ts.policy, ts.topology);
    const maps = new TailscaleMaps(c);
    let n = 0;
    for (const node of ts.topology.nodes) n += maps.filter(node.name).length + maps.peerCount(node.name);
    compiled = c;
    return n;
  };
  figures.push(repeat(`Tailscale ACL: compile + all ${k(PEERS)} node maps`, 3, allMaps, `${PEERS.toLocaleString('en')} nodes, ${RULES} entries, ${GROUPS} groups, 20 tags`));
  const peerChange: Sample[] = [];
  const ruleChange: Sample[] = [];
  let topology = ts.topology;
  for (let i = 0; i < WARMUP + 10; i++) {
    const changed = i * 97 + 1;
    topology = { ...topology, nodes: topology.nodes.map((n, j) => (j === changed ? { ...n, tags: [`tag:t${(i + 5) % 20}`], user: undefined } : n)) };
    const [, t] = time(() => {
      const c = compileOrThrow(ts.policy, topology, compiled as CompiledTailscalePolicy);
      const maps = new TailscaleMaps(c);
      compiled = c;
      return maps.filter(`node${changed}`).length + maps.peers(`node${changed}`).length;
    });
    if (i >= WARMUP) peerChange.push(t);
    const policy = { ...ts.policy, acls: (ts.policy as { acls: object[] }).acls.map((a, j) => (j === (i * 37) % RULES ? { action: 'accept', src: [`group:g${i % GROUPS}`], dst: [`tag:t${i % 20}:22`] } : a)) };
    const [, u] = time(() => {
      const c = compileOrThrow(policy, topology, compiled as CompiledTailscalePolicy);
      const maps = new TailscaleMaps(c);
      return maps.filter(`node${i * 4}`).length + maps.peers(`node${i * 4}`).length;
    });
    if (i >= WARMUP) ruleChange.push(u);
  }
  figures.push(figure('Tailscale ACL: one node change (compile + its map)', peerChange, `after ${WARMUP} warm-up changes`));
  figures.push(figure('Tailscale ACL: one entry change (compile + a map)', ruleChange, `after ${WARMUP} warm-up changes`));
  return figures;
}

function validationFigure(lines: number): Figure {
  const doc = policyDocument(lines);
  const validate: Sample[] = [];
  for (let i = 0; i < 5; i++) {
    const [, t] = time(() => {
      const value = toJSONValue(doc) as object;
      return compileTailscalePolicy(value, { users: [{ id: 1, name: 'admin', email: 'admin@example.com', role: 'owner' }], nodes: [] });
    });
    validate.push(t);
  }
  return figure(`validate a ${doc.split('\n').length}-line HuJSON document`, validate);
}

export const policyBench: Benchmark = {
  name: 'policy',
  about: 'policy engines in process: 10,000 peers × 500 rules (all maps, one change), 5,000-line document. Targets: all maps ≤ 1 s, one change ≤ 50 ms, validation ≤ 200 ms',
  inProcess: true,
  async run({ sizes }) {
    return [...netbirdFigures(sizes, false), ...netbirdFigures(sizes, true), ...tailscaleFigures(sizes), validationFigure(sizes.policyDocumentLines)];
  },
};
