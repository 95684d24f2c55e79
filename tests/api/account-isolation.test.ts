// Nothing crosses accounts. Two look-alike accounts A and B (same names of everything, see
// tests/support/isolation-seed.ts); every endpoint of every route file under app/ (found by walking
// the folder, so a new route is swept without editing this file) is called as A:
// - with B's ids, names and domain in its path → the dialect's not-found, answered exactly as for an
//   id that exists nowhere, and nothing of B's written;
// - with A's own parent and B's object (a network of A's, a resource of B's) → likewise;
// - as a list or search → no id, e-mail, domain or secret of B's, and as many items as B sees of its own;
// - creating with references to B's objects → refused, and nothing of B's linked into A.
// The API project runs on SQLite and again on PostgreSQL (.ci/run), so both prove it.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { adminWithToken, authHeaders, baseUrl, testDb } from '../support/fixtures';
import { sendJson } from '../support/http';
import { allEndpoints, fillTemplate, type Endpoint } from '../support/isolation-routes';
import { ACL_DOC, seedTenant, type Tenant } from '../support/isolation-seed';
import { accountSnapshot } from '../support/isolation-snapshot';
import { newPeer } from '../support/events-helpers';
import { cookieHeader, signIn } from '../support/session';
import { isNotFound, ruleFor, send, SKIPPED, type Answer } from '../support/isolation-sweep';

const endpoints = allEndpoints().filter((e) => !(e.template in SKIPPED));
const withParams = endpoints.filter((e) => e.params.some((p) => !ruleFor(e, p)?.fixed));
const lists = endpoints.filter((e) => e.method === 'GET' && e.params.every((p) => p === 'tailnet' || p === 'domain' || ruleFor(e, p)?.fixed));

let a: Tenant;
let b: Tenant;
let bBefore: Record<string, string[]>;
const statuses: string[] = [];
const counted: string[] = [];

/** Everything of B's that must never appear in an answer to A. */
const markersOf = (t: Tenant) => [...Object.entries(t.ids).filter(([k]) => k !== 'aclVersionOnlyHere').map(([, v]) => v), t.domain, t.ownerEmail, `alice@${t.domain}`, ...t.secrets];
const leaked = (text: string, t: Tenant, except: string[] = []) => markersOf(t).filter((m) => m && !except.includes(m) && text.includes(m));

/**
 * Known ways to tell that an id exists in another account, each with why it stays. ZeroTier
 * network ids are one installation-wide namespace (one controller address, ZeroTierNetwork.nwid
 * unique): POST to an unused id creates it (ZeroTier's create-or-update, docs/zerotier.md), to
 * another account's id answers 404. Closing it needs per-account controller addresses (schema).
 */
/**
 * Routes that create an object of the caller's own under the id in the path: ZeroTier network ids
 * are per account, so A naming B's network id makes A's network of that id (tests/api/tenants.test.ts
 * checks that), which would change what every other route answers for it here.
 */
const CREATES_OWN: Record<string, string> = {
  'POST /controller/network/[nwid]': 'creates or updates the caller’s own network of that id',
  'PUT /controller/network/[nwid]': 'creates or updates the caller’s own network of that id',
};

/** One look-alike "exists nowhere" value per route and parameter, the same for all its methods. */
const unknowns = new Map<string, string>();
const unknownFor = (ep: Endpoint, p: string) => {
  const key = `${ep.template} ${p}`;
  if (!unknowns.has(key)) unknowns.set(key, ruleFor(ep, p)!.unknown!(b));
  return unknowns.get(key)!;
};

/** The answer's text with the values put in the path replaced, and request ids dropped. */
function normalized(ans: Answer, values: string[]): string {
  let text = ans.text;
  for (const v of values) text = text.split(v).join('<P>').split(encodeURIComponent(v)).join('<P>');
  return text.replace(/"requestId":"[^"]*"/g, '"requestId":""');
}

/** A success's shape (keys and value types): two objects created alike differ in times and MACs. */
function shape(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(shape);
  if (json && typeof json === 'object') return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, shape(v)]));
  return typeof json;
}

