// The account-isolation sweep's tables: how to fill each route parameter with the other account's
// object of that kind (or a fixed value where the parameter names no account object), and what to
// send to each endpoint. A route file with a parameter missing here fails the sweep.
import { baseUrl } from './fixtures';
import { newId } from '@/lib/domain/ids';
import { randomBytes } from 'node:crypto';
import type { Endpoint } from './isolation-routes';
import type { Tenant } from './isolation-seed';

export interface ParamRule {
  param: string;
  /** Applies when the template matches (first matching rule wins). */
  where?: RegExp;
  /** The other account's object: its value, and a look-alike that names nothing anywhere. */
  owned?: (t: Tenant) => string;
  unknown?: (t: Tenant) => string;
  /** A parameter that names no account object (a country, an MTU, a spec name). */
  fixed?: string;
}

const hex = (n: number) => randomBytes(n).toString('hex').slice(0, n);
const id = (key: string) => (t: Tenant) => t.ids[key];
const anyId = () => newId();

export const PARAMS: ParamRule[] = [
  { param: 'accountId', owned: id('accountId'), unknown: anyId },
  { param: 'peerId', owned: id('laptopId'), unknown: anyId },
  { param: 'groupId', owned: id('devsId'), unknown: anyId },
  { param: 'policyId', owned: id('policyId'), unknown: anyId },
  { param: 'postureCheckId', owned: id('postureCheckId'), unknown: anyId },
  { param: 'routeId', owned: id('routeId'), unknown: anyId },
  { param: 'nsgroupId', owned: id('nsgroupId'), unknown: anyId },
  { param: 'networkId', owned: id('networkId'), unknown: anyId },
  { param: 'resourceId', owned: id('resourceId'), unknown: anyId },
  { param: 'routerId', owned: id('routerId'), unknown: anyId },
  { param: 'ingressPeerId', owned: id('ingressPeerId'), unknown: anyId },
  { param: 'allocationId', owned: id('allocationId'), unknown: anyId },
  { param: 'tokenId', owned: id('tokenId'), unknown: anyId },
  { param: 'userId', where: /^\/api\/v2\//, owned: id('aliceId'), unknown: anyId },
  { param: 'userId', owned: id('aliceId'), unknown: anyId },
  { param: 'keyId', where: /^\/api\/v2\//, owned: id('tsKeyId'), unknown: anyId },
  { param: 'keyId', owned: id('setupKeyId'), unknown: anyId },
  { param: 'deviceId', owned: id('laptopId'), unknown: anyId },
  { param: 'tailnet', owned: (t) => t.domain, unknown: () => `nowhere-${hex(6)}.test` },
  { param: 'domain', owned: (t) => t.domain, unknown: () => `nowhere-${hex(6)}.test` },
  { param: 'nwid', owned: id('nwid'), unknown: (t) => t.ids.nwid.slice(0, 10) + hex(6) },
  { param: 'nodeId', owned: id('nodeId'), unknown: () => `c${hex(9)}` },
  { param: 'address', owned: id('ztPeerAddress'), unknown: () => `c${hex(9)}` },
  { param: 'id', where: /^\/moon\//, owned: id('moonId'), unknown: () => `c${hex(9)}` },
  { param: 'number', owned: id('aclVersionOnlyHere'), unknown: () => '9999' },
  { param: 'identityId', owned: id('identityId'), unknown: anyId },
  { param: 'id', where: /^\/api\/console\/ziti\/api-sessions/, owned: id('apiSessionId'), unknown: anyId },
  { param: 'id', where: /sessions\/\[id\]/, owned: id('zitiSessionId'), unknown: anyId },
  { param: 'id', where: /certificates\/\[id\]/, owned: id('apiSessionCertId'), unknown: anyId },
  { param: 'id', where: /authenticators\/\[id\]/, owned: id('authenticatorId'), unknown: anyId },
  { param: 'id', where: /^\/edge\/client\/v1\/services\//, owned: id('resourceId'), unknown: anyId },
  { param: 'id', where: /^\/edge\/client\/v1\/specs\//, fixed: 'edge-client' },
  { param: 'email', owned: (t) => t.ownerEmail, unknown: () => `nobody-${hex(6)}@nowhere.test` },
  { param: 'country', fixed: 'DE' },
  { param: 'mtu', fixed: '1400' },
  { param: 'device', fixed: 'eth0' },
];

/** Routes the sweep leaves out, each with why. */
export const SKIPPED: Record<string, string> = {
  '/api/auth/[...nextauth]': 'console sign-in (next-auth): no account object in its path; its own tests cover it',
};

export function ruleFor(ep: Endpoint, param: string): ParamRule | undefined {
  return PARAMS.find((r) => r.param === param && (!r.where || r.where.test(ep.template)));
}

/**
 * Bodies for writes whose body is checked before the object is looked up: a valid body, so the
 * request reaches the lookup (an invalid one would be refused the same for any id).
 */
export function bodyFor(ep: Endpoint, a: Tenant): unknown {
  const key = `${ep.method} ${ep.template}`;
  const rule = { name: 'ssh', enabled: true, action: 'accept', bidirectional: false, protocol: 'tcp', ports: ['22'], sources: [a.ids.devsId], destinations: [a.ids.serversId] };
  const bodies: Record<string, unknown> = {
    'PUT /api/accounts/[accountId]': { settings: a.accountSettings },
    'PUT /api/groups/[groupId]': { name: 'devs', peers: [] },
    'PUT /api/policies/[policyId]': { name: 'devs-to-servers', enabled: true, rules: [rule] },
    'PUT /api/posture-checks/[postureCheckId]': { name: 'min-version', description: '', checks: { nb_version_check: { min_version: '0.26.0' } } },
    'PUT /api/routes/[routeId]': { description: 'office', network_id: 'office', enabled: false, peer: a.ids.gatewayId, network: '10.1.0.0/16', metric: 100, masquerade: true, groups: [a.ids.devsId], keep_route: false },
    'PUT /api/dns/nameservers/[nsgroupId]': { name: 'corp-dns', description: '', nameservers: [{ ip: '1.1.1.1', ns_type: 'udp', port: 53 }], enabled: false, groups: [a.ids.devsId], primary: true, domains: [], search_domains_enabled: false },
    'PUT /api/setup-keys/[keyId]': { revoked: true, auto_groups: [] },
    'PUT /api/networks/[networkId]': { name: 'office', description: 'changed' },
    'POST /api/networks/[networkId]/resources': { name: 'web2', description: '', address: '10.10.0.6', enabled: true, groups: [a.ids.serversId] },
    'PUT /api/networks/[networkId]/resources/[resourceId]': { name: 'web', description: '', address: '10.10.0.7', enabled: true, groups: [a.ids.serversId] },
    'POST /api/networks/[networkId]/routers': { peer: a.ids.gatewayId, metric: 100, masquerade: true, enabled: true },
    'PUT /api/networks/[networkId]/routers/[routerId]': { peer: a.ids.gatewayId, metric: 200, masquerade: true, enabled: true },
    'PUT /api/ingress/peers/[ingressPeerId]': { enabled: false, fallback: false },
    'POST /api/peers/[peerId]/ingress/ports': { name: 'web', enabled: true, port_ranges: [{ start: 9090, end: 9090, protocol: 'tcp' }] },
    'PUT /api/peers/[peerId]/ingress/ports/[allocationId]': { name: 'web', enabled: false, port_ranges: [{ start: 8080, end: 8080, protocol: 'tcp' }] },
    'PUT /api/peers/[peerId]': { name: 'laptop', ssh_enabled: true, login_expiration_enabled: false, inactivity_expiration_enabled: false },
    'POST /api/peers/[peerId]/temporary-access': { name: 'tmp', wg_pub_key: 'x'.repeat(43) + '=', rules: ['tcp/22'] },
    'PUT /api/users/[userId]': { role: 'admin', auto_groups: [], is_blocked: true },
    'POST /api/users/[userId]/tokens': { name: 'sneaky', expires_in: 1 },
    'POST /api/v2/device/[deviceId]/authorized': { authorized: false },
    'POST /api/v2/device/[deviceId]/expire': {},
    'POST /api/v2/device/[deviceId]/ip': { ipv4: '100.64.99.99' },
    'POST /api/v2/device/[deviceId]/key': { keyExpiryDisabled: true },
    'POST /api/v2/device/[deviceId]/name': { name: 'renamed' },
    'POST /api/v2/device/[deviceId]/routes': { routes: [] },
    'POST /api/v2/device/[deviceId]/tags': { tags: [] },
    'POST /api/v2/tailnet/[tailnet]/keys': { capabilities: { devices: { create: { reusable: false, ephemeral: false, preauthorized: false, tags: [] } } }, expirySeconds: 3600 },
    'POST /api/v2/tailnet/[tailnet]/dns/nameservers': { dns: ['8.8.8.8'] },
    'POST /api/v2/tailnet/[tailnet]/dns/preferences': { magicDNS: false },
    'POST /api/v2/tailnet/[tailnet]/dns/searchpaths': { searchPaths: ['leak.example'] },
    'PATCH /api/v2/tailnet/[tailnet]/dns/split-dns': { 'leak.example': ['8.8.8.8'] },
    'PUT /api/v2/tailnet/[tailnet]/dns/split-dns': { 'leak.example': ['8.8.8.8'] },
    'POST /api/console/ziti/identities/[identityId]/enrollments': { method: 'ott' },
    'POST /controller/network/[nwid]': { name: 'hijacked' },
    'POST /controller/network/[nwid]/member/[nodeId]': { authorized: false },
    'PUT /edge/client/v1/current-identity/authenticators/[id]': { currentPassword: 'first-pass-1', password: 'second-pass-2', username: 'renamed-user' },
    'POST /edge/client/v1/current-identity/authenticators/[id]/extend': { clientCertCsr: '-----BEGIN CERTIFICATE REQUEST-----\nMA==\n-----END CERTIFICATE REQUEST-----\n' },
    'POST /edge/client/v1/current-identity/authenticators/[id]/extend-verify': { clientCert: '-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n' },
    'PATCH /edge/client/v1/current-identity/authenticators/[id]': { currentPassword: 'first-pass-1', password: 'second-pass-2' },
    'PUT /edge/client/v1/services/[id]': { name: 'web' },
    'PATCH /edge/client/v1/services/[id]': { name: 'web' },
  };
  const tailscaleAcl = /\/(tailnet|domain)\/\[[a-z]+\]\/acl(\/(preview|validate))?$/.test(ep.template);
  if (tailscaleAcl && ep.method === 'POST') return '{"acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}]}';
  if (key in bodies) return bodies[key];
  const legacy = key.replace('/api/v2/domain/[domain]/', '/api/v2/tailnet/[tailnet]/');
  if (legacy in bodies) return bodies[legacy];
  return ep.method === 'GET' || ep.method === 'DELETE' ? undefined : {};
}

/** How each API authenticates: A's token in its style, or A's Ziti API session. */
export function headersFor(ep: Endpoint, t: Tenant): Record<string, string> {
  switch (ep.api) {
    case 'zerotier':
      return { 'X-ZT1-Auth': t.token };
    case 'tailscale':
      return { Authorization: `Basic ${Buffer.from(`${t.token}:`).toString('base64')}` };
    case 'ziti':
      return { 'zt-session': t.zitiSession };
    default:
      return { Authorization: `Token ${t.token}` };
  }
}

export interface Answer {
  status: number;
  text: string;
  json: any;
}

export async function send(ep: Endpoint, path: string, t: Tenant, body = bodyFor(ep, t), extra: Record<string, string> = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...headersFor(ep, t), ...extra };
  if (body !== undefined) headers['Content-Type'] = typeof body === 'string' ? 'application/hujson' : 'application/json';
  const r = await fetch(`${baseUrl()}${path}`, { method: ep.method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await r.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, text, json };
}

/** The dialect's not-found answer (lib/http/dialects/*.ts). */
export function isNotFound(ep: Endpoint, a: Answer): boolean {
  if (a.status !== 404) return false;
  const j = a.json;
  switch (ep.api) {
    case 'ziti':
      return j?.error?.code === 'NOT_FOUND';
    case 'tailscale':
    case 'zerotier':
      return typeof j?.message === 'string';
    default:
      return typeof j?.message === 'string' && j.code === 404;
  }
}
