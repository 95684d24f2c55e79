// Deltas of agent maps (docs/agent-protocol.md, "Deltas"): for random pairs of maps — peers added,
// removed, renamed (names swapped too), readdressed, rekeyed, with live status alone changed, the
// agent itself in the list or not, small sections changed — the server's delta applied by the
// agent's code to the agent's old map gives the new full map, exactly when no entry changed in its
// live status alone, and but for the live status of entries not sent otherwise. Nothing is sent
// when nothing changed for the agent; an unknown base or DNS switched on or off gives the full map.
import { describe, expect, it } from 'vitest';
import type { Peer } from '@/lib/db/models';
import type { AgentDnsConfig } from '@/lib/domain/dns/tailnet-dns';
import type { MapParts } from '@/lib/dialects/netbird/agent-map';
import { fullMapChunks } from '@/lib/dialects/netbird/agent-map';
import { sharePeers } from '@/lib/dialects/netbird/agent-sync-text';
import { deltaChunks, mapVersion } from '@/lib/dialects/netbird/agent-delta';
import { applyDelta } from '@/agent/map-delta';
import type { AgentMap } from '@/agent/client';

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  return { next, int: (n: number) => Math.floor(next() * n), chance: (p: number) => next() < p };
}

const at = new Date('2026-06-01T12:00:00Z');
let made = 0;
function newPeer(r: ReturnType<typeof rng>, used: Set<string>): Peer {
  let ip: string;
  do ip = `100.64.${r.int(3)}.${r.int(40)}`;
  while (used.has(ip));
  used.add(ip);
  const n = made++;
  return { id: `p${String(r.int(1000)).padStart(3, '0')}-${n}`, name: `peer ${n}`, ip, ipv6: r.chance(0.5) ? `fd7a::${n}` : '', wgPubKey: `key${n}=`, dnsLabel: `peer-${n}`,
    connected: r.chance(0.5), lastSeen: at, listenPort: r.chance(0.7) ? 51820 : 0, connectionIp: `198.18.0.${n % 250}`, networkAddresses: '[]' } as unknown as Peer;
}

const byIpThenId = (a: Peer, b: Peer) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function dnsConfig(enabled: boolean, groups: number): AgentDnsConfig {
  return { enabled, domain: 'mesh.test', magicDns: true, searchDomains: [],
    nameserverGroups: Array.from({ length: groups }, (_, i) => ({ id: `g${i}`, name: `g${i}`, primary: i === 0, domains: [], searchDomainsEnabled: false, nameservers: [{ ip: `10.0.0.${i}`, nsType: 'udp', port: 53 }] })) } as unknown as AgentDnsConfig;
}

interface World {
  rows: Peer[];
  self: Peer;
  selfListed: boolean;
  dnsOn: boolean;
  groups: number;
  filterPort: number;
  watch: string[];
  serial: number;
}

function partsOf(w: World): MapParts {
  const listed = (w.selfListed ? [...w.rows, w.self] : w.rows).slice().sort(byIpThenId);
  const account = { dnsDomain: 'mesh.test' };
  return {
    serial: w.serial,
    body: {
      serial: w.serial,
      approval_required: false,
      peer: { id: w.self.id, name: w.self.name, ip: w.self.ip, ipv6: w.self.ipv6, dns_label: w.self.dnsLabel, fqdn: `${w.self.dnsLabel}.mesh.test`, zt_address: null },
      packet_filter: [{ SrcIPs: ['*'], DstPorts: [{ IP: w.self.ip, Ports: { First: w.filterPort, Last: w.filterPort } }] }],
      routes: [],
      ssh_policy: { rules: [] },
      watch_files: w.watch,
    },
    shared: listed.length ? sharePeers(listed, account) : null,
    dns: dnsConfig(w.dnsOn, w.groups),
    account,
    selfId: w.self.id,
    accountPeers: listed.length,
  };
}

