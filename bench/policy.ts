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
    // Building every peer's map is too slow to run in full here (see the note in the README), so the
    // per-peer cost is sampled and the total for all 10,000 peers is estimated from it.
    const [model, build] = time(() => new AccessModel(peers, compileNetbird(rules, undefined)));
    figures.push(figure('NetBird rules: compile + resolve (10k peers, 500 rules)', [build]));
    const perPeer = Array.from({ length: 50 }, (_, i) => time(() => model.access(peers[(i * 197) % PEERS].id))[1]);
    figures.push(figure('NetBird rules: one peer map', perPeer));
    const med = percentile([...perPeer].sort((a, b) => a - b), 50);
    figures.push(figure('NetBird rules: all 10k peer maps (estimated)', [build + med * PEERS], 'ms', 'compile + 10,000 × median peer map'));
    const change: number[] = [];
    for (let i = 0; i < 5; i++) {
      peers[i].groups = [...peers[i].groups, `g${(i + 3) % GROUPS}`];
      // A change bumps the serial: the model is rebuilt once, then only asked peers are evaluated.
      const [, t] = time(() => new AccessModel(peers, compileNetbird(rules, undefined)).access(peers[i].id));
      change.push(t);
    }
    figures.push(figure('NetBird rules: one peer change (rebuild + its map)', change));

    const ts = tailscaleInputs();
    const [compiled, c] = time(() => compileTailscalePolicy(ts.policy, ts.topology));
    if (isCompileError(compiled)) throw new Error(compiled.error);
    figures.push(figure('Tailscale ACL: compile (10k nodes, 500 entries)', [c]));
    const maps = new TailscaleMaps(compiled);
    const perNode = Array.from({ length: 20 }, (_, i) => time(() => maps.filter(ts.topology.nodes[(i * 499) % PEERS].name))[1]);
    figures.push(figure('Tailscale ACL: one packet filter', perNode));
    const tsMed = percentile([...perNode].sort((a, b) => a - b), 50);
    figures.push(figure('Tailscale ACL: all 10k packet filters (estimated)', [c + tsMed * PEERS], 'ms', 'compile + 10,000 × median filter'));
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
