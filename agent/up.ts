// `up`: join (first run) or reuse the stored identity, then keep the machine in step with the
// peer's map until asked to stop. Nothing on the machine changes before the server has accepted
// the peer and sent a first map; at the end the interface and the firewall table are removed.
import { hostname as osHostname } from 'node:os';
import { Refused, Unreachable, register, reportFlows, reportMeta, serverUrl, sync, type AgentMap, type HeldMap, type SyncAnswer } from './client';
import { applyDelta } from './map-delta';
import { enableAccounting } from './conntrack';
import { FLOW_REPORT_MS, FlowReporter } from './flows';
import { DnsStub } from './dns';
import { EndpointChooser } from './endpoints';
import { applyFilter, removeFilter } from './firewall';
import { newKeyPair } from './keys';
import { Forwarding, localSubnets, routedThrough, servedNetworks } from './routing';
import { readState, writeState, writeStatus, type AgentState } from './state';
import { systemMeta, type AgentMeta } from './system';
import { MeshInterface } from './wireguard';

export interface UpOptions {
  server?: string;
  setupKey?: string;
  stateDir: string;
  hostname?: string;
  ifname: string;
  listenPort: number;
}

export interface Log {
  info(line: string): void;
  error(line: string): void;
}

/** Seconds a long-poll waits on the server (the protocol allows up to 30). */
const WAIT_SECONDS = 25;
/** How often endpoints are checked and the system meta (watched processes included) is compared with what was reported. */
const TICK_MS = 2_000;
const BACKOFF_MS = [500, 1000, 2000, 4000, 5000];

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

async function identity(opts: UpOptions, log: Log, signal: AbortSignal): Promise<AgentState> {
  const stored = readState(opts.stateDir);
  if (stored) {
    if (opts.server && serverUrl(opts.server) !== stored.server) {
      throw new Refused(`${opts.stateDir} belongs to a peer of ${stored.server}; use another --state-dir to join ${serverUrl(opts.server)}`);
    }
    log.info(`using the peer ${stored.peer_id} stored in ${opts.stateDir}`);
    return stored;
  }
  if (!opts.server || !opts.setupKey) throw new Refused(`${opts.stateDir} holds no peer yet: --server and --setup-key are needed to join`);
  const server = serverUrl(opts.server);
  const keys = newKeyPair();
  // The first contact: any failure is reported at once (a wrong URL should not look like an outage).
  const joined = await register(
    server,
    { setup_key: opts.setupKey, public_key: keys.publicKey, hostname: opts.hostname ?? osHostname(), listen_port: opts.listenPort, meta: systemMeta(opts.ifname) },
    signal,
  ).catch((e) => {
    throw e instanceof Unreachable ? new Refused(`cannot reach the server to join: ${e.message}`) : e;
  });
  const state: AgentState = { server, private_key: keys.privateKey, public_key: keys.publicKey, peer_id: joined.peer.id, peer_token: joined.peer_token };
  writeState(opts.stateDir, state);
  log.info(`joined ${server} as ${joined.peer.name} (${joined.peer.ip}), peer ${joined.peer.id}`);
  return state;
}