/** What must be equal between the answer for B's value and for one that exists nowhere. */
const comparable = (ans: Answer, values: string[]) => ({ status: ans.status, body: ans.status < 300 && ans.json !== undefined ? shape(ans.json) : normalized(ans, values) });

function fill(ep: Endpoint, pick: (param: string, index: number) => string): { path: string; values: string[] } {
  const values: string[] = [];
  let i = 0;
  const path = fillTemplate(ep.template, (param) => {
    const v = pick(param, i++);
    values.push(v);
    return v;
  });
  return { path, values };
}

const fixedOr = (ep: Endpoint, param: string, f: () => string) => ruleFor(ep, param)?.fixed ?? f();
const own = (ep: Endpoint, t: Tenant, param: string) => (param === 'tailnet' || param === 'domain' ? '-' : ruleFor(ep, param)!.owned!(t));

/**
 * Sizes in an answer: a top-level array's length, each array's one level down (`devices`, `data`),
 * and every count or total two levels down (`total_records`, `meta.pagination.totalCount`).
 */
function sizes(json: unknown, prefix = '', depth = 0): Record<string, number> {
  if (Array.isArray(json)) return { [prefix || '[]']: json.length };
  const out: Record<string, number> = {};
  if (!json || typeof json !== 'object' || depth > 2) return out;
  for (const [k, v] of Object.entries(json)) {
    const key = `${prefix}.${k}`;
    if (Array.isArray(v) && depth === 0) out[key] = v.length;
    else if (typeof v === 'number' && /total|count/i.test(k)) out[key] = v;
    else if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, sizes(v, key, depth + 1));
  }
  return out;
}

beforeAll(async () => {
  a = await seedTenant('a', 'aa');
  b = await seedTenant('b', 'bb');
}, 120_000);

describe('the sweep knows every route', () => {
  it('finds the route files of all four APIs, the console and the agent', () => {
    const per = (api: string) => endpoints.filter((e) => e.api === api).length;
    console.log(`database: ${/^postgres/.test(inject('databaseUrl')) ? 'PostgreSQL' : 'SQLite'}; endpoints per API:`, Object.fromEntries(['netbird', 'tailscale', 'zerotier', 'ziti', 'console', 'agent', 'other'].map((x) => [x, per(x)])));
    for (const api of ['netbird', 'tailscale', 'zerotier', 'ziti', 'console', 'agent']) expect(per(api), api).toBeGreaterThan(0);
  });

  it('can fill every route parameter with an object of the other account (or a fixed value)', () => {
    const unknown = endpoints.flatMap((e) => e.params.filter((p) => !ruleFor(e, p)).map((p) => `${e.template} [${p}]`));
    expect(unknown, 'add these parameters to PARAMS in tests/support/isolation-sweep.ts').toEqual([]);
  });
});

