// Push at scale: `pushPeers` peers in an account of their own, in 10 teams of equal size, each team
// a mesh of its own (one NetBird policy per team, the ACL document emptied), plus a small `ops`
// group (10 peers of team 1) allowed to team 0 on one TCP port. `pushAgents` simulated agents
// (bench/sim-agent.ts: node:http clients long-polling as the agent does, no WireGuard), spread
// evenly over the teams, hold their maps. Each round moves the ops port (22 ↔ 2222) through
// PUT /api/policies/{id}: that changes the packet filter of team 0's peers only, a rule of a few
// addresses. Measured per round, from the PUT's answer: when each affected agent (team 0's) has read
// its new map, and the bytes every agent received because of the change (heartbeat 304s at the
// end of a wait left out) — target: nothing for an agent whose map did not change, a small delta
// for one whose did (the agents name the map they hold: "Deltas" in docs/agent-protocol.md). And
// the server's RSS.
import { setMaxListeners } from 'node:events';
import type { Db } from '../lib/db/client';
import { newId } from '../lib/domain/ids';
import { networkSerial } from '../lib/domain/serial';
import type { Benchmark } from './context';
import { percentile, request, type Figure } from './lib';
import { agentTokens } from './maps';
import { addPeers } from './peers';
import { ensureOpenFiles, rssMb } from './proc';
import { benchAccount } from './seed';
import { heartbeat, keepPolling, simAgent, type SimAgent } from './sim-agent';
import { k } from './sizes';

const TEAMS = 10;
const OPS_PEERS = 10;
/** The ports the ops rule alternates between (it starts at the first). */
const OPS_PORTS = [22, 2222];
/** Agents started at once (each first gets its whole map); a change reaching the affected agents. */
const START_BATCH = 100;
const ROUND_MS = 60_000;
/** With nothing more arriving for this long after a change, the agents that got nothing get nothing. */
const QUIET_MS = 2000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? NaN };
};
const kb = (bytes: number) => bytes / 1000;

/** The teams' group ids (addPeers puts peer i in team i % TEAMS). */
async function teamsOf(db: Db, accountId: string) {
  const groups = await Promise.all(Array.from({ length: TEAMS }, (_, i) => db.group.create({ data: { id: newId(), accountId, name: `team-${i}` } })));
  return groups.map((g) => g.id);
}

