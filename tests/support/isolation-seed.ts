// Two look-alike accounts for the account-isolation sweep: the same account name and the same names
// of groups, peers, policies, posture checks, routes, networks, resources, nameservers, setup keys,
// users (Alice has the same e-mail in both: one person in two accounts), Tailscale keys and ACL,
// ZeroTier networks, moons and Ziti identities; only ids, owners' e-mail addresses, domains and Ziti
// user names differ (Account.domain and Ziti user names are unique across the installation).
// Each gets traffic and audit events, an owner API token and a Ziti API session of its own.
import { expect } from 'vitest';
import { createAccountWithOwner } from '@/lib/domain/accounts/accounts';
import { newId } from '@/lib/domain/ids';
import { seedToken } from '@/lib/domain/users/tokens';
import { actorOf, authHeaders, testDb } from './fixtures';
import { sendJson } from './http';
import { insertPeer } from './peers';
import { passwordLogin } from './ziti-helpers';

export interface Tenant {
  label: string;
  accountId: string;
  domain: string;
  ownerEmail: string;
  token: string;
  zitiSession: string;
  /** The account's settings as GET /api/accounts answers them (a valid PUT body). */
  accountSettings: Record<string, unknown>;
  /** The account's objects by kind (the sweep's param table picks from these). */
  ids: Record<string, string>;
  /** Secrets, keys and DNS labels that must never show up in the other account's answers (secrets[0]: the setup key). */
  secrets: string[];
}

export const ACL_DOC = `{
  // the same policy document in both accounts
  "groups": {"group:eng": []},
  "acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}],
}`;

async function ok(method: string, path: string, token: string, body?: unknown) {
  const r = await sendJson(method, path, authHeaders(token), body);
  expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
}