describe('lists and searches show nothing of the other account', () => {
  for (const ep of lists) {
    it(`GET ${ep.template}`, async () => {
      const path = fill(ep, (p) => fixedOr(ep, p, () => '-')).path;
      const [ra, rb] = [await send(ep, path, a), await send(ep, path, b)];
      expect(leaked(ra.text, b), ra.text.slice(0, 300)).toEqual([]);
      expect(ra.status).toBe(rb.status);
      // Look-alike accounts: A sees as many items of its own as B does of its own.
      expect(sizes(ra.json)).toEqual(sizes(rb.json));
      if (Object.values(sizes(ra.json)).some((n) => n > 0)) counted.push(ep.template);
      // Filtered by B's ids, names and e-mail (each list reads the parameters it knows): nothing of B's either.
      for (const [k, v] of [['search', b.ownerEmail], ['q', b.domain], ['peer_id', b.ids.laptopId], ['user_id', b.ids.ownerId], ['group_id', b.ids.devsId], ['filter', `id = "${b.ids.resourceId}"`]]) {
        const rf = await send(ep, `${path}${path.includes('?') ? '&' : '?'}${k}=${encodeURIComponent(v)}`, a);
        expect(leaked(normalized(rf, [v]), b), `${path}?${k}=: ${rf.text.slice(0, 200)}`).toEqual([]);
      }
    });
  }

  it('compared item counts on the lists (not only empty answers)', () => {
    console.log(`lists with items or totals compared: ${counted.length} of ${lists.length}`);
    expect(counted.length).toBeGreaterThan(20);
  });

  const searches: [string, string][] = [
    ['/api/peers?name=laptop', 'netbird'],
    ['/api/console/peers?q=laptop', 'console'],
    ['/api/events/network-traffic?search=laptop', 'netbird'],
    ['/api/events/audit', 'netbird'],
    ['/api/v2/tailnet/-/devices?fields=all', 'tailscale'],
  ];
  for (const [path, api] of searches) {
    it(`GET ${path} finds A's own look-alike, never B's`, async () => {
      const ep = { template: path, method: 'GET', params: [], api } as Endpoint;
      const ra = await send(ep, path, a);
      expect(ra.status).toBe(200);
      expect(leaked(ra.text, b)).toEqual([]);
      expect(ra.text).toContain(a.ids.laptopId);
    });
  }

  it("finds nothing when searching for B's e-mail, domain or ids", async () => {
    // (Not B's peer addresses: each account numbers its peers from the same range, so A's laptop has the same IP.)
    for (const q of [b.ownerEmail, b.domain, b.ids.laptopId, b.ids.policyId]) {
      const ep = { template: '', method: 'GET', params: [], api: 'netbird' } as Endpoint;
      const r = await send(ep, `/api/events/network-traffic?search=${encodeURIComponent(q)}`, a);
      expect(r.status).toBe(200);
      expect(leaked(r.text, b)).toEqual([]);
      expect(r.json.total_records ?? r.json.data?.length ?? 0, q).toBe(0);
    }
  });
});