export const dataplanePushBench: Benchmark = {
  name: 'dataplane-push',
  group: 'dataplane',
  about: 'a policy change pushed to 2k simulated agents at 10k peers: each affected agent has its map (p95 ≤ 5 s), bytes per change, server RSS',
  async run(ctx) {
    const { db, baseUrl, sizes } = ctx;
    const n = sizes.pushPeers;
    const count = sizes.pushAgents;
    // One socket per agent here and in the server, beside their other files.
    ensureOpenFiles(process.pid, count + 500, 'the benchmark process');
    if (ctx.serverPid) ensureOpenFiles(ctx.serverPid, count + 500, 'the server');

    const t0 = performance.now();
    const { account, token } = await benchAccount(db, 'dataplane-push');
    const owner = { Authorization: `Token ${token}`, 'Content-Type': 'application/json' };
    const api = async (method: string, path: string, body: unknown) => (await request(`${baseUrl}${path}`, { method, headers: owner, body: JSON.stringify(body) })).json();
    // Only the policies let anything through (the default document allows everything).
    await request(`${baseUrl}/api/v2/tailnet/-/acl`, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`${token}:`).toString('base64')}`, 'Content-Type': 'application/json' }, body: '{"acls":[]}' });
    const teams = await teamsOf(db, account.id);
    await addPeers(db, account.id, 0, n, teams);
    for (const [i, g] of teams.entries()) {
      await api('POST', '/api/policies', { name: `team-${i}`, enabled: true, rules: [{ name: `team-${i}`, enabled: true, action: 'accept', bidirectional: true, protocol: 'all', sources: [g], destinations: [g] }] });
    }
    const members = await db.groupPeer.findMany({ where: { groupId: { in: teams } }, select: { peerId: true, groupId: true }, orderBy: { peerId: 'asc' } });
    const team = teams.map((g) => members.filter((m) => m.groupId === g).map((m) => m.peerId));
    const ops = (await api('POST', '/api/groups', { name: 'ops', peers: team[1].slice(-OPS_PEERS) })).id as string;
    const opsRule = (port: number) => ({ name: 'ops', enabled: true, rules: [{ name: 'ops', enabled: true, action: 'accept', bidirectional: false, protocol: 'tcp', ports: [String(port)], sources: [ops], destinations: [teams[0]] }] });
    const opsPolicy = (await api('POST', '/api/policies', opsRule(OPS_PORTS[0]))).id as string;

    // Agent j is the (j / TEAMS)th peer of team j % TEAMS; team 0's are the affected ones.
    const picked = Array.from({ length: count }, (_, j) => team[j % TEAMS][Math.floor(j / TEAMS)]);
    if (picked.some((id) => !id)) throw new Error(`${count} agents do not fit in ${TEAMS} teams of ${n / TEAMS} peers`);
    const tokens = await agentTokens(db, account.id, picked, picked.length);
    const agents = tokens.map((t, j) => simAgent(t.id, t.token, j % TEAMS === 0));
    const affected = agents.filter((a) => a.inspect);
    console.log(`dataplane-push: ${n} peers, ${count} agents (${affected.length} in team 0), seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const stop = new AbortController();
    // Every agent's request listens to it.
    setMaxListeners(count + 100, stop.signal);
    let failure: Error | null = null;
    const loops = agents.map(() => Promise.resolve());
    const waitUntil = async (what: string, done: () => boolean, ms: number) => {
      const deadline = Date.now() + ms;
      while (!done()) {
        if (failure) throw failure;
        if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
        await sleep(20);
      }
    };
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(rssMb(ctx.serverPid)), 500);
    try {
      // In batches: each agent's first answer is its whole map.
      for (let i = 0; i < count; i += START_BATCH) {
        const batch = agents.slice(i, i + START_BATCH);
        for (const [j, a] of batch.entries()) loops[i + j] = keepPolling(baseUrl, a, stop.signal).catch((e) => void (failure ??= e));
        await waitUntil('first maps', () => batch.every((a) => a.serial !== null), ROUND_MS);
      }
      const mapBytes = stats(affected.map((a) => a.answers[0].bytes)).median;
      const otherBytes = stats(agents.filter((a) => !a.inspect).map((a) => a.answers[0].bytes)).median;
      if (!affected.every((a) => a.ports.has(OPS_PORTS[0]))) throw new Error(`team 0's maps lack the ops port ${OPS_PORTS[0]}`);
      // Every agent has sent its long-poll.
      await sleep(1000);
      const rssBefore = rssMb(ctx.serverPid);

      const latencies: number[] = [];
      const fromSent: number[] = [];
      const allAffected: number[] = [];
      const everyone: number[] = [];
      const answeredIn: number[] = [];
      const bytesAffected: number[] = [];
      const bytesOthers: number[] = [];
      const totals: number[] = [];
      // Round 0 warms the server's paths up and is not counted.
      for (let round = 0; round <= sizes.pushRounds; round++) {
        const [open, close] = [OPS_PORTS[(round + 1) % 2], OPS_PORTS[round % 2]];
        const sent = Date.now();
        await (await request(`${baseUrl}/api/policies/${opsPolicy}`, { method: 'PUT', headers: owner, body: JSON.stringify(opsRule(open)) })).arrayBuffer();
        const answered = Date.now();
        const serial = await networkSerial(db, account.id);
        const since = (a: SimAgent) => a.answers.filter((x) => x.at > sent && !heartbeat(x));
        await waitUntil(`round ${round}: the affected agents' new maps`, () => affected.every((a) => a.serial! >= serial), ROUND_MS);
        // An agent whose map did not change is sent nothing: the round ends after QUIET_MS without answers.
        const lastAnswer = () => Math.max(sent, ...agents.map((a) => since(a).at(-1)?.at ?? 0));
        await waitUntil(`round ${round}: the other agents' answers`, () => agents.every((a) => a.serial! >= serial) || Date.now() - lastAnswer() > QUIET_MS, ROUND_MS);
        const bad = affected.find((a) => !a.ports.has(open) || a.ports.has(close));
        if (bad) throw new Error(`round ${round}: peer ${bad.peerId}'s new map has ports ${[...bad.ports].join(',')}, expected ${open} instead of ${close}`);
        if (round === 0) continue;
        answeredIn.push(answered - sent);
        const got = affected.map((a) => since(a).find((x) => x.status === 200)!.at - answered);
        latencies.push(...got);
        fromSent.push(...got.map((ms) => ms + answered - sent));
        allAffected.push(Math.max(...got));
        everyone.push(lastAnswer() - answered);
        let total = 0;
        for (const a of agents) {
          const bytes = since(a).reduce((sum, x) => sum + x.bytes, 0);
          (a.inspect ? bytesAffected : bytesOthers).push(bytes);
          total += bytes;
        }
        totals.push(total);
        await sleep(500);
      }
      if (failure) throw failure;

      const l = stats(latencies);
      const ls = stats(fromSent);
      const ba = stats(bytesAffected);
      const bo = stats(bytesOthers);
      const r = stats(rss.filter((x) => !Number.isNaN(x)));
      const size = `${k(count)} agents, ${k(n)} peers`;
      return [
        {
          name: `policy change → new map at each affected agent (${size})`,
          median: l.median,
          p95: l.p95,
          unit: 'ms',
          extra: `from the PUT's answer; ${affected.length} of ${count} affected; all affected: median ${stats(allAffected).median.toFixed(0)}, max ${stats(allAffected).max.toFixed(0)} ms; last answer to any agent: median ${stats(everyone).median.toFixed(0)} ms; n=${latencies.length}`,
        },
        {
          // The PUT's own answer waits behind the maps the change wakes: said apart, not hidden.
          name: `the same from the PUT sent (${size})`,
          median: ls.median,
          p95: ls.p95,
          unit: 'ms',
          extra: `the PUT answered in median ${stats(answeredIn).median.toFixed(0)}, max ${stats(answeredIn).max.toFixed(0)} ms`,
        },
        {
          name: `bytes per change to an affected agent (${size})`,
          median: kb(ba.median),
          p95: kb(ba.p95),
          unit: 'kB',
          extra: `its whole map is ${kb(mapBytes).toFixed(1)} kB; target: a small delta`,
        },
        {
          name: `bytes per change to an unaffected agent (${size})`,
          median: kb(bo.median),
          p95: kb(bo.p95),
          unit: 'kB',
          extra: `its whole map is ${kb(otherBytes).toFixed(1)} kB; target: nothing; all agents together ${(stats(totals).median / 1e6).toFixed(1)} MB per change`,
        },
        {
          name: `server RSS, ${size} long-polling`,
          median: r.median,
          p95: r.max,
          unit: 'MB',
          extra: `sampled every 0.5 s from the first maps to the last change (p95 column: max); ${rssBefore.toFixed(0)} MB before the first change`,
        },
      ] satisfies Figure[];
    } finally {
      clearInterval(sampler);
      stop.abort();
      await Promise.all(loops);
      for (const a of agents) a.connection.destroy();
    }
  },
};
