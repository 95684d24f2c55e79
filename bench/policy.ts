// The policy engines at scale, in process (no server): 10,000 peers and 500 rules.
// Targets: compile + every peer's map ≤ 1 s; one peer change ≤ 50 ms; validating a 5,000-line
// HuJSON policy document ≤ 200 ms.
import { toJSONValue } from '../lib/domain/hujson';
import { AccessModel, type ModelPeer } from '../lib/domain/policy/evaluate';
import { compileNetbird, type NetbirdRuleInput } from '../lib/domain/policy/netbird-compile';
import { compileTailscalePolicy, isCompileError } from '../lib/domain/policy/tailscale/compile';
import { TailscaleMaps } from '../lib/domain/policy/tailscale/netmap';
import type { Topology } from '../lib/domain/policy/tailscale/topology';
import { policyDocument } from '../tests/support/hujson-policy';
import type { Benchmark } from './context';
import { percentile, type Figure } from './lib';

const PEERS = 10_000;
const RULES = 500;
const GROUPS = 50;

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

function figure(name: string, samples: number[], unit = 'ms', extra?: string): Figure {
  const s = [...samples].sort((a, b) => a - b);
  return { name, median: percentile(s, 50), p95: percentile(s, 95), unit, extra };
}

const ip = (n: number) => `100.${64 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;

function netbirdInputs() {
  const peers: ModelPeer[] = Array.from({ length: PEERS }, (_, n) => ({ id: `p${n}`, ip: ip(n + 1), ipv6: '', groups: [`g${n % GROUPS}`, `g${(n * 7) % GROUPS}`], active: true }));
  const rules: NetbirdRuleInput[] = Array.from({ length: RULES }, (_, r) => ({
    policyId: `pol${r}`, policyName: `policy ${r}`, ruleId: `r${r}`, ruleName: `rule ${r}`, action: 'accept', bidirectional: r % 3 === 0,
    protocol: r % 2 ? 'tcp' : 'all', ports: r % 2 ? [String(1000 + r)] : [], portRanges: [], sourceGroups: [`g${r % GROUPS}`], destinationGroups: [`g${(r * 13 + 1) % GROUPS}`], postureChecks: [],
  }));
  return { peers, rules };
}

function tailscaleInputs(): { topology: Topology; policy: object } {
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

export const policyBench: Benchmark = {
  name: 'policy',
  about: 'policy engines: 10,000 peers × 500 rules, one change, 5,000-line document',
  async run() {
    const figures: Figure[] = [];
    const { peers, rules } = netbirdInputs();
    const full: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [model, build] = time(() => new AccessModel(peers, compileNetbird(rules, undefined)));
      const [, maps] = time(() => peers.forEach((p) => model.access(p.id)));
      full.push(build + maps);
    }
    figures.push(figure('NetBird rules: compile + 10k peer maps', full));
    const change: number[] = [];
    for (let i = 0; i < 5; i++) {
      peers[i].groups = [...peers[i].groups, `g${(i + 3) % GROUPS}`];
      // A change bumps the serial: the model is rebuilt once, then only asked peers are evaluated.
      const [, t] = time(() => new AccessModel(peers, compileNetbird(rules, undefined)).access(peers[i].id));
      change.push(t);
    }
    figures.push(figure('NetBird rules: one peer change (rebuild + its map)', change));

    const ts = tailscaleInputs();
    const tsFull: number[] = [];
    for (let i = 0; i < 2; i++) {
      const [compiled, c] = time(() => compileTailscalePolicy(ts.policy, ts.topology));
      if (isCompileError(compiled)) throw new Error(compiled.error);
      const maps = new TailscaleMaps(compiled);
      const [, m] = time(() => ts.topology.nodes.forEach((n) => maps.filter(n.name)));
      tsFull.push(c + m);
    }
    figures.push(figure('Tailscale ACL: compile + 10k packet filters', tsFull));
    const doc = policyDocument(5000);
    const validate: number[] = [];
    for (let i = 0; i < 5; i++) {
      const [, t] = time(() => {
        const value = toJSONValue(doc) as object;
        return compileTailscalePolicy(value, { users: [{ id: 1, name: 'admin', email: 'admin@example.com', role: 'owner' }], nodes: [] });
      });
      validate.push(t);
    }
    figures.push(figure(`validate a ${doc.split('\n').length}-line HuJSON document`, validate));
    return figures;
  },
};
