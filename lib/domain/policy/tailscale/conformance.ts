// Comparing the engine with captures of Tailscale's control plane (format in
// tests/fixtures/conformance/README.md). Pure functions: the caller reads the files.
//
// Normal form used for comparison (Tailscale's own list order is not significant for enforcement):
// - a packet filter is a list of rules; inside a rule SrcIPs are sorted as strings, DstPorts by
//   IP, then First, then Last (duplicates kept), IPProto numerically, CapGrant Dsts as strings;
//   the rules themselves are then sorted by their JSON text. A missing or null filter is [].
// - peers are the set of peer host names (the first label of each peer's Name), sorted.
import { compileTailscalePolicy, isCompileError } from './compile';
import { TailscaleMaps, type TsFilterRule } from './netmap';
import type { Topology } from './topology';

export interface CaptureRecord {
  test_id: string;
  category: string;
  input: { full_policy: object | null; api_response_code: number; api_response_body?: { message?: string } | null };
  topology: {
    users: { id: number | string; name: string; email: string; role?: string }[];
    nodes: Record<string, { hostname?: string; tags?: string[]; ipv4: string; ipv6?: string; user?: string; routable_ips?: string[]; approved_routes?: string[] }>;
  };
  captures?: Record<string, { packet_filter_rules?: unknown; peers?: { Name: string }[] | null; capture_error?: unknown }> | null;
}

export interface CaptureOutcome {
  id: string;
  category: string;
  passed: boolean;
  /** The first difference, for --diff. */
  diff?: string;
}

export function captureTopology(r: CaptureRecord): Topology {
  return {
    users: r.topology.users.map((u) => ({ ...u })),
    nodes: Object.entries(r.topology.nodes).map(([name, n]) => ({
      name,
      hostname: n.hostname ?? name,
      tags: n.tags ?? [],
      ipv4: n.ipv4,
      ipv6: n.ipv6,
      user: n.user,
      routableIps: n.routable_ips ?? [],
      approvedRoutes: n.approved_routes ?? [],
    })),
  };
}

function normalRule(r: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (Array.isArray(r.SrcIPs)) out.SrcIPs = [...(r.SrcIPs as string[])].sort();
  if (Array.isArray(r.DstPorts)) {
    out.DstPorts = [...(r.DstPorts as { IP: string; Ports: { First: number; Last: number } }[])]
      .map((d) => ({ IP: d.IP, Ports: { First: d.Ports.First, Last: d.Ports.Last } }))
      .sort((a, b) => (a.IP !== b.IP ? (a.IP < b.IP ? -1 : 1) : a.Ports.First - b.Ports.First || a.Ports.Last - b.Ports.Last));
  }
  if (Array.isArray(r.IPProto) && r.IPProto.length) out.IPProto = [...(r.IPProto as number[])].sort((a, b) => a - b);
  if (Array.isArray(r.CapGrant)) {
    out.CapGrant = (r.CapGrant as { Dsts: string[]; CapMap: Record<string, unknown> }[])
      .map((g) => ({ Dsts: [...g.Dsts].sort(), CapMap: sortKeys(g.CapMap) }))
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }
  return out;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}

export function normalFilter(rules: unknown): string[] {
  if (!Array.isArray(rules)) return [];
  return rules.map((r) => JSON.stringify(normalRule(r as Record<string, unknown>))).sort();
}

function firstDiff(expected: string[], actual: string[]): string {
  const missing = expected.filter((e) => !actual.includes(e));
  const extra = actual.filter((a) => !expected.includes(a));
  return [...missing.slice(0, 3).map((m) => `  - expected ${m}`), ...extra.slice(0, 3).map((m) => `  + actual   ${m}`)].join('\n') || `  (counts differ: expected ${expected.length}, actual ${actual.length})`;
}

export function runCapture(r: CaptureRecord): CaptureOutcome {
  const base = { id: r.test_id, category: r.category };
  const topology = captureTopology(r);
  const result = compileTailscalePolicy(r.input.full_policy ?? {}, topology);
  const wantReject = r.input.api_response_code !== 200;
  if (isCompileError(result)) {
    const want = r.input.api_response_body?.message ?? '';
    if (!wantReject) return { ...base, passed: false, diff: `rejected with ${JSON.stringify(result.error)}, Tailscale accepted` };
    if (result.error !== want) return { ...base, passed: false, diff: `message ${JSON.stringify(result.error)}, Tailscale said ${JSON.stringify(want)}` };
    return { ...base, passed: true };
  }
  if (wantReject) return { ...base, passed: false, diff: `accepted, Tailscale rejected with ${JSON.stringify(r.input.api_response_body?.message)}` };

  const maps = new TailscaleMaps(result);
  const hostToNode = new Map(topology.nodes.map((n) => [n.hostname ?? n.name, n.name]));
  for (const [node, cap] of Object.entries(r.captures ?? {})) {
    if (cap.capture_error) continue;
    const want = normalFilter(cap.packet_filter_rules);
    const got = normalFilter(maps.filter(node) satisfies TsFilterRule[]);
    if (JSON.stringify(want) !== JSON.stringify(got)) return { ...base, passed: false, diff: `node ${node}: packet filter differs\n${firstDiff(want, got)}` };
    if (cap.peers !== undefined) {
      const wantPeers = (cap.peers ?? []).map((p) => { const host = p.Name.split('.')[0]; return hostToNode.get(host) ?? host; }).sort();
      const gotPeers = maps.peers(node).sort();
      if (JSON.stringify(wantPeers) !== JSON.stringify(gotPeers)) return { ...base, passed: false, diff: `node ${node}: peers differ\n  expected ${wantPeers.join(', ')}\n  actual   ${gotPeers.join(', ')}` };
    }
  }
  return { ...base, passed: true };
}

export interface CategoryTotals {
  passed: number;
  failed: number;
}

export function tally(outcomes: CaptureOutcome[]): Map<string, CategoryTotals> {
  const out = new Map<string, CategoryTotals>();
  for (const o of outcomes) {
    let t = out.get(o.category);
    if (!t) out.set(o.category, (t = { passed: 0, failed: 0 }));
    if (o.passed) t.passed++;
    else t.failed++;
  }
  return out;
}
