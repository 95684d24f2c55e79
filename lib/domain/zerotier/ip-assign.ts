// Automatic IPv4 assignment from a network's ipAssignmentPools, as ZeroTier's controller does it
// when a member asks for its configuration: only with v4AssignMode.zt, only for members without
// noAutoAssignIps that have no managed IPv4 yet, and only addresses inside one of the network's
// IPv4 routes. The search starts at the member's address modulo the pool size (so a node tends to
// get the same address again), skips x.x.x.255 and addresses in use, and gives up after 1,000 tries.
import { intToIpv4, ipv4ToInt } from '../peers/ipam';
import { parsePrefix } from '../validate-net';
import type { ZtPool, ZtRoute } from './network-input';

interface V4Route {
  network: number;
  mask: number;
}

function v4Routes(routes: ZtRoute[]): V4Route[] {
  const out: V4Route[] = [];
  for (const r of routes) {
    const p = parsePrefix(r.target);
    if (!p || p.family !== 'IPv4' || p.bits === 0) continue;
    const mask = (0xffffffff << (32 - p.bits)) >>> 0;
    out.push({ network: (ipv4ToInt(p.address)! & mask) >>> 0, mask });
  }
  return out;
}

const routed = (ip: number, routes: V4Route[]) => routes.some((r) => ((ip & r.mask) >>> 0) === r.network);

/** True when the member already has an IPv4 address inside one of the network's routes. */
export function hasManagedIpv4(ipAssignments: string[], routes: ZtRoute[]): boolean {
  const rs = v4Routes(routes);
  return ipAssignments.some((ip) => {
    const n = ipv4ToInt(ip);
    return n !== null && routed(n, rs);
  });
}

/** The address to assign, or null when no pool has a free routed address. */
export function pickPoolAddress(memberAddress: string, pools: ZtPool[], routes: ZtRoute[], used: Set<string>): string | null {
  const rs = v4Routes(routes);
  if (!rs.length) return null;
  let counter = Number(BigInt(`0x${memberAddress}`) & 0xffffffffn);
  for (const pool of pools) {
    const start = ipv4ToInt(pool.ipRangeStart);
    const end = ipv4ToInt(pool.ipRangeEnd);
    if (start === null || end === null || end < start || start === 0) continue;
    const len = end - start;
    for (let k = start, trials = 0; k <= end && trials < 1000; k++, trials++) {
      const ip = len > 0 ? start + (counter % len) : start;
      counter = (counter + 1) >>> 0;
      if ((ip & 0xff) === 0xff) continue;
      if (!routed(ip, rs)) continue;
      const text = intToIpv4(ip);
      if (!used.has(text)) return text;
    }
  }
  return null;
}
