// The data plane with real agents: `dataplaneAgents` network namespaces on a bridge (198.18.0.0/15,
// tests/support/netns.ts), each running the agent as machines run it — the single file
// dist/meshdeck-agent.mjs with plain `node` (no tsx) — with kernel WireGuard or wireguard-go and
// nftables, and a probe (bench/mesh-probe.ts). A server of its own listens on the bridge.
//
// All agents are in one group under one NetBird policy "group → group, TCP <port>" (the ACL
// document emptied), so every agent's packet filter changes when the port does. Each round moves
// the port (80 ↔ 81) through PUT /api/policies/{id}; what is measured is on the machines: for each
// agent, the probe in the namespace before it connects through the mesh to the agent's mesh address
// every 50 ms, and the agent enforces the change once the new port lets the connection through and
// the old one no longer does (a dropped SYN: 3 unanswered attempts in a row, tried from the moment
// the new port opened). Time from the PUT's answer; resolution 50 ms. The agents share the
// machine's 2 cores, so the last of them to apply a change waits for the others' CPU. Then the server's CPU with all agents connected and nothing changing
// (target: no busy polling), and each agent's memory (target ≤ 80 MB).
// Everything it creates is removed at the end, also on failure or when the run is cut short.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentProcess, tearDown } from '../tests/support/mesh-agents';
import { Lab, networkTestsPossible, type Namespace } from '../tests/support/netns';
import { api, startOwnServer, type OwnServer } from '../tests/support/own-server';
import { ROOT } from '../tests/support/server';
import type { Benchmark } from './context';
import { percentile, type Figure } from './lib';
import { ATTEMPT_EVERY_MS, MeshProbe } from './mesh-probe';
import { commandLine, cpuSeconds, peakRssMb, processTree, rssMb } from './proc';

const AGENT_FILE = join(ROOT, 'dist/meshdeck-agent.mjs');
/** The two ports the policy alternates between; every namespace listens on both. */
const PORTS = [80, 81];
/** Bounds: joining and the first connections through the mesh; one change reaching every agent. */
const JOIN_MS = 90_000;
const CHANGE_MS = 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] };
};

/** Everything started, for the teardown (and the synchronous one when the process is ending). */
interface Started {
  lab?: Lab;
  own?: OwnServer;
  agents: AgentProcess[];
  probes: MeshProbe[];
  dirs: string[];
}