describe("writes in A never reach B's objects", () => {
  // Creates and settings whose body names objects: with B's ids they are refused (A's own objects
  // under the same names exist, so a lookup by name would find A's, and one by id must not find B's).
  const refs = (): [string, string, Record<string, unknown>, 'netbird' | 'console' | 'ziti'][] => [
    ['POST', '/api/groups', { name: 'x-group', peers: [b.ids.laptopId] }, 'netbird'],
    ['POST', '/api/groups', { name: 'x-group-r', resources: [{ id: b.ids.resourceId, type: 'host' }] }, 'netbird'],
    ['POST', '/api/policies', { name: 'x-policy', enabled: true, rules: [{ name: 'r', enabled: true, action: 'accept', bidirectional: false, protocol: 'all', sources: [b.ids.devsId], destinations: [a.ids.serversId] }] }, 'netbird'],
    ['POST', '/api/policies', { name: 'x-policy-p', enabled: true, source_posture_checks: [b.ids.postureCheckId], rules: [{ name: 'r', enabled: true, action: 'accept', bidirectional: false, protocol: 'all', sources: [a.ids.devsId], destinations: [a.ids.serversId] }] }, 'netbird'],
    ['POST', '/api/routes', { description: 'x', network_id: 'x-route', enabled: true, peer: b.ids.gatewayId, network: '10.9.0.0/16', metric: 100, masquerade: true, groups: [a.ids.devsId], keep_route: false }, 'netbird'],
    ['POST', '/api/routes', { description: 'x', network_id: 'x-route-g', enabled: true, peer_groups: [b.ids.serversId], network: '10.9.0.0/16', metric: 100, masquerade: true, groups: [a.ids.devsId], keep_route: false }, 'netbird'],
    ['POST', '/api/dns/nameservers', { name: 'x-ns', description: '', nameservers: [{ ip: '1.1.1.1', ns_type: 'udp', port: 53 }], enabled: true, groups: [b.ids.devsId], primary: true, domains: [], search_domains_enabled: false }, 'netbird'],
    ['PUT', '/api/dns/settings', { disabled_management_groups: [b.ids.devsId] }, 'netbird'],
    ['POST', '/api/setup-keys', { name: 'x-key', type: 'reusable', expires_in: 86400, auto_groups: [b.ids.devsId], usage_limit: 0 }, 'netbird'],
    ['POST', '/api/ingress/peers', { peer_id: b.ids.laptopId, enabled: true, fallback: false }, 'netbird'],
    ['POST', '/api/users', { name: 'x-bot', role: 'user', auto_groups: [b.ids.devsId], is_service_user: true }, 'netbird'],
    ['POST', `/api/networks/${a.ids.networkId}/routers`, { peer: b.ids.gatewayId, metric: 100, masquerade: true, enabled: true }, 'netbird'],
    ['POST', `/api/networks/${a.ids.networkId}/resources`, { name: 'x-res', description: '', address: '10.10.0.9', enabled: true, groups: [b.ids.serversId] }, 'netbird'],
    ['POST', '/api/console/peers/bulk', { ids: [b.ids.laptopId], action: 'delete' }, 'console'],
    ['POST', '/api/console/peers/bulk', { ids: [a.ids.laptopId], action: 'add-groups', groups: [b.ids.devsId] }, 'console'],
    ['POST', '/api/console/ziti/identities', { name: 'x-peer-identity', peer_id: b.ids.laptopId }, 'console'],
    ['POST', '/api/console/ziti/identities', { name: 'x-user-identity', user_id: b.ids.aliceId }, 'console'],
    ['POST', '/edge/client/v1/sessions', { serviceId: b.ids.resourceId, type: 'Dial' }, 'ziti'],
    // The access simulator reads only: B's ids as source or destination are unknown (404).
    ...(['peer', 'user', 'group'] as const).map((kind): [string, string, Record<string, unknown>, 'console'] => ['POST', '/api/console/access/check', { source: { kind, id: kind === 'peer' ? b.ids.laptopId : kind === 'user' ? b.ids.aliceId : b.ids.devsId }, destination: { kind: 'peer', id: a.ids.laptopId } }, 'console']),
    ...([['peer', 'laptopId'], ['group', 'devsId'], ['route', 'routeId'], ['resource', 'resourceId']] as const).map(([kind, key]): [string, string, Record<string, unknown>, 'console'] => ['POST', '/api/console/access/check', { source: { kind: 'peer', id: a.ids.laptopId }, destination: { kind, id: b.ids[key] } }, 'console']),
  ];

  it("refuses every body that names one of B's objects", async () => {
    for (const [method, path, body, api] of refs()) {
      const ep = { template: path, method, params: [], api } as Endpoint;
      const r = await send(ep, path, a, body);
      expect(r.status, `${method} ${path} ${JSON.stringify(body)} → ${r.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${method} ${path}`).toBeLessThan(500);
    }
  });

  it("answers a name or e-mail that exists only in B without naming B's data", async () => {
    // A name used only in B is free in A.
    await sendJson('POST', '/api/console/ziti/identities', authHeaders(b.token), { name: 'only-in-b' });
    const ziti = await sendJson('POST', '/api/console/ziti/identities', authHeaders(a.token), { name: 'only-in-b' });
    expect(ziti.status, JSON.stringify(ziti.body)).toBe(200);
    const group = await sendJson('POST', '/api/groups', authHeaders(a.token), { name: 'only-in-b-group', peers: [] });
    expect(group.status).toBe(200);
    // B's e-mail addresses are free in A (the same person may belong to both); B's Ziti user name is
    // unique across the installation (Ziti sign-in names no account) and may be refused, but no
    // answer may say either exists, nor name B's anything.
    const answers = [
      await sendJson('POST', '/api/users', authHeaders(a.token), { email: `alice@${b.domain}`, name: 'Alice', role: 'user', auto_groups: [], is_service_user: false }),
      await sendJson('POST', '/api/users', authHeaders(a.token), { email: b.ownerEmail, name: 'Owner', role: 'user', auto_groups: [], is_service_user: false }),
      await sendJson('POST', '/api/console/ziti/identities', authHeaders(a.token), { name: 'x-updb', enrollment_method: 'updb', username: 'alice-b' }),
      await sendJson('POST', `/api/console/ziti/identities/${a.ids.identityId}/enrollments`, authHeaders(a.token), { method: 'updb', username: 'alice-b' }),
    ];
    for (const r of answers) {
      const text = JSON.stringify(r.body);
      expect(leaked(text, b, [`alice@${b.domain}`, b.ownerEmail, b.domain, 'alice-b']), text).toEqual([]);
      if (r.status >= 400) expect(text, text).not.toMatch(/already (exists|in use)|is taken/i);
    }
    // Users made in A with B's addresses are A's own (the same people joining A): remove them, so
    // that the list checks below can still treat B's addresses as markers of B.
    for (const r of answers.slice(0, 2)) {
      if (r.status === 200) expect((await sendJson('DELETE', `/api/users/${r.body.id}`, authHeaders(a.token))).status).toBe(200);
    }
  });
});

