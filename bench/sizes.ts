// Every size the benchmarks use, in one table. The full run measures at the sizes the README's
// figures name; `--smoke` (run by CI) runs the same code at sizes that take a few minutes on 2
// cores, so that a benchmark that crashes, answers 5xx or runs out of memory fails CI. The
// environment knobs override either table, --scale and --requests override both.

export interface Sizes {
  /** Seeded users (and tokens) of the main account. */
  scale: number;
  /** Requests per figure. */
  requests: number;
  /** Peer counts GET /api/peers is measured at, in order (the last one also for PUT). */
  peers: number[];
  /** Peers of the console peer table, and Chromium page loads measured on it. */
  consolePeers: number;
  /** Peers of the dashboard's account (bench/dashboard.ts). */
  dashboardPeers: number;
  browserRuns: number;
  /** Traffic events seeded for the traffic charts. */
  trafficEvents: number;
  /** ZeroTier members, of which the first `ztUnauthorized` wait for authorization. */
  ztMembers: number;
  ztUnauthorized: number;
  /** Policy engines: peers (≥ 2,000, the change loops pick peers up to there), rules, groups. */
  policyPeers: number;
  policyRules: number;
  policyGroups: number;
  policyDocumentLines: number;
  /** Agent maps: peers of the account (all reach each other), timed requests per figure, agents
   * syncing at once after a change and rounds of that. */
  mapsPeers: number;
  mapsRequests: number;
  mapsAgents: number;
  mapsRounds: number;
  /** Live stream: peers of its account, seconds it runs (a meta update every 100 ms), listing clients. */
  streamPeers: number;
  streamSeconds: number;
  streamClients: number;
  /** Data plane with real agents (bench/dataplane-agents.ts): agents in network namespaces, policy
   * changes timed (each flips the port a policy opens), seconds the idle server's CPU is read. */
  dataplaneAgents: number;
  dataplaneRounds: number;
  dataplaneIdleSeconds: number;
  /** Push to simulated agents (bench/dataplane-push.ts): peers of its account, agents long-polling,
   * policy changes timed (after one untimed warm-up change). */
  pushPeers: number;
  pushAgents: number;
  pushRounds: number;
  /** Two processes on one PostgreSQL database (bench/scale-out.ts): changes timed through one and read through the other. */
  scaleOutRounds: number;
  /** Many accounts on one server (bench/tenants.ts): accounts of `tenantsPeers` peers each, accounts
   * timed (at random), requests per endpoint and account, and the largest ratio of a per-account
   * median to the one-account median (0: not checked, smoke runs only look for errors). */
  tenantsAccounts: number;
  tenantsPeers: number;
  tenantsSample: number;
  tenantsRequests: number;
  tenantsRatioLimit: number;
  /** A benchmark taking longer fails (a hang must not stall CI); 0 = no limit. */
  timeoutMs: number;
}

const FULL: Sizes = {
  scale: 1000,
  requests: 2000,
  peers: [1000, 5000, 25_000],
  consolePeers: 100_000,
  dashboardPeers: 100_000,
  browserRuns: 5,
  trafficEvents: 5_000_000,
  ztMembers: 5000,
  ztUnauthorized: 1000,
  policyPeers: 10_000,
  policyRules: 500,
  policyGroups: 50,
  policyDocumentLines: 5000,
  mapsPeers: 10_000,
  mapsRequests: 10,
  mapsAgents: 100,
  mapsRounds: 3,
  streamPeers: 25_000,
  streamSeconds: 60,
  streamClients: 16,
  dataplaneAgents: 20,
  dataplaneRounds: 5,
  dataplaneIdleSeconds: 10,
  pushPeers: 10_000,
  pushAgents: 2000,
  pushRounds: 5,
  scaleOutRounds: 50,
  tenantsAccounts: 1000,
  tenantsPeers: 100,
  tenantsSample: 50,
  tenantsRequests: 10,
  tenantsRatioLimit: 1.2,
  timeoutMs: 0,
};

const SMOKE: Sizes = {
  scale: 200,
  requests: 200,
  peers: [500, 2000],
  consolePeers: 3000,
  dashboardPeers: 3000,
  browserRuns: 2,
  trafficEvents: 50_000,
  ztMembers: 1000,
  ztUnauthorized: 200,
  policyPeers: 2000,
  policyRules: 100,
  policyGroups: 20,
  policyDocumentLines: 500,
  mapsPeers: 1000,
  mapsRequests: 5,
  mapsAgents: 100,
  mapsRounds: 2,
  streamPeers: 2000,
  streamSeconds: 5,
  streamClients: 4,
  dataplaneAgents: 3,
  dataplaneRounds: 2,
  dataplaneIdleSeconds: 3,
  pushPeers: 500,
  pushAgents: 50,
  pushRounds: 2,
  scaleOutRounds: 5,
  tenantsAccounts: 20,
  tenantsPeers: 10,
  tenantsSample: 5,
  tenantsRequests: 2,
  tenantsRatioLimit: 0,
  timeoutMs: 120_000,
};

export function benchSizes(smoke: boolean, args: { scale?: string; requests?: string }, env = process.env): Sizes {
  const s = { ...(smoke ? SMOKE : FULL) };
  if (args.scale) s.scale = Number(args.scale);
  if (args.requests) s.requests = Number(args.requests);
  if (env.BENCH_PEER_SIZES) s.peers = env.BENCH_PEER_SIZES.split(',').map(Number);
  if (env.BENCH_CONSOLE_PEERS) s.consolePeers = Number(env.BENCH_CONSOLE_PEERS);
  if (env.BENCH_DASHBOARD_PEERS) s.dashboardPeers = Number(env.BENCH_DASHBOARD_PEERS);
  if (env.BENCH_MAPS_PEERS) s.mapsPeers = Number(env.BENCH_MAPS_PEERS);
  if (env.BENCH_MAPS_ROUNDS) s.mapsRounds = Number(env.BENCH_MAPS_ROUNDS);
  if (env.BENCH_STREAM_PEERS) s.streamPeers = Number(env.BENCH_STREAM_PEERS);
  if (env.BENCH_STREAM_SECONDS) s.streamSeconds = Number(env.BENCH_STREAM_SECONDS);
  if (env.BENCH_DATAPLANE_AGENTS) s.dataplaneAgents = Number(env.BENCH_DATAPLANE_AGENTS);
  if (env.BENCH_PUSH_PEERS) s.pushPeers = Number(env.BENCH_PUSH_PEERS);
  if (env.BENCH_PUSH_AGENTS) s.pushAgents = Number(env.BENCH_PUSH_AGENTS);
  if (env.BENCH_TENANTS_ACCOUNTS) s.tenantsAccounts = Number(env.BENCH_TENANTS_ACCOUNTS);
  if (env.MESHDECK_BENCH_TRAFFIC_EVENTS) s.trafficEvents = Number(env.MESHDECK_BENCH_TRAFFIC_EVENTS);
  return s;
}

/** 25000 → "25k", 2500 → "2.5k", 500 → "500": figure names carry the size they were measured at. */
export const k = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
