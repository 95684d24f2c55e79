// Where other peers can reach a peer's WireGuard (meshdeck's agent protocol, "Endpoints"). The
// agent reports its listen port (`listen_port`) and its interfaces (`meta.network_addresses`, which
// posture checks read too); the server knows the address the agent connects from. The endpoints
// are derived from these when a map is made, so nothing is stored twice: the seen address first
// (for a peer behind NAT the only one others can reach; WireGuard roams to a peer's real source
// address anyway once a handshake arrives), then the reported interface addresses.
import { isIP } from 'node:net';
import type { Tx } from '../../db/client';
import type { Peer } from '../../db/models';
import { parseJsonArray } from '../json';
import { bumpNetworkSerial } from '../serial';

/** A map carries at most this many endpoints per peer (an agent tries them in order). */
const MAX_ENDPOINTS = 8;

type EndpointColumns = Pick<Peer, 'listenPort' | 'connectionIp' | 'networkAddresses' | 'ip' | 'ipv6'>;

/** Addresses no other machine can reach this one at: loopback, link-local, unspecified, multicast. */
function unreachable(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 4) {
    const [a, b] = address.split('.').map(Number);
    return a === 0 || a === 127 || (a === 169 && b === 254) || a >= 224;
  }
  const a = address.toLowerCase();
  return a === '::' || a === '::1' || /^fe[89ab]/.test(a) || a.startsWith('ff');
}

/** The peer's endpoints ("198.18.0.2:51820", "[2001:db8::2]:51820"), best first; none without a listen port. */
export function endpointsOf(p: EndpointColumns): string[] {
  if (!p.listenPort) return [];
  const reported = parseJsonArray<{ net_ip?: unknown }>(p.networkAddresses).map((a) => (typeof a?.net_ip === 'string' ? a.net_ip.split('/')[0] : ''));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const host of [p.connectionIp, ...reported]) {
    // The peer's own mesh addresses are reachable only through the tunnel itself.
    if (!host || seen.has(host) || host === p.ip || host === p.ipv6 || unreachable(host)) continue;
    seen.add(host);
    out.push(isIP(host) === 6 ? `[${host}]:${p.listenPort}` : `${host}:${p.listenPort}`);
  }
  return out.slice(0, MAX_ENDPOINTS);
}

/**
 * After an agent's report (meta, listen port) was stored: other peers' maps carry this peer's
 * endpoints, so the network serial moves when they changed — unless the report moved it already.
 * Returns whether the listen port changed.
 */
export async function storeListenPort(db: Tx, before: Peer, listenPort: number | undefined, serialBumped: boolean): Promise<boolean> {
  const portChanged = listenPort !== undefined && listenPort !== before.listenPort;
  if (portChanged) await db.peer.update({ where: { id: before.id }, data: { listenPort } });
  if (serialBumped) return portChanged;
  const after = await db.peer.findUnique({ where: { id: before.id }, select: { listenPort: true, connectionIp: true, networkAddresses: true, ip: true, ipv6: true } });
  if (after && endpointsOf(after).join(' ') !== endpointsOf(before).join(' ')) await bumpNetworkSerial(db, before.accountId);
  return portChanged;
}

/** A peer with a listen port that now connects from another address has new endpoints. */
export function seenAddressMovesEndpoints(peer: Peer, connectionIp: string | undefined): boolean {
  return !!connectionIp && connectionIp !== peer.connectionIp && peer.listenPort > 0;
}