/** `nodeSuffix`: ZeroTier member addresses differ per account (a node address is one device). */
export async function seedTenant(label: string, nodeSuffix: string): Promise<Tenant> {
  const db = await testDb();
  const domain = `isolation-${label}.test`;
  const ownerEmail = `owner@${domain}`;
  const { account, owner } = await createAccountWithOwner(db, { name: 'Acme', domain, ownerEmail, ownerName: 'Owner', ownerPassword: 'owner-password-123' });
  const { plain: token, token: tokenRow } = await seedToken(db, actorOf(owner), owner.id, { name: 'sweep', expiresInDays: 30 });
  const accountId = account.id;
  const call = (method: string, path: string, body?: unknown) => ok(method, path, token, body);

  const laptop = await insertPeer(accountId, 'laptop');
  const gateway = await insertPeer(accountId, 'gateway');
  const devs = await call('POST', '/api/groups', { name: 'devs', peers: [laptop.id] });
  const servers = await call('POST', '/api/groups', { name: 'servers', peers: [gateway.id] });
  const rule = { name: 'ssh', description: '', enabled: true, action: 'accept', bidirectional: false, protocol: 'tcp', ports: ['22'], sources: [devs.id], destinations: [servers.id] };
  const policy = await call('POST', '/api/policies', { name: 'devs-to-servers', description: '', enabled: true, rules: [rule] });
  const posture = await call('POST', '/api/posture-checks', { name: 'min-version', description: '', checks: { nb_version_check: { min_version: '0.25.0' } } });
  const route = await call('POST', '/api/routes', { description: 'office', network_id: 'office', enabled: true, peer: gateway.id, network: '10.1.0.0/16', metric: 100, masquerade: true, groups: [devs.id], keep_route: false });
  const ns = await call('POST', '/api/dns/nameservers', { name: 'corp-dns', description: '', nameservers: [{ ip: '1.1.1.1', ns_type: 'udp', port: 53 }], enabled: true, groups: [devs.id], primary: true, domains: [], search_domains_enabled: false });
  const setupKey = await call('POST', '/api/setup-keys', { name: 'onboard', type: 'reusable', expires_in: 86400, auto_groups: [], usage_limit: 0 });
  const network = await call('POST', '/api/networks', { name: 'office', description: '' });
  const resource = await call('POST', `/api/networks/${network.id}/resources`, { name: 'web', description: '', address: '10.10.0.5', enabled: true, groups: [servers.id] });
  const router = await call('POST', `/api/networks/${network.id}/routers`, { peer: gateway.id, metric: 100, masquerade: true, enabled: true });
  const ingress = await call('POST', '/api/ingress/peers', { peer_id: gateway.id, enabled: true, fallback: false });
  const allocation = await call('POST', `/api/peers/${laptop.id}/ingress/ports`, { name: 'web', enabled: true, port_ranges: [{ start: 8080, end: 8080, protocol: 'tcp' }] });
  // The same person in both accounts (emails are unique per account): one more look-alike.
  const alice = await call('POST', '/api/users', { email: 'alice@look-alike.test', name: 'Alice', role: 'user', auto_groups: [], is_service_user: false });
  const bot = await call('POST', '/api/users', { name: 'ci-bot', role: 'user', auto_groups: [], is_service_user: true });

  // Tailscale: an auth key, DNS, the same ACL document (its version numbers are per account).
  const tsKey = await call('POST', '/api/v2/tailnet/-/keys', { capabilities: { devices: { create: { reusable: true, ephemeral: false, preauthorized: true, tags: [] } } }, expirySeconds: 86400, description: 'ci' });
  await call('POST', '/api/v2/tailnet/-/dns/nameservers', { dns: ['9.9.9.9'] });
  await call('POST', '/api/v2/tailnet/-/dns/searchpaths', { searchPaths: ['corp.example'] });
  await call('POST', '/api/v2/tailnet/-/acl', ACL_DOC);

  // ZeroTier: a network named alike, a member, an orbited moon.
  const ztAddress = (await call('GET', '/status')).address;
  const ztNet = await call('POST', `/controller/network/${ztAddress}______`, { name: 'lab' });
  const nodeId = `${nodeSuffix}00000001`.slice(0, 10);
  await call('POST', `/controller/network/${ztNet.id}/member/${nodeId}`, { authorized: true });
  // A second member, named only by the node API's /peer/{address} (the sweep adds B's first node to A's network).
  const ztPeerAddress = `${nodeSuffix}00000003`.slice(0, 10);
  await call('POST', `/controller/network/${ztNet.id}/member/${ztPeerAddress}`, { authorized: true });
  const moonId = `${nodeSuffix}0000000m`.slice(0, 9) + '1';
  await call('POST', `/moon/${moonId}`, { seed: nodeId });

  // Ziti: an identity with the same name (updb usernames are unique, so they differ), enrolled and
  // signed in over HTTP; an API session certificate and a session row for the id table.
  const username = `alice-${label}`;
  const created = await call('POST', '/api/console/ziti/identities', { name: 'alice-phone', role_attributes: ['devs'], enrollment_method: 'updb', username });
  const identityId: string = created.identity.id;
  await db.zitiIdentity.update({ where: { id: identityId }, data: { isAdmin: true } });
  const enrolled = await sendJson('POST', `/edge/client/v1/enroll/updb?token=${created.enrollment.token}`, {}, { username, password: 'first-pass-1' });
  expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
  const login = await passwordLogin(username, 'first-pass-1');
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  const zitiSession: string = login.body.data.token;
  const apiSessionId: string = login.body.data.id;
  const authenticator = await db.zitiAuthenticator.findFirstOrThrow({ where: { identityId } });
  const now = new Date();
  const cert = await db.zitiApiSessionCertificate.create({
    data: { id: newId(), accountId, apiSessionId, subject: 'CN=alice-phone', fingerprint: `fp-${label}`, pem: '', validFrom: now, validTo: new Date(now.getTime() + 3600_000) },
  });
  const zitiSessionRow = await db.zitiSession.create({
    data: { id: newId(), accountId, apiSessionId, identityId, serviceId: resource.id, type: 'Dial', tokenHash: `hash-${newId()}` },
  });

  // Traffic between the two peers and an audit entry written directly, beside the API's own.
  const start = new Date(Date.now() - 60_000);
  await db.trafficEvent.create({
    data: {
      accountId, flowId: newId(), reporterId: laptop.id, srcId: laptop.id, srcType: 'PEER', srcName: 'laptop', srcAddress: laptop.ip,
      dstId: gateway.id, dstType: 'PEER', dstName: 'gateway', dstAddress: gateway.ip, userId: owner.id, userEmail: ownerEmail, userName: 'Owner',
      policyId: policy.id, policyName: 'devs-to-servers', protocol: 6, direction: 'EGRESS', rxBytes: 100n, txBytes: 200n, numStarts: 1,
      windowStart: start, windowEnd: new Date(), events: '[]', eventTypes: 'TYPE_START', searchText: `laptop gateway ${laptop.ip} ${gateway.ip} ${ownerEmail}`,
    },
  });
  await db.auditEvent.create({ data: { id: newId(), accountId, activityCode: 'peer.login', activity: 'Peer logged in', initiatorId: owner.id, initiatorName: 'Owner', initiatorEmail: ownerEmail, targetId: laptop.id, meta: JSON.stringify({ name: 'laptop' }) } });

  const ids: Record<string, string> = {
    accountId, ownerId: owner.id, aliceId: alice.id, botId: bot.id, tokenId: tokenRow.id,
    laptopId: laptop.id, gatewayId: gateway.id, devsId: devs.id, serversId: servers.id, policyId: policy.id, ruleId: policy.rules[0].id,
    postureCheckId: posture.id, routeId: route.id, nsgroupId: ns.id, setupKeyId: setupKey.id, networkId: network.id, resourceId: resource.id,
    routerId: router.id, ingressPeerId: ingress.id, allocationId: allocation.id, tsKeyId: tsKey.id,
    nwid: ztNet.id, nodeId, ztPeerAddress, moonId, identityId, authenticatorId: authenticator.id, apiSessionId, apiSessionCertId: cert.id, zitiSessionId: zitiSessionRow.id,
  };
  const accountSettings = (await call('GET', '/api/accounts'))[0].settings;
  return { label, accountId, domain, ownerEmail, token, zitiSession, accountSettings, ids, secrets: [setupKey.key, tsKey.key, laptop.wgPubKey, gateway.wgPubKey, laptop.dnsLabel, gateway.dnsLabel, username].filter(Boolean) };
}