const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString();
const withoutLive = (m: AgentMap) => ({ ...m, peers: m.peers.map(({ connected: _c, last_seen: _l, ...rest }) => rest) });

/** One random step; returns whether some entry changed in its live status alone. */
function mutate(r: ReturnType<typeof rng>, w: World): boolean {
  const used = new Set([...w.rows, w.self].map((p) => p.ip));
  let liveOnly = false;
  w.serial++;
  const rows = w.rows.slice();
  for (let k = r.int(4); k > 0; k--) {
    const i = r.int(rows.length + 1);
    const p = rows[i];
    switch (r.int(8)) {
      case 0: rows.push(newPeer(r, used)); break;
      case 1: if (p) rows.splice(i, 1); break;
      case 2: if (p) rows[i] = { ...p, name: `${p.name}+` }; break;
      case 3: {
        // Two peers swap their DNS names: records removed and added under the same names.
        const j = r.int(rows.length);
        if (p && rows[j] && j !== i) [rows[i], rows[j]] = [{ ...p, dnsLabel: rows[j].dnsLabel }, { ...rows[j], dnsLabel: p.dnsLabel }];
        break;
      }
      case 4: if (p) { const q = newPeer(r, used); rows[i] = { ...p, ip: q.ip }; } break;
      case 5: if (p) rows[i] = { ...p, wgPubKey: `${p.wgPubKey}x`, listenPort: p.listenPort ? 0 : 51820 }; break;
      case 6: if (p) { rows[i] = { ...p, connected: !p.connected, lastSeen: new Date(p.lastSeen.getTime() + 1000) }; liveOnly = true; } break;
      case 7: w.self = { ...w.self, name: `${w.self.name}*`, dnsLabel: r.chance(0.5) ? `${w.self.dnsLabel}s` : w.self.dnsLabel }; break;
    }
  }
  w.rows = rows;
  if (r.chance(0.2)) w.selfListed = !w.selfListed;
  if (r.chance(0.15)) w.filterPort = 1 + r.int(3);
  if (r.chance(0.1)) w.groups = r.int(3);
  if (r.chance(0.1)) w.watch = r.chance(0.5) ? ['/usr/bin/a'] : [];
  if (r.chance(0.05)) w.dnsOn = !w.dnsOn;
  return liveOnly;
}

