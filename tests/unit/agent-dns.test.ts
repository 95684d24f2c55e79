// The agent's DNS stub, queried by Node's own resolver over real UDP on loopback: the map's records
// answered, other names under the account's domain NXDOMAIN, the rest forwarded to the map's
// nameserver (a stand-in on loopback) by domain match or primary group, SERVFAIL without one.
import { createSocket, type Socket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentMap } from '@/agent/client';
import { DnsStub, answer, parseQuery } from '@/agent/dns';

let stub: DnsStub;
let stubPort = 0;
let upstream: Socket;
let upstreamPort = 0;
const upstreamAsked: string[] = [];

function map(groups: AgentMap['dns']['nameserver_groups']): AgentMap {
  return {
    serial: 1,
    approval_required: false,
    peer: { id: 'p1', name: 'web-1', ip: '100.64.0.7', ipv6: '', dns_label: 'web-1', fqdn: 'web-1.mesh.test' },
    peers: [],
    packet_filter: [],
    routes: [],
    dns: { enabled: true, domain: 'mesh.test', magic_dns: true, search_domains: [], nameserver_groups: groups, records: [{ name: 'db-1.mesh.test', type: 'A', value: '100.64.0.9' }] },
    ssh_policy: { rules: [] },
    watch_files: [],
  } as AgentMap;
}

const group = (primary: boolean, domains: string[], port: number) => ({
  id: `g${port}${domains.join()}`,
  name: 'g',
  primary,
  domains,
  search_domains_enabled: false,
  nameservers: [{ ip: '127.0.0.1', ns_type: 'udp', port }],
});

beforeAll(async () => {
  // A stand-in upstream nameserver: answers every A query with 192.0.2.1.
  upstream = createSocket('udp4');
  upstream.on('message', (msg, from) => {
    const q = parseQuery(msg)!;
    upstreamAsked.push(q.name);
    upstream.send(answer(msg, q, 0, ['192.0.2.1'], false), from.port, from.address);
  });
  await new Promise<void>((r) => upstream.bind(0, '127.0.0.1', () => r()));
  upstreamPort = (upstream.address() as AddressInfo).port;
  stub = new DnsStub();
  stub.update(map([group(true, [], upstreamPort)]));
  await stub.start('127.0.0.1', 0);
  stubPort = ((stub as unknown as { socket: Socket }).socket.address() as AddressInfo).port;
});

afterAll(() => {
  stub?.close();
  upstream?.close();
});

function resolver() {
  const r = new Resolver({ timeout: 2000, tries: 1 });
  r.setServers([`127.0.0.1:${stubPort}`]);
  return r;
}

describe('DNS stub', () => {
  it('answers the map\'s records and the peer\'s own name, in any case', async () => {
    expect(await resolver().resolve4('db-1.mesh.test')).toEqual(['100.64.0.9']);
    expect(await resolver().resolve4('DB-1.Mesh.Test')).toEqual(['100.64.0.9']);
    expect(await resolver().resolve4('web-1.mesh.test')).toEqual(['100.64.0.7']);
  });

  it('says NXDOMAIN for other names under the account\'s domain, without asking upstream', async () => {
    const before = upstreamAsked.length;
    await expect(resolver().resolve4('gone.mesh.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(upstreamAsked.length).toBe(before);
  });

  it('has no AAAA records (the map has A records only) but knows the name', async () => {
    await expect(resolver().resolve6('db-1.mesh.test')).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it('forwards other names to the primary nameservers and relays their answer', async () => {
    expect(await resolver().resolve4('example.org')).toEqual(['192.0.2.1']);
    expect(upstreamAsked).toContain('example.org');
  });

  it('picks the group whose domain matches, and SERVFAILs when no nameserver answers', async () => {
    // corp.example goes to a port where nothing answers; the primary still answers the rest.
    const silent = createSocket('udp4');
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', () => r()));
    const silentPort = (silent.address() as AddressInfo).port;
    stub.update(map([group(true, [], upstreamPort), group(false, ['corp.example'], silentPort)]));
    try {
      expect(await resolver().resolve4('www.example.net')).toEqual(['192.0.2.1']);
      const r = new Resolver({ timeout: 6000, tries: 1 });
      r.setServers([`127.0.0.1:${stubPort}`]);
      await expect(r.resolve4('intranet.corp.example')).rejects.toMatchObject({ code: 'ESERVFAIL' });
      expect(upstreamAsked).not.toContain('intranet.corp.example');
    } finally {
      silent.close();
    }
  });

  it('ignores what is not a query', async () => {
    expect(await stub.respond(Buffer.from('nonsense'))).toBeNull();
    const q = await stub.respond(Buffer.alloc(12));
    expect(q).toBeNull();
  });
});
