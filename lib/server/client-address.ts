// Who is on the other end of a request. Route handlers cannot see the socket, and Next.js only
// fills in X-Forwarded-For when the client did not send one, so a client could name any address
// and escape per-address limits. At start the server stamps every request with the socket's peer
// address in its own header (request-hook.ts); forwarding headers count only when that peer is a
// proxy the operator trusts (MESHDECK_TRUSTED_PROXIES).
import type http from 'node:http';
import { BlockList, isIP } from 'node:net';

export const PEER_HEADER = 'x-meshdeck-peer';

/** Sets the peer header from the socket, overwriting whatever a client sent under that name. */
export function stampPeer(req: http.IncomingMessage) {
  req.headers[PEER_HEADER] = normalize(req.socket.remoteAddress ?? '');
}

/** "::ffff:10.1.2.3" → "10.1.2.3" (IPv4 clients of a dual-stack socket). */
function normalize(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, '');
  return a.toLowerCase().startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

let trusted: { spec: string; list: BlockList } | undefined;

/** MESHDECK_TRUSTED_PROXIES: comma-separated addresses or prefixes ("127.0.0.1, 10.0.0.0/8, ::1"). */
export function trustedProxies(spec = process.env.MESHDECK_TRUSTED_PROXIES ?? ''): BlockList {
  if (trusted?.spec === spec) return trusted.list;
  const list = new BlockList();
  for (const item of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [addr, bits] = item.split('/');
    const family = isIP(addr);
    if (!family) throw new Error(`MESHDECK_TRUSTED_PROXIES: not an address or prefix: ${item}`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  trusted = { spec, list };
  return list;
}

const isTrusted = (list: BlockList, address: string) => {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
};

type HeaderSource = Headers | Record<string, unknown> | undefined;
const header = (h: HeaderSource, name: string): string =>
  !h ? '' : h instanceof Headers ? (h.get(name) ?? '') : String((h as Record<string, unknown>)[name] ?? '');

/** Whether the request came straight from a proxy listed in MESHDECK_TRUSTED_PROXIES (or `spec`). */
export function fromTrustedProxy(headers: HeaderSource, spec?: string): boolean {
  return isTrusted(trustedProxies(spec), normalize(header(headers, PEER_HEADER)));
}

/**
 * The client's address: the socket's peer, or, when that peer is a trusted proxy, the nearest
 * address in X-Forwarded-For that is not a trusted proxy. Empty when unknown.
 */
export function clientAddress(headers: HeaderSource, spec?: string): string {
  const peer = normalize(header(headers, PEER_HEADER));
  if (!peer) return '';
  const list = trustedProxies(spec);
  if (!isTrusted(list, peer)) return peer;
  const hops = header(headers, 'x-forwarded-for').split(',').map((s) => normalize(s)).filter((s) => isIP(s));
  for (let i = hops.length - 1; i >= 0; i--) if (!isTrusted(list, hops[i])) return hops[i];
  return hops[0] ?? peer;
}
