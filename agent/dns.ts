// The DNS stub: a small UDP resolver the agent serves on the peer's mesh IPv4, port 53. It answers
// the map's records (`dns.records`: peer names under the account's domain) itself, says NXDOMAIN
// for other names under that domain, and forwards every other query unchanged to the map's
// nameservers (the group whose `domains` match the name best, else the primary group) and relays
// the answer. The machine's resolver configuration is not touched: point /etc/resolv.conf (or a
// systemd-resolved link) at the mesh IP to use it.
import { createSocket, type Socket } from 'node:dgram';
import type { AgentMap } from './client';

const TTL_SECONDS = 60;
const FORWARD_TIMEOUT_MS = 3000;
const TYPE_A = 1;
const CLASS_IN = 1;
const RCODE = { ok: 0, servfail: 2, nxdomain: 3 } as const;

export interface Question {
  id: number;
  flags: number;
  name: string;
  type: number;
  klass: number;
  /** Where the question section ends in the message. */
  end: number;
}

/** The first question of a DNS query, or null when the message is not a query we can read. */
export function parseQuery(msg: Buffer): Question | null {
  if (msg.length < 12 || msg[2] & 0x80 || msg.readUInt16BE(4) < 1) return null;
  const labels: string[] = [];
  let i = 12;
  for (;;) {
    if (i >= msg.length) return null;
    const len = msg[i];
    if (len === 0) break;
    if (len > 63 || i + 1 + len > msg.length) return null;
    labels.push(msg.toString('latin1', i + 1, i + 1 + len));
    i += 1 + len;
  }
  if (i + 5 > msg.length) return null;
  return { id: msg.readUInt16BE(0), flags: msg.readUInt16BE(2), name: labels.join('.').toLowerCase(), type: msg.readUInt16BE(i + 1), klass: msg.readUInt16BE(i + 3), end: i + 5 };
}

/** An answer to `q` (copying its question) with the given A records, or an error code. */
export function answer(query: Buffer, q: Question, rcode: number, addresses: string[] = [], authoritative = true): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(q.id, 0);
  // QR, the query's opcode and RD, AA when ours, RA (we recurse through the forwarders).
  header.writeUInt16BE(0x8000 | (q.flags & 0x7900) | (authoritative ? 0x0400 : 0) | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(addresses.length, 6);
  const records = addresses.map((ip) => {
    const rr = Buffer.alloc(16);
    rr.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    rr.writeUInt16BE(TYPE_A, 2);
    rr.writeUInt16BE(CLASS_IN, 4);
    rr.writeUInt32BE(TTL_SECONDS, 6);
    rr.writeUInt16BE(4, 10);
    ip.split('.').forEach((part, k) => (rr[12 + k] = Number(part)));
    return rr;
  });
  return Buffer.concat([header, query.subarray(12, q.end), ...records]);
}

type NameserverGroup = AgentMap['dns']['nameserver_groups'][number];

const bare = (name: string) => name.toLowerCase().replace(/\.$/, '');

export class DnsStub {
  private socket: Socket | null = null;
  private records = new Map<string, string[]>();
  private domain = '';
  private groups: NameserverGroup[] = [];

  /** Takes the names and nameservers of a new map. */
  update(map: AgentMap): void {
    const records = new Map<string, string[]>();
    const add = (name: string, ip: string) => records.set(bare(name), [...(records.get(bare(name)) ?? []), ip]);
    for (const r of map.dns.records) if (r.type === 'A') add(r.name, r.value);
    if (map.dns.enabled && map.peer.fqdn) add(map.peer.fqdn, map.peer.ip);
    this.records = records;
    this.domain = map.dns.enabled ? bare(map.dns.domain) : '';
    this.groups = map.dns.nameserver_groups;
  }

  async start(address: string, port = 53): Promise<void> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, address, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('message', (msg, from) => void this.handle(msg, from.address, from.port));
    socket.on('error', () => {});
    this.socket = socket;
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
  }

  /** The answer for one query: ours, NXDOMAIN under the account's domain, or the forwarder's. */
  async respond(msg: Buffer): Promise<Buffer | null> {
    const q = parseQuery(msg);
    if (!q) return null;
    const ours = this.records.get(q.name);
    if (ours) return answer(msg, q, RCODE.ok, q.type === TYPE_A && q.klass === CLASS_IN ? ours : []);
    if (this.domain && (q.name === this.domain || q.name.endsWith(`.${this.domain}`))) return answer(msg, q, RCODE.nxdomain);
    const servers = this.nameserversFor(q.name);
    for (const ns of servers) {
      const reply = await forward(msg, ns.ip, ns.port).catch(() => null);
      if (reply) return reply;
    }
    return answer(msg, q, RCODE.servfail, [], false);
  }

  private nameserversFor(name: string) {
    let best: { length: number; group: NameserverGroup } | null = null;
    for (const g of this.groups) {
      for (const d of g.domains) {
        const domain = bare(d);
        if ((name === domain || name.endsWith(`.${domain}`)) && (!best || domain.length > best.length)) best = { length: domain.length, group: g };
      }
    }
    const group = best?.group ?? this.groups.find((g) => g.primary);
    return (group?.nameservers ?? []).filter((ns) => ns.ns_type === 'udp' && /^\d+\.\d+\.\d+\.\d+$/.test(ns.ip));
  }

  private async handle(msg: Buffer, address: string, port: number) {
    const reply = await this.respond(msg).catch(() => null);
    if (reply && this.socket) this.socket.send(reply, port, address);
  }
}

/** Sends a query to a nameserver and waits for the reply with the same id. */
function forward(msg: Buffer, ip: string, port: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const done = (e: Error | null, reply?: Buffer) => {
      clearTimeout(timer);
      socket.close();
      if (e) reject(e);
      else resolve(reply!);
    };
    const timer = setTimeout(() => done(new Error('timeout')), FORWARD_TIMEOUT_MS);
    socket.on('error', (e) => done(e));
    socket.on('message', (reply) => {
      if (reply.length >= 2 && reply.readUInt16BE(0) === msg.readUInt16BE(0)) done(null, reply);
    });
    socket.send(msg, port, ip);
  });
}
