// Reading the kernel's connection tracking table, `/proc/net/nf_conntrack` (of the agent's network
// namespace), with byte and packet counters (`net.netfilter.nf_conntrack_acct`). The agent's
// firewall table uses conntrack (`ct state`), so the table is there whenever the mesh is up. Closed
// TCP connections stay listed in TIME_WAIT for two minutes and UDP/ICMP flows for 30 s after their
// last packet, so reading every few seconds sees every flow with its final counters.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const CONNTRACK_TABLE = '/proc/net/nf_conntrack';
const ACCOUNTING = '/proc/sys/net/netfilter/nf_conntrack_acct';

export interface Tracked {
  family: 4 | 6;
  protocol: number;
  /** TCP state (ESTABLISHED, TIME_WAIT, …); empty for other protocols. */
  state: string;
  src: string;
  dst: string;
  /** 0 for protocols without ports. */
  sport: number;
  dport: number;
  icmp?: { type: number; code: number };
  /** Counters of the original direction (from src) and of the reply direction. */
  packets: number;
  bytes: number;
  replyPackets: number;
  replyBytes: number;
}

/** An address in one canonical form (IPv6 compressed, lower case), as written in the map. */
export function canonical(address: string): string {
  if (!address.includes(':')) return address;
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return address;
  }
}

/** One line of /proc/net/nf_conntrack, or null for a line it cannot read. */
export function parseLine(line: string): Tracked | null {
  const words = line.trim().split(/\s+/);
  if (words.length < 6 || (words[0] !== 'ipv4' && words[0] !== 'ipv6')) return null;
  const protocol = Number(words[3]);
  const orig: Record<string, string> = {};
  const reply: Record<string, string> = {};
  let state = '';
  for (const w of words.slice(5)) {
    const eq = w.indexOf('=');
    if (eq < 0) {
      if (/^[A-Z_]+$/.test(w) && !state && protocol === 6) state = w;
      continue;
    }
    const key = w.slice(0, eq);
    const value = w.slice(eq + 1);
    // The first src…bytes are the original direction, the second ones the reply.
    if (key in orig && ['src', 'dst', 'sport', 'dport', 'packets', 'bytes', 'type', 'code', 'id'].includes(key)) {
      if (!(key in reply)) reply[key] = value;
    } else if (!(key in orig)) orig[key] = value;
  }
  if (!orig.src || !orig.dst) return null;
  return {
    family: words[0] === 'ipv4' ? 4 : 6,
    protocol,
    state,
    src: canonical(orig.src),
    dst: canonical(orig.dst),
    sport: Number(orig.sport ?? 0),
    dport: Number(orig.dport ?? 0),
    ...(orig.type !== undefined ? { icmp: { type: Number(orig.type), code: Number(orig.code ?? 0) } } : {}),
    packets: Number(orig.packets ?? 0),
    bytes: Number(orig.bytes ?? 0),
    replyPackets: Number(reply.packets ?? 0),
    replyBytes: Number(reply.bytes ?? 0),
  };
}

export function parseConntrack(text: string): Tracked[] {
  return text
    .split('\n')
    .map(parseLine)
    .filter((t): t is Tracked => t !== null);
}

/** The table now, or null when this kernel does not offer it. */
export function readConntrack(): Tracked[] | null {
  if (!existsSync(CONNTRACK_TABLE)) return null;
  return parseConntrack(readFileSync(CONNTRACK_TABLE, 'utf8'));
}

/** Switches byte and packet counting on (for connections that start from now on); false when it cannot. */
export function enableAccounting(): boolean {
  try {
    if (readFileSync(ACCOUNTING, 'utf8').trim() !== '1') writeFileSync(ACCOUNTING, '1');
    return true;
  } catch {
    return false;
  }
}