/** Last resort when the process ends before `finally` ran (time limit, Ctrl-C): nothing may stay. */
function removeNow(s: Started) {
  if (s.own) {
    try {
      process.kill(s.own.server.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(s.own.temp.dataDir, { recursive: true, force: true });
  }
  s.lab?.closeSync();
  for (const d of s.dirs) rmSync(d, { recursive: true, force: true });
}

const policyBody = (group: string, port: number) => ({
  name: 'dataplane',
  enabled: true,
  rules: [{ name: 'dataplane', enabled: true, action: 'accept', bidirectional: false, protocol: 'tcp', ports: [String(port)], sources: [group], destinations: [group] }],
});

/** Requests the server handled so far (GET /metrics, every route): in all, and answered 5xx. */
async function requestsServed(base: string, token: string): Promise<{ all: number; failed: number }> {
  const text = await (await fetch(`${base}/metrics`, { headers: { Authorization: `Token ${token}` } })).text();
  const counts = [...text.matchAll(/^meshdeck_http_requests_total\{[^}]*status="(\d+)"\} (\d+)/gm)];
  const sum = (rows: RegExpExecArray[]) => rows.reduce((n, m) => n + Number(m[2]), 0);
  return { all: sum(counts), failed: sum(counts.filter((m) => m[1].startsWith('5'))) };
}

export const dataplaneAgentsBench: Benchmark = {
  name: 'dataplane-agents',
  group: 'dataplane',
  about: 'real agents in namespaces: a policy change enforced on each (TCP through the mesh, p95 ≤ 1 s), agent RSS (≤ 80 MB), idle server CPU',
  async run(ctx) {
    const n = ctx.sizes.dataplaneAgents;
    const possible = networkTestsPossible();
    if (!possible.ok) throw new Error(`dataplane-agents needs root, network namespaces, ip, wg, nft and kernel WireGuard or wireguard-go: ${possible.why}`);
    if (!existsSync(AGENT_FILE)) throw new Error(`${AGENT_FILE} is missing: run npm run build`);
    if (n < 2) throw new Error('dataplane-agents needs at least 2 agents (each is probed from another)');

    const s: Started = { agents: [], probes: [], dirs: [] };
    const onExit = () => removeNow(s);
    const onSignal = (sig: NodeJS.Signals) => {
      removeNow(s);
      process.exit(sig === 'SIGINT' ? 130 : 143);
    };
    process.once('exit', onExit);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const lab = (s.lab = await Lab.create('d'));
      const own = (s.own = await startOwnServer('bench-dataplane', {}, lab.hostIp));
      const base = own.server.baseUrl;
      const call = async (method: string, path: string, body: unknown) => {
        const r = await api(base, own.token)(method, path, body);
        if (r.status !== 200) throw new Error(`${method} ${path}: HTTP ${r.status} ${(await r.text()).slice(0, 300)}`);
        return r.json();
      };
      // Only the policy lets anything through (the default document allows everything).
      const acl = await fetch(`${base}/api/v2/tailnet/-/acl`, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`${own.token}:`).toString('base64')}`, 'Content-Type': 'application/json' }, body: '{"acls":[]}' });
      if (acl.status !== 200) throw new Error(`emptying the ACL document: HTTP ${acl.status}`);
      const group = (await call('POST', '/api/groups', { name: 'dataplane', peers: [] })).id as string;
      const policyId = (await call('POST', '/api/policies', policyBody(group, PORTS[0]))).id as string;
      const setupKey = (await call('POST', '/api/setup-keys', { name: 'dataplane', type: 'reusable', expires_in: 86400, auto_groups: [group], usage_limit: 0 })).key as string;

      const t0 = performance.now();
      const spaces: Namespace[] = [];
      for (let i = 0; i < n; i++) {
        const ns = await lab.addNamespace(`a${i}`);
        spaces.push(ns);
        s.probes.push(await MeshProbe.start(ns, PORTS));
        const dir = mkdtempSync(join(tmpdir(), 'meshdeck-bench-agent-'));
        s.dirs.push(dir);
        const args = ['up', '--server', base, '--setup-key', setupKey, '--state-dir', dir, '--interface', ns.wgName, '--hostname', `dataplane-${i}`];
        s.agents.push(new AgentProcess(ns, spawn('ip', ['netns', 'exec', ns.name, process.execPath, AGENT_FILE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })));
      }
      await Promise.all(s.agents.map((a) => a.waitFor(/interface \S+ up/, JOIN_MS)));
      const meshIp = s.agents.map((a) => /interface \S+ up \([^)]*\), (\d+\.\d+\.\d+\.\d+)/.exec(a.output())![1]);
      // Agent i is watched from the namespace before it (the last one from the first).
      const watchers = s.agents.map((_, i) => s.probes[(i + n - 1) % n]);
      await Promise.all(watchers.map((p, i) => p.watch(meshIp[i], PORTS[0], null, JOIN_MS)));
      console.log(`dataplane-agents: ${n} agents joined, every one reached through the mesh in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

      // Where each agent's output stood when the timed changes began.
      const joinedOutput = s.agents.map((a) => a.output().length);
      const enforced: number[] = [];
      const fromSent: number[] = [];
      const allEnforced: number[] = [];
      for (let round = 1; round <= ctx.sizes.dataplaneRounds; round++) {
        const [open, close] = round % 2 ? [PORTS[1], PORTS[0]] : [PORTS[0], PORTS[1]];
        const watches = watchers.map((p, i) => p.watch(meshIp[i], open, close, CHANGE_MS));
        // The probes see the new port closed for a few attempts first.
        await sleep(3 * ATTEMPT_EVERY_MS);
        const sent = Date.now();
        await call('PUT', `/api/policies/${policyId}`, policyBody(group, open));
        const answer = Date.now();
        const times = (await Promise.all(watches)).map((w) => Math.max(w.opened, w.closed!) - answer);
        enforced.push(...times);
        fromSent.push(...times.map((ms) => ms + answer - sent));
        allEnforced.push(Math.max(...times));
      }

      // Idle: agents connected (long-polls, meta checks, flow reports of the probes' connections), nothing changed.
      await sleep(3000);
      const pid = own.server.pid;
      const requestsBefore = await requestsServed(base, own.token);
      const perSecond: number[] = [];
      let cpu = cpuSeconds(pid);
      for (let i = 0; i < ctx.sizes.dataplaneIdleSeconds; i++) {
        await sleep(1000);
        const now = cpuSeconds(pid);
        perSecond.push((now - cpu) * 100);
        cpu = now;
      }
      const requestsAfter = await requestsServed(base, own.token);
      // Less the /metrics request before.
      const idleRequests = requestsAfter.all - requestsBefore.all - 1;

      // The node process that runs the agent file (`ip netns exec` replaces itself with it).
      const agentRss: number[] = [];
      const peaks: number[] = [];
      const wgGo: number[] = [];
      for (const a of s.agents) {
        const agentPid = a.child.pid!;
        if (!commandLine(agentPid).includes('meshdeck-agent.mjs')) throw new Error(`process ${agentPid} is not the agent: ${commandLine(agentPid)}`);
        agentRss.push(rssMb(agentPid));
        peaks.push(peakRssMb(agentPid));
        for (const child of processTree(agentPid).slice(1)) if (commandLine(child).startsWith('wireguard-go')) wgGo.push(rssMb(child));
      }

      // A 5xx, an agent that failed to apply a map, had a flow report refused or died fails the run.
      if (requestsAfter.failed) throw new Error(`the server answered ${requestsAfter.failed} requests with 5xx:\n${own.server.output().slice(-3000)}`);
      for (const [i, a] of s.agents.entries()) {
        if (a.child.exitCode !== null || a.child.signalCode !== null) throw new Error(`the agent in ${a.ns.name} exited:\n${a.output().slice(-2000)}`);
        if (/could not apply|flow report:/.test(a.output())) throw new Error(`the agent in ${a.ns.name} reported a problem:\n${a.output().slice(-2000)}`);
        // Not a failure (no 5xx, see above), said so the figures can be judged: a retry, e.g. after
        // a kept-alive socket the busy server had just closed.
        for (const m of a.output().matchAll(/server unreachable \(([^)]*)\)/g)) {
          const when = m.index >= joinedOutput[i] ? 'during the timed changes' : 'while joining';
          console.log(`dataplane-agents: note: the agent in ${a.ns.name} found the server unreachable ${when} (${m[1]}) and retried`);
        }
      }
      if (own.server.exited()) throw new Error(`the server died (${own.server.exited()})`);

      const e = stats(enforced);
      const all = stats(allEnforced);
      const cpuIdle = stats(perSecond);
      const rss = stats(agentRss);
      const total = perSecond.reduce((a, b) => a + b, 0) / perSecond.length;
      return [
        {
          name: `policy change → enforced on each of ${n} real agents`,
          median: e.median,
          p95: e.p95,
          unit: 'ms',
          extra: `TCP through the mesh, from the PUT's answer; all ${n} enforced: median ${all.median.toFixed(0)}, max ${all.max.toFixed(0)} ms; from the PUT sent: median ${stats(fromSent).median.toFixed(0)}, p95 ${stats(fromSent).p95.toFixed(0)} ms; resolution ${ATTEMPT_EVERY_MS} ms, n=${enforced.length}`,
        },
        {
          name: `server CPU idle, ${n} agents connected`,
          median: cpuIdle.median,
          p95: cpuIdle.p95,
          unit: '% core',
          extra: `per second over ${perSecond.length} s: ${total.toFixed(2)}% on average, ${idleRequests} requests served meanwhile`,
        },
        {
          name: `agent RSS (node + dist/meshdeck-agent.mjs)`,
          median: rss.median,
          p95: rss.p95,
          unit: 'MB',
          extra: `max ${rss.max.toFixed(1)} MB, peak (VmHWM) max ${Math.max(...peaks).toFixed(1)} MB${wgGo.length ? `; wireguard-go beside each: median ${stats(wgGo).median.toFixed(1)} MB` : ''}, n=${n}`,
        },
      ] satisfies Figure[];
    } finally {
      await tearDown({ agents: s.agents, listeners: s.probes.map((p) => p.child), lab: s.lab, own: s.own, dirs: s.dirs });
      process.off('exit', onExit);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};