describe("every endpoint answers B's ids as if they did not exist", () => {
  beforeAll(async () => {
    // One ACL version only B has, so a version number can name B's object.
    await sendJson('POST', '/api/v2/tailnet/-/acl', { ...authHeaders(b.token), 'Content-Type': 'application/hujson' }, ACL_DOC.replace('the same', 'a second'));
    const db = await testDb();
    const top = await db.aclVersion.findFirstOrThrow({ where: { accountId: b.accountId }, orderBy: { number: 'desc' } });
    const aTop = await db.aclVersion.findFirst({ where: { accountId: a.accountId }, orderBy: { number: 'desc' } });
    expect(top.number).toBeGreaterThan(aTop?.number ?? 0);
    b.ids.aclVersionOnlyHere = String(top.number);
    a.ids.aclVersionOnlyHere = String(aTop?.number ?? 1);
    bBefore = await accountSnapshot(b.accountId);
  });

  for (const ep of withParams) {
    // CREATES_OWN routes are skipped here (reported as skipped) and checked in tenants.test.ts.
    it.skipIf(`${ep.method} ${ep.template}` in CREATES_OWN)(`${ep.method} ${ep.template}`, async () => {
      const other = fill(ep, (p) => fixedOr(ep, p, () => ruleFor(ep, p)!.owned!(b)));
      const unknown = fill(ep, (p) => fixedOr(ep, p, () => unknownFor(ep, p)));
      const rb = await send(ep, other.path, a);
      statuses.push(`${rb.status} ${ep.method} ${ep.template}`);
      const nb = normalized(rb, other.values);
      expect(leaked(nb, b), nb.slice(0, 300)).toEqual([]);
      const ru = await send(ep, unknown.path, a);
      expect(comparable(rb, other.values), other.path).toEqual(comparable(ru, unknown.values));
      if (rb.status === 404) expect(isNotFound(ep, rb), rb.text.slice(0, 300)).toBe(true);
      // A success only where an id that exists nowhere succeeds too (ZeroTier's join of any network id).
      else if (ru.status >= 300) expect(rb.status, rb.text.slice(0, 300)).toBeGreaterThanOrEqual(400);

      // A's own parents with B's object last (A's network, B's resource; A's tailnet, B's key).
      const accountParams = ep.params.filter((p) => !ruleFor(ep, p)?.fixed);
      if (accountParams.length > 1) {
        const last = accountParams[accountParams.length - 1];
        const mixed = fill(ep, (p) => fixedOr(ep, p, () => (p === last ? ruleFor(ep, p)!.owned!(b) : own(ep, a, p))));
        const mixedUnknown = fill(ep, (p) => fixedOr(ep, p, () => (p === last ? unknownFor(ep, p) : own(ep, a, p))));
        const rm = await send(ep, mixed.path, a);
        const rmu = await send(ep, mixedUnknown.path, a);
        const nm = normalized(rm, mixed.values);
        expect(leaked(nm, b), nm.slice(0, 300)).toEqual([]);
        expect(comparable(rm, mixed.values), mixed.path).toEqual(comparable(rmu, mixedUnknown.values));
      }
    });
  }

  it("left every row of B's as it was", async () => {
    const not404 = statuses.filter((x) => !x.startsWith('404 '));
    console.log(`swept ${statuses.length} endpoints with B's ids; answers other than 404:\n${not404.join('\n')}`);
    const after = await accountSnapshot(b.accountId);
    for (const model of Object.keys(bBefore)) expect(after[model], model).toEqual(bBefore[model]);
  });

  it("holds no id of B's anywhere in A's rows", async () => {
    const rows = await accountSnapshot(a.accountId);
    // A ZeroTier node may join any network id (as in ZeroTier; it gets no config of B's): A's record
    // of having tried names it.
    rows.AuditEvent = rows.AuditEvent.filter((r) => !/"activityCode":"zerotier\.network\.(join|leave)/.test(r));
    // A invited, then removed, people with B's addresses (the same person may be in both): A's
    // record of its own users, not of B's.
    rows.AuditEvent = rows.AuditEvent.filter((r) => !/"activityCode":"user\.(invite|delete)"/.test(r));
    // ZeroTier node and moon addresses name devices, not B's objects: A may add the same device.
    expect(leaked(JSON.stringify(rows), b, [b.ids.nodeId, b.ids.moonId])).toEqual([]);
  });

  it("keeps B's ids and names out of the metrics labels", async () => {
    const { token } = await adminWithToken('isolation-metrics');
    const r = await fetch(`${baseUrl()}/metrics`, { headers: authHeaders(token) });
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(leaked(text, b)).toEqual([]);
    expect(leaked(text, a)).toEqual([]);
  });
});

describe('agents and console sessions see only their own account', () => {
  it("gives A's agent a network map without B's peers, routes or DNS", async () => {
    const peer = await newPeer(a.accountId, { name: 'agent-a' });
    const r = await fetch(`${baseUrl()}/api/agent/sync`, { headers: { Authorization: `Bearer ${peer.token}` } });
    const text = await r.text();
    expect(r.status, text.slice(0, 300)).toBe(200);
    expect(leaked(text, b)).toEqual([]);
  });

  it("answers a console session of A's owner like A's token: lists without B's, B's ids not found", async () => {
    const session = await signIn(a.ownerEmail, 'owner-password-123');
    expect(session.ok, session.error).toBe(true);
    const headers = { Cookie: cookieHeader(session.jar), Origin: baseUrl() };
    for (const path of ['/api/console/peers', '/api/console/ziti/identities', '/api/console/acl/versions', '/api/console/traffic/summary', '/api/peers', '/api/users']) {
      const r = await fetch(`${baseUrl()}${path}`, { headers });
      const text = await r.text();
      expect(r.status, `${path}: ${text.slice(0, 200)}`).toBe(200);
      // (B's first ZeroTier node is a member of A's network by now: the sweep added that device.)
      expect(leaked(text, b, [b.ids.nodeId]), path).toEqual([]);
    }
    const calls: [string, string][] = [
      ['GET', `/api/console/peers/${b.ids.laptopId}/routes`],
      ['GET', `/api/console/acl/versions/${b.ids.aclVersionOnlyHere}`],
      ['DELETE', `/api/console/ziti/identities/${b.ids.identityId}`],
      ['DELETE', `/api/console/ziti/api-sessions/${b.ids.apiSessionId}`],
      ['GET', `/api/peers/${b.ids.laptopId}`],
    ];
    for (const [method, path] of calls) {
      const r = await fetch(`${baseUrl()}${path}`, { method, headers });
      expect(r.status, `${method} ${path}`).toBe(404);
    }
    const after = await accountSnapshot(b.accountId);
    for (const model of Object.keys(bBefore)) expect(after[model], model).toEqual(bBefore[model]);
  });
});
