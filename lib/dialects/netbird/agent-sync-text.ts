// The agent's network map as JSON bytes. Its two long lists — the peers it may reach and their DNS
// records — are the same for every peer that sees the same peers (EffectiveAccess.visibleList), so
// each list is serialized and encoded once and every agent's answer copies it, leaving out the
// agent's own entry. At 10,000 reachable peers that is 4 MB per agent not rebuilt 100 times when
// 100 agents sync after one change. Everything a listed peer shows but its live status (last seen,
// connected) moves the network serial when it changes (name, addresses, key, endpoints), and so
// gives a new list object; live status alone is refreshed at most every LIVE_REFRESH_MS.
// The bytes equal JSON.stringify of the SyncBody (tests/unit/agent-sync-text.test.ts).
import { randomUUID } from 'node:crypto';
import type { Account, Peer } from '../../db/models';
import type { AgentDnsConfig } from '../../domain/dns/tailnet-dns';
import type { PeerSnapshot } from '../../domain/access/peer-store';
import { toAgentDns, toRemotePeer, type SyncBody } from './agent';
import { fqdn } from './peers';
import { RowTexts } from './row-text';

type View = Pick<Account, 'dnsDomain'>;
const byDomain = (a: View) => a.dnsDomain;
const remoteTexts = new RowTexts<Peer, View>(toRemotePeer, byDomain);
const recordTexts = new RowTexts<Peer, View>((p, a) => ({ name: fqdn(p, a), type: 'A', value: p.ip }), byDomain);

export const LIVE_REFRESH_MS = 2_000;

/** Comma-joined JSON texts as bytes, with where each one starts, so one can be left out. */
export interface Joined {
  bytes: Buffer;
  starts: number[];
}

/** A list of peers (in map order) serialized for every agent that sees it. */
export interface SharedPeers {
  /** The rows serialized (the delta protocol reads their content again: agent-map-versions.ts). */
  rows: readonly Peer[];
  index: ReadonlyMap<string, number>;
  remote: Joined;
  records: Joined;
}

function join(texts: string[]): Joined {
  const starts = new Array<number>(texts.length);
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    starts[i] = at;
    at += Buffer.byteLength(texts[i]) + 1;
  }
  return { bytes: Buffer.from(texts.join(',')), starts };
}

/** `peers`: in the order the map lists them. */
export function sharePeers(peers: readonly Peer[], account: View): SharedPeers {
  const key = byDomain(account);
  return {
    rows: peers,
    index: new Map(peers.map((p, i) => [p.id, i])),
    remote: join(peers.map((p) => remoteTexts.text(p, account, key))),
    records: join(peers.map((p) => recordTexts.text(p, account, key))),
  };
}

/** Entry `i` of a joined list: a view of the shared buffer, not a copy. */
export function entryBytes(j: Joined, i: number): Buffer {
  return j.bytes.subarray(j.starts[i], i + 1 < j.starts.length ? j.starts[i + 1] - 1 : j.bytes.length);
}

/** The joined list without entry `skip` (-1: none), as byte ranges of the shared buffer. */
function without(j: Joined, skip: number): Buffer[] {
  const n = j.starts.length;
  if (skip < 0) return [j.bytes];
  if (n === 1) return [];
  if (skip < n - 1) return [j.bytes.subarray(0, j.starts[skip]), j.bytes.subarray(j.starts[skip + 1])];
  return [j.bytes.subarray(0, j.starts[skip] - 1)];
}

const PEERS = `\u0000${randomUUID()}p`;
const RECORDS = `\u0000${randomUUID()}r`;

function cut(json: string, mark: string): [string, string] {
  const token = JSON.stringify(mark);
  const at = json.indexOf(token);
  if (at < 0) throw new Error('splice point missing');
  return [json.slice(0, at), json.slice(at + token.length)];
}

/**
 * The map of `selfId` as byte chunks (most of them views of the shared buffers, not copies):
 * `shared` lists the peers it sees (it may list the peer itself, left out here).
 */
export function syncChunks(body: Omit<SyncBody, 'peers' | 'dns'>, shared: SharedPeers | null, selfId: string, dns: AgentDnsConfig, account: View): Buffer[] {
  const ordered = {
    serial: body.serial,
    approval_required: body.approval_required,
    peer: body.peer,
    peers: PEERS,
    packet_filter: body.packet_filter,
    routes: body.routes,
    dns: { ...toAgentDns(dns, [], account), records: RECORDS },
    ssh_policy: body.ssh_policy,
    watch_files: body.watch_files,
  };
  const [head, rest] = cut(JSON.stringify(ordered), PEERS);
  const [mid, tail] = cut(rest, RECORDS);
  const skip = shared?.index.get(selfId) ?? -1;
  const chunks: Buffer[] = [Buffer.from(`${head}[`)];
  if (shared) chunks.push(...without(shared.remote, skip));
  chunks.push(Buffer.from(`]${mid}[`));
  if (shared && dns.enabled) chunks.push(...without(shared.records, skip));
  chunks.push(Buffer.from(`]${tail}`));
  return chunks.filter((c) => c.length);
}

/** The same as one buffer (tests, callers that want the text). */
export function syncBytes(body: Omit<SyncBody, 'peers' | 'dns'>, shared: SharedPeers | null, selfId: string, dns: AgentDnsConfig, account: View): Buffer {
  return Buffer.concat(syncChunks(body, shared, selfId, dns, account));
}

interface Cached {
  snap: PeerSnapshot;
  domain: string;
  builtAt: number;
  shared: SharedPeers;
}

const cache = new WeakMap<object, Cached>();

/**
 * The shared serialization of `list` (an object the access model of one serial hands out per
 * distinct list of visible peers) over the current snapshot: reused for the same snapshot, and for
 * later ones (rows changed without moving the serial: live status) for at most LIVE_REFRESH_MS.
 */
export function sharedPeersFor(list: { ids: readonly string[] }, snap: PeerSnapshot, inOrder: (snap: PeerSnapshot) => readonly Peer[], account: View, now = Date.now()): SharedPeers {
  const hit = cache.get(list);
  if (
    hit &&
    hit.domain === account.dnsDomain &&
    (hit.snap === snap || (hit.snap.origin === snap.origin && now - hit.builtAt < LIVE_REFRESH_MS))
  ) {
    return hit.shared;
  }
  const wanted = new Set(list.ids);
  const shared = sharePeers(inOrder(snap).filter((p) => wanted.has(p.id)), account);
  cache.set(list, { snap, domain: account.dnsDomain, builtAt: now, shared });
  return shared;
}