describe('map deltas', () => {
  it('applied to the old map, give the new full map (random pairs)', () => {
    let deltas = 0, same = 0, full = 0, exact = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const used = new Set<string>();
      const self = newPeer(r, used);
      const w: World = { rows: Array.from({ length: r.int(30) }, () => newPeer(r, used)), self, selfListed: r.chance(0.5), dnsOn: r.chance(0.8), groups: 1, filterPort: 22, watch: [], serial: 1 };
      const accountId = `acct-${seed}`;
      let parts = partsOf(w);
      let held = { map: JSON.parse(text(fullMapChunks(parts))) as AgentMap, version: mapVersion(accountId, parts).token };
      // Whether some entry the agent holds changed in its live status alone since it was sent.
      let drift = false;
      for (let step = 0; step < 12; step++) {
        const dnsWas = w.dnsOn;
        drift = mutate(r, w) || drift;
        parts = partsOf(w);
        const now = mapVersion(accountId, parts);
        const expected = JSON.parse(text(fullMapChunks(parts))) as AgentMap;
        const out = deltaChunks(accountId, held.version, now, parts);
        const where = `seed ${seed} step ${step}`;
        if (out === 'same') {
          same++;
          expect(withoutLive({ ...held.map, serial: w.serial }), where).toEqual(withoutLive(expected));
          held = { map: { ...held.map, serial: w.serial }, version: now.token };
          continue;
        }
        if (out === null) {
          full++;
          drift = false;
          held = { map: expected, version: now.token };
          continue;
        }
        deltas++;
        expect(dnsWas, where).toBe(w.dnsOn);
        const body = JSON.parse(text(out)) as { serial: number; delta: Parameters<typeof applyDelta>[3] };
        const next = applyDelta(held.map, held.version, body.serial, body.delta);
        expect(next, where).not.toBeNull();
        if (drift) expect(withoutLive(next!), where).toEqual(withoutLive(expected));
        else {
          exact++;
          expect(JSON.stringify(next), where).toBe(JSON.stringify(expected));
        }
        // What is sent is sent whole and current, live status included.
        for (const p of body.delta.peers_changed) expect(p, where).toEqual(expected.peers.find((e) => e.id === p.id));
        expect(Buffer.concat(out).length, where).toBeLessThan(Buffer.concat(fullMapChunks(parts)).length);
        held = { map: next!, version: now.token };
      }
    }
    console.log(`map deltas: ${deltas} deltas, ${same} unchanged, ${full} full maps, ${exact} compared byte for byte`);
    expect(exact).toBeGreaterThan(300);
    expect(deltas).toBeGreaterThan(1000);
    expect(same).toBeGreaterThan(50);
  });

  it('sends nothing when only live status or the agent’s own entry changed, and the full map for an unknown base', () => {
    const r = rng(7);
    const used = new Set<string>();
    const self = newPeer(r, used);
    const w: World = { rows: Array.from({ length: 40 }, () => newPeer(r, used)), self, selfListed: true, dnsOn: true, groups: 1, filterPort: 22, watch: [], serial: 1 };
    const base = mapVersion('acct-x', partsOf(w)).token;
    w.rows = w.rows.map((p, i) => (i % 2 ? { ...p, connected: !p.connected, lastSeen: new Date(at.getTime() + 5000) } : p));
    w.self = { ...w.self, wgPubKey: 'new-key=' };
    w.serial++;
    const parts = partsOf(w);
    const now = mapVersion('acct-x', parts);
    expect(now.token).not.toBe(base);
    expect(deltaChunks('acct-x', base, now, parts)).toBe('same');
    expect(deltaChunks('acct-other', base.replace(/^1\.[^.]+/, '1.unknownunknownunknown1'), now, parts)).toBeNull();
    expect(deltaChunks('acct-x', 'garbage', now, parts)).toBeNull();
    // One peer renamed among 40: a delta of one entry (and its record unchanged: same name and address).
    w.rows = w.rows.map((p, i) => (i === 3 ? { ...p, name: 'renamed' } : p));
    const parts2 = partsOf(w);
    const body = JSON.parse(text(deltaChunks('acct-x', now.token, mapVersion('acct-x', parts2), parts2) as Buffer[]));
    expect(body.delta.peers_changed.map((p: { name: string }) => p.name)).toEqual(['renamed']);
    expect(body.delta).toMatchObject({ peers_removed: [], records_changed: [], records_removed: [] });
    expect(Object.keys(body.delta)).toEqual(['base', 'peers_changed', 'peers_removed', 'records_changed', 'records_removed']);
  });

  it('keeps a bounded number of list versions per account: an agent behind the oldest kept gets the full map', () => {
    const r = rng(11);
    const used = new Set<string>();
    const self = newPeer(r, used);
    const w: World = { rows: [newPeer(r, used), newPeer(r, used)], self, selfListed: false, dnsOn: true, groups: 1, filterPort: 22, watch: [], serial: 1 };
    const first = mapVersion('acct-bounded', partsOf(w)).token;
    let previous = first;
    for (let i = 0; i < 300; i++) {
      w.rows = [...w.rows.slice(0, 1), { ...w.rows[1], name: `n${i}` }];
      w.serial++;
      const parts = partsOf(w);
      const now = mapVersion('acct-bounded', parts);
      // One step behind: a delta.
      expect(Array.isArray(deltaChunks('acct-bounded', previous, now, parts))).toBe(true);
      previous = now.token;
    }
    const parts = partsOf(w);
    expect(deltaChunks('acct-bounded', first, mapVersion('acct-bounded', parts), parts)).toBeNull();
  });
});