export async function up(opts: UpOptions, log: Log, outer: AbortSignal): Promise<number> {
  // Stops on SIGTERM/SIGINT (outer) or a fault found while running (the interface vanished).
  const stop = new AbortController();
  let fault: string | null = null;
  const halt = (why: string) => {
    fault ??= why;
    stop.abort();
  };
  outer.addEventListener('abort', () => stop.abort(), { once: true });
  const signal = stop.signal;

  const state = await identity(opts, log, signal);
  if (signal.aborted) return 0;
  const mesh = new MeshInterface(opts.ifname, opts.stateDir);
  mesh.onLost = (why) => halt(`the mesh interface was lost: ${why}`);
  const chooser = new EndpointChooser();
  const dns = new DnsStub();
  const forwarding = new Forwarding();
  const flows = new FlowReporter(opts.ifname);
  /** The mesh addresses the interface (and the DNS stub) have. */
  let addressed = { ip: '', ipv6: '' };
  /** Whether anything on the machine was touched (then it is undone at the end). */
  let touched = false;
  let configured = false;
  let applied: number | null = null;
  /** The map as the server last described it, with its version token: deltas apply to it. */
  let held = null as HeldMap | null;
  let reachable = true;
  let reportedMeta = '';
  /** The map's `watch_files`: process posture checks read whether these run. */
  let watched: string[] = [];

  const unreachable = (e: Unreachable) => {
    if (reachable) log.error(`server unreachable (${e.message}); ${applied === null ? 'waiting for a first map' : `keeping map ${applied}`}, retrying`);
    reachable = false;
  };

  const report = async (meta: AgentMeta) => {
    const text = JSON.stringify(meta);
    if (text === reportedMeta) return;
    // Not taken while the peer waits for approval: then it is sent again on a later tick.
    if (await reportMeta(state.server, state.peer_token, meta, opts.listenPort, signal)) reportedMeta = text;
  };

  const startDns = async (ip: string) => {
    try {
      await dns.start(ip);
      log.info(`DNS stub on ${ip}:53`);
    } catch (e) {
      log.error(`DNS stub not started on ${ip}:53: ${(e as Error).message}`);
    }
  };

  /** `from`: how the map came, for the log line (a delta, or the full map). */
  const apply = async (map: AgentMap, from: 'delta' | 'full map') => {
    const first = !configured;
    const served = servedNetworks(map, map.peer.id);
    if (first) {
      // The filter comes first: the interface never carries traffic without it.
      touched = true;
      await applyFilter(opts.ifname, map.peer, map.packet_filter, served);
      const kind = await mesh.create();
      for (const w of await mesh.configure(state.private_key, opts.listenPort, map.peer.ip, map.peer.ipv6)) log.error(w);
      configured = true;
      addressed = { ip: map.peer.ip, ipv6: map.peer.ipv6 };
      // The ZeroTier node address is the peer's member id in the controller API (docs/zerotier.md).
      const node = map.peer.zt_address ? `, ZeroTier node ${map.peer.zt_address}` : '';
      log.info(`interface ${opts.ifname} up (${kind}), ${map.peer.ip}${map.peer.ipv6 ? ` ${map.peer.ipv6}` : ''}, listening on UDP ${opts.listenPort}${node}`);
      await startDns(map.peer.ip);
      if (!enableAccounting()) log.error('cannot switch on conntrack accounting: flows are reported without byte counts');
    } else if (map.peer.ip !== addressed.ip || map.peer.ipv6 !== addressed.ipv6) {
      await mesh.readdress(addressed, map.peer);
      log.info(`mesh address changed: ${addressed.ip} → ${map.peer.ip}`);
      if (map.peer.ip !== addressed.ip) {
        dns.close();
        await startDns(map.peer.ip);
      }
      addressed = { ip: map.peer.ip, ipv6: map.peer.ipv6 };
    }
    dns.update(map);
    watched = map.watch_files ?? [];
    if (!first) {
      await flows.beforeTableReplaced();
      await applyFilter(opts.ifname, map.peer, map.packet_filter, served);
    }
    flows.update(map, served);
    // Forwarding on only once the forward chain judges what comes from the mesh.
    forwarding.set(served);
    const peers = map.peers.filter((p) => p.public_key && p.allowed_ips.length);
    // Routed networks join their routing peer's allowed IPs (and so get a route through the interface).
    const via = new Map<string, string[]>();
    for (const [network, key] of routedThrough(map, map.peer.id, localSubnets(opts.ifname))) via.set(key, [...(via.get(key) ?? []), network]);
    const plan = chooser.plan(peers.map((p) => ({ publicKey: p.public_key, endpoints: p.endpoints ?? [] })), Date.now(), first ? [] : await mesh.peers().catch(() => []));
    await mesh.setPeers(
      state.private_key,
      opts.listenPort,
      peers.map((p) => ({ publicKey: p.public_key, allowedIps: [...p.allowed_ips, ...(via.get(p.public_key) ?? [])], endpoint: plan.get(p.public_key) })),
    );
    writeStatus(opts.stateDir, {
      interface: opts.ifname,
      serial: map.serial,
      applied_at: new Date().toISOString(),
      peer: { id: map.peer.id, name: map.peer.name, ip: map.peer.ip, ipv6: map.peer.ipv6 },
      peers: peers.map((p) => ({ id: p.id, name: p.name, ip: p.ip, public_key: p.public_key, endpoints: p.endpoints ?? [] })),
    });
    const waiting = map.approval_required ? ', waiting for approval' : '';
    const routed = [...via.values()].flat();
    const routing = `${served.length ? `, routing ${served.map((s) => s.network).join(' ')}` : ''}${routed.length ? `, routes to ${routed.join(' ')}` : ''}`;
    log.info(`applied map ${map.serial} (${from}): ${peers.length} peer${peers.length === 1 ? '' : 's'}, ${map.packet_filter.length} filter rule${map.packet_filter.length === 1 ? '' : 's'}${routing}${waiting}`);
  };

  // Meta and endpoint rotation run beside the long-poll.
  let ticking = false;
  const tick = setInterval(() => {
    // A tick that takes longer (a slow server answering the meta report) is not run twice at once.
    if (ticking) return;
    ticking = true;
    void (async () => {
      try {
        if (configured) for (const r of chooser.rotate(await mesh.peers())) await mesh.setEndpoint(r.publicKey, r.endpoint);
        await report(systemMeta(opts.ifname, watched));
      } catch (e) {
        if (e instanceof Refused) halt(e.message);
        // Unreachable: the long-poll says so; a failed wg call shows again on the next tick.
      } finally {
        ticking = false;
      }
    })();
  }, TICK_MS);

  // Flows are collected and sent beside the long-poll, one batch per FLOW_REPORT_MS.
  let reporting = false;
  let flowProblem = '';
  const flowTick = setInterval(() => {
    if (reporting || !configured) return;
    reporting = true;
    void (async () => {
      try {
        await flows.collect();
        await flows.flush((events) => reportFlows(state.server, state.peer_token, events, signal));
        flowProblem = '';
      } catch (e) {
        // Unreachable: kept for the next report (the long-poll tells about the outage).
        const why = (e as Error).message;
        if (!(e instanceof Unreachable) && why !== flowProblem && !signal.aborted) log.error(`flow report: ${why}`);
        flowProblem = why;
      } finally {
        reporting = false;
      }
    })();
  }, FLOW_REPORT_MS);

  let failures = 0;
  try {
    try {
      await report(systemMeta(opts.ifname));
    } catch (e) {
      if (!(e instanceof Unreachable)) throw e;
      // Reported again by the tick once the server answers.
    }
    while (!signal.aborted) {
      let answer: SyncAnswer;
      try {
        // After an outage the first request does not wait, so that the agent knows at once.
        answer = await sync(state.server, state.peer_token, held, reachable ? WAIT_SECONDS : 0, signal);
      } catch (e) {
        if (signal.aborted) break;
        if (!(e instanceof Unreachable)) throw e;
        unreachable(e);
        await sleep(BACKOFF_MS[Math.min(failures++, BACKOFF_MS.length - 1)], signal);
        continue;
      }
      if (!reachable) log.info(`server reachable again`);
      reachable = true;
      failures = 0;
      if (answer.kind === 'same') {
        // The map held is still this peer's map under a newer serial.
        if (held) held = { map: { ...held.map, serial: answer.serial }, version: answer.version };
        continue;
      }
      const map = answer.kind === 'map' ? answer.map : held && applyDelta(held.map, held.version, answer.serial, answer.delta);
      if (!map) {
        log.error('a map delta did not fit the map held: asking for the full map');
        held = null;
        continue;
      }
      held = { map, version: answer.version };
      if (map.serial === applied) continue;
      try {
        await apply(map, answer.kind === 'delta' ? 'delta' : 'full map');
        applied = map.serial;
      } catch (e) {
        if (signal.aborted) break;
        if (!configured) throw new Refused(`cannot set up the mesh interface ${opts.ifname}: ${(e as Error).message}`);
        // The machine refused a change (a tool failed): keep what is applied and try again with the
        // next full map (deltas would be against a map that is not applied).
        held = null;
        log.error(`could not apply map ${map.serial}: ${(e as Error).message}`);
        await sleep(BACKOFF_MS[BACKOFF_MS.length - 1], signal);
      }
    }
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    fault = e.message;
  } finally {
    clearInterval(tick);
    clearInterval(flowTick);
    dns.close();
    if (touched) {
      forwarding.reset();
      await mesh.remove();
      await removeFilter(opts.ifname);
      log.info(`removed interface ${opts.ifname} and its firewall table`);
    }
  }
  if (fault) {
    log.error(fault);
    return 1;
  }
  return 0;
}
