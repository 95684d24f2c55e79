// The Edge Client API's services, edge routers, terminators, sessions, service updates and posture
// responses, on an account whose NetBird policies, groups, networks and routers decide who may Dial
// or Bind what. API sessions are opened with the domain code (authentication has its own tests and
// ziti-flow.test.ts drives it over HTTP); every response is validated against the Swagger spec.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ZitiIdentity } from '@/lib/db/models';
import { newId } from '@/lib/domain/ids';
import { jsonList } from '@/lib/domain/json';
import { openApiSession } from '@/lib/domain/ziti/api-sessions';
import { newAccount, testDb } from '../support/fixtures';
import { insertGroup, insertPeer, insertPolicy } from '../support/peers';
import { ziti } from '../support/ziti-client';

const db = () => testDb();

let accountId = '';
let ids: Record<'web' | 'db' | 'other' | 'foreign', string>;
let routerPeerId = '';
const sessions: Record<'alice' | 'router' | 'admin' | 'laptop' | 'foreign', string> = { alice: '', router: '', admin: '', laptop: '', foreign: '' };
const identities: Partial<Record<keyof typeof sessions, ZitiIdentity>> = {};

async function identity(accountId_: string, name: string, data: { peerId?: string; roleAttributes?: string[]; isAdmin?: boolean } = {}) {
  const d = await db();
  const row = await d.zitiIdentity.create({
    data: { id: newId(), accountId: accountId_, name, type: 'Device', roleAttributes: jsonList(data.roleAttributes ?? []), peerId: data.peerId ?? null, isAdmin: data.isAdmin ?? false },
  });
  const { token } = await openApiSession(d, row, { authenticatorId: '', ip: '127.0.0.1' });
  return { row, token };
}

beforeAll(async () => {
  const d = await db();
  const { account } = await newAccount();
  accountId = account.id;
  const laptop = await insertPeer(accountId, 'laptop');
  const router = await insertPeer(accountId, 'router');
  routerPeerId = router.id;
  const devs = await insertGroup(accountId, 'devs', [laptop.id]);
  await insertGroup(accountId, 'routers', [router.id]);
  const webG = await insertGroup(accountId, 'web-g');
  const dbG = await insertGroup(accountId, 'db-g');
  await insertPolicy(accountId, { sources: [devs.id], destinations: [webG.id] });
  const net = await d.network.create({ data: { id: newId(), accountId, name: 'office' } });
  await d.networkRouter.create({ data: { id: newId(), accountId, networkId: net.id, peer: router.id } });
  const res = async (name: string, address: string, type: string, groupId?: string) => {
    const r = await d.networkResource.create({ data: { id: newId(), accountId, networkId: net.id, name, address, type } });
    if (groupId) await d.groupResource.create({ data: { groupId, resourceId: r.id } });
    return r.id;
  };
  const other = await newAccount();
  const otherNet = await d.network.create({ data: { id: newId(), accountId: other.account.id, name: 'theirs' } });
  const foreign = await d.networkResource.create({ data: { id: newId(), accountId: other.account.id, networkId: otherNet.id, name: 'theirs', address: '10.0.0.5/32', type: 'host' } });
  ids = { web: await res('web', '10.0.0.5/32', 'host', webG.id), db: await res('db', '10.0.1.0/24', 'subnet', dbG.id), other: await res('other', 'intranet.example', 'domain'), foreign: foreign.id };
  // The account keeps Tailscale's default ACL document (allow all): laptop's peer may Dial through the router.
  const setups: [keyof typeof sessions, { peerId?: string; roleAttributes?: string[]; isAdmin?: boolean }][] = [
    ['alice', { roleAttributes: ['devs'] }],
    ['router', { peerId: router.id }],
    ['admin', { isAdmin: true }],
    ['laptop', { peerId: laptop.id }],
  ];
  for (const [key, opts] of setups) {
    const { row, token } = await identity(accountId, `${key}-${newId().slice(-4)}`, opts);
    sessions[key] = token;
    identities[key] = row;
  }
  const f = await identity(other.account.id, 'foreigner', { isAdmin: true });
  sessions.foreign = f.token;
});

const as = (who: keyof typeof sessions) => ziti(sessions[who]);
const names = (body: { data: { name: string }[] }) => body.data.map((s) => s.name).sort();

describe('ziti services', () => {
  it('401 in Ziti’s error shape without a session or with a wrong one', async () => {
    for (const r of [await ziti()('GET', '/services'), await ziti('not-a-session')('GET', '/services')]) {
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHORIZED');
    }
  });

  it('an identity sees the services its groups may Dial, with permissions; admins see all', async () => {
    const alice = await as('alice')('GET', '/services');
    expect(alice.status).toBe(200);
    expect(names(alice.body)).toEqual(['web']);
    expect(alice.body.data[0]).toMatchObject({ id: ids.web, permissions: ['Dial'], roleAttributes: ['web-g'], encryptionRequired: true, postureQueries: [] });
    expect(alice.body.meta.pagination).toEqual({ limit: 10, offset: 0, totalCount: 1 });
    expect(alice.body.meta.filterableFields).toContain('name');
    const router = await as('router')('GET', '/services');
    expect(router.body.data.map((s: { name: string; permissions: string[] }) => [s.name, s.permissions]).sort()).toEqual([['db', ['Bind']], ['other', ['Bind']], ['web', ['Bind']]]);
    // The laptop's peer reaches the routed resources through the default ACL document.
    expect(names((await as('laptop')('GET', '/services')).body)).toEqual(['db', 'other', 'web']);
    const admin = await as('admin')('GET', '/services');
    expect(names(admin.body)).toEqual(['db', 'other', 'web']);
    expect(admin.body.data.every((s: { permissions: string[] }) => s.permissions.length === 0)).toBe(true);
    expect((await as('foreign')('GET', '/services')).body.data.map((s: { id: string }) => s.id)).toEqual([ids.foreign]);
  });

  it('filter, sort, paging and role filters', async () => {
    const admin = as('admin');
    const q = (query: string) => admin('GET', `/services?${query}`);
    expect(names((await q(`filter=${encodeURIComponent('name = "web" or name = "db"')}`)).body)).toEqual(['db', 'web']);
    expect((await q(`filter=${encodeURIComponent('true sort by name desc')}`)).body.data.map((s: { name: string }) => s.name)).toEqual(['web', 'other', 'db']);
    const page = await q(`filter=${encodeURIComponent('sort by name')}&limit=1&offset=1`);
    expect(page.body.data.map((s: { name: string }) => s.name)).toEqual(['other']);
    expect(page.body.meta.pagination).toEqual({ limit: 1, offset: 1, totalCount: 3 });
    expect(names((await q(`filter=${encodeURIComponent(`id in ["${ids.db}", "${ids.other}"] and not name icontains "OTH"`)}`)).body)).toEqual(['db']);
    expect(names((await q('roleFilter=%23web-g&roleFilter=%23db-g')).body)).toEqual(['db', 'web']);
    expect(names((await q('roleFilter=%23web-g&roleFilter=%23db-g&roleSemantic=allOf')).body)).toEqual([]);
    expect(names((await q(`roleFilter=@${ids.other}`)).body)).toEqual(['other']);
  });

  it('bad filters are 400 INVALID_FILTER; bad paging 400', async () => {
    for (const filter of ['name = ', 'name = "x" sort', 'secret = "x"', 'sort by nope']) {
      const r = await as('admin')('GET', `/services?filter=${encodeURIComponent(filter)}`);
      expect(r.status, filter).toBe(400);
      expect(r.body.error.code, filter).toBe('INVALID_FILTER');
    }
    expect((await as('admin')('GET', '/services?limit=abc')).status).toBe(400);
    expect((await as('admin')('GET', '/services?roleSemantic=someOf')).status).toBe(400);
  });

  it('configs derived from the resource for the config types asked for', async () => {
    const alice = await as('alice')('GET', `/services/${ids.web}?configTypes=intercept.v1`);
    expect(alice.status).toBe(200);
    expect(alice.body.data.config).toEqual({ 'intercept.v1': { protocols: ['tcp', 'udp'], addresses: ['10.0.0.5/32'], portRanges: [{ low: 1, high: 65535 }] } });
    const router = await as('router')('GET', `/services?configTypes=all&filter=${encodeURIComponent('name = "db"')}`);
    expect(router.body.data[0].config).toEqual({
      'host.v1': { forwardAddress: true, allowedAddresses: ['10.0.1.0/24'], forwardProtocol: true, allowedProtocols: ['tcp', 'udp'], forwardPort: true, allowedPortRanges: [{ low: 1, high: 65535 }] },
    });
    expect((await as('alice')('GET', `/services/${ids.web}`)).body.data.config).toEqual({});
  });

  it('services the identity may not use, and other accounts’ services, are 404', async () => {
    for (const [who, id] of [['alice', ids.db], ['admin', ids.foreign], ['alice', 'nope']] as const) {
      const r = await as(who)('GET', `/services/${id}`);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('edge routers and terminators are the routers of the resource’s network', async () => {
    const er = await as('alice')('GET', `/services/${ids.web}/edge-routers`);
    expect(er.status).toBe(200);
    expect(er.body.data.edgeRouters).toEqual([expect.objectContaining({ name: 'router', isOnline: false, disabled: false })]);
    const t = await as('alice')('GET', `/services/${ids.web}/terminators`);
    expect(t.body.data).toEqual([expect.objectContaining({ serviceId: ids.web, routerId: routerPeerId, identity: identities.router!.id })]);
    const mine = await as('alice')('GET', '/current-identity/edge-routers');
    expect(mine.body.data.map((r: { id: string }) => r.id)).toEqual([routerPeerId]);
    // 404 for a service alice cannot use, though the spec lists no 404 for this operation.
    await expect(as('alice')('GET', `/services/${ids.db}/terminators`)).rejects.toThrow(/status 404 is not documented/);
  });
});

describe('ziti sessions', () => {
  const count = async () => (await db()).zitiSession.count({ where: { accountId } });

  it('Dial and Bind sessions follow the policy; refusals store nothing', async () => {
    const before = await count();
    const dial = await as('alice')('POST', '/sessions', { serviceId: ids.web, type: 'Dial' });
    expect(dial.status).toBe(201);
    expect(dial.body.data).toMatchObject({ type: 'Dial', serviceId: ids.web, service: { id: ids.web, name: 'web' }, identityId: identities.alice!.id });
    expect(dial.body.data.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(dial.body.data.edgeRouters).toHaveLength(1);
    const bind = await as('router')('POST', '/sessions', { serviceId: ids.db, type: 'Bind' });
    expect(bind.status).toBe(201);
    expect(await count()).toBe(before + 2);

    const hidden = await as('alice')('POST', '/sessions', { serviceId: ids.db, type: 'Dial' });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('NOT_FOUND');
    const noDial = await as('router')('POST', '/sessions', { serviceId: ids.web });
    expect(noDial.status).toBe(400);
    expect(noDial.body.error.code).toBe('INVALID_FIELD');
    const noBind = await as('alice')('POST', '/sessions', { serviceId: ids.web, type: 'Bind' });
    expect(noBind.status).toBe(400);
    for (const body of [{ serviceId: ids.web, type: 'Fly' }, { type: 'Dial' }, '{"serviceId":']) {
      const r = await as('alice')('POST', '/sessions', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect((await as('foreign')('POST', '/sessions', { serviceId: ids.web })).status).toBe(404);
    expect(await count()).toBe(before + 2);
  });

  it('reading, listing and deleting one’s own sessions; the token reads back the same', async () => {
    const created = (await as('alice')('POST', '/sessions', { serviceId: ids.web })).body.data;
    const read = await as('alice')('GET', `/sessions/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ id: created.id, token: created.token, type: 'Dial' });
    const list = await as('alice')('GET', `/sessions?filter=${encodeURIComponent(`serviceId = "${ids.web}"`)}`);
    expect(list.body.data.map((s: { id: string }) => s.id)).toContain(created.id);
    expect(list.body.data.every((s: { identityId: string }) => s.identityId === identities.alice!.id)).toBe(true);
    expect((await as('router')('GET', `/sessions/${created.id}`)).status).toBe(404);
    // Ziti answers 404 here too; the spec lists no 404 for DELETE /sessions/{id}.
    await expect(as('router')('DELETE', `/sessions/${created.id}`)).rejects.toThrow(/status 404 is not documented/);
    expect((await as('foreign')('GET', `/sessions/${created.id}`)).status).toBe(404);
    const stored = await (await db()).zitiSession.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.tokenHash).not.toContain(created.token);
    expect((await as('alice')('DELETE', `/sessions/${created.id}`)).status).toBe(200);
    expect((await as('alice')('GET', `/sessions/${created.id}`)).status).toBe(404);
  });
});

describe('admin changes to services', () => {
  it('non-admins may not change services', async () => {
    const r = await as('alice')('PATCH', `/services/${ids.other}`, { roleAttributes: ['web-g'] });
    expect(r.status).toBe(401);
    expect((await as('alice')('DELETE', `/services/${ids.web}`)).status).toBe(401);
  });

  it('PATCH role attributes regroups the resource: the policy then lets alice Dial it; service-updates moves', async () => {
    const before = (await as('alice')('GET', '/current-api-session/service-updates')).body.data.lastChangeAt;
    const serial = (await (await db()).account.findUniqueOrThrow({ where: { id: accountId } })).networkSerial;
    await new Promise((r) => setTimeout(r, 20));
    const r = await as('admin')('PATCH', `/services/${ids.other}`, { roleAttributes: ['web-g'] });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({});
    expect(names((await as('alice')('GET', '/services')).body)).toEqual(['other', 'web']);
    const after = (await as('alice')('GET', '/current-api-session/service-updates')).body.data.lastChangeAt;
    expect(new Date(after).getTime()).toBeGreaterThan(new Date(before).getTime());
    expect((await (await db()).account.findUniqueOrThrow({ where: { id: accountId } })).networkSerial).toBeGreaterThan(serial);
    const audit = await (await db()).auditEvent.findFirst({ where: { accountId, activityCode: 'resource.group.add' }, orderBy: { timestamp: 'desc' } });
    expect(audit).toMatchObject({ source: 'ziti', initiatorId: identities.admin!.id });
  });

  it('PUT replaces name and role attributes; unknown groups and unsupported values are refused unchanged', async () => {
    const bad = [
      { name: 'other2', roleAttributes: ['no-such-group'] },
      { name: 'other2', terminatorStrategy: 'random' },
      { name: 'other2', encryptionRequired: false },
      { roleAttributes: [] },
    ];
    for (const body of bad) {
      const r = await as('admin')('PUT', `/services/${ids.other}`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect((await (await db()).networkResource.findUniqueOrThrow({ where: { id: ids.other } })).name).toBe('other');
    const r = await as('admin')('PUT', `/services/${ids.other}`, { name: 'intranet', roleAttributes: [], terminatorStrategy: 'smartrouting' });
    expect(r.status).toBe(200);
    const row = await (await db()).networkResource.findUniqueOrThrow({ where: { id: ids.other }, include: { groups: true } });
    expect([row.name, row.groups]).toEqual(['intranet', []]);
    expect((await as('admin')('PUT', `/services/${ids.foreign}`, { name: 'x' })).status).toBe(404);
  });

  it('DELETE removes the resource and its sessions', async () => {
    await as('router')('POST', '/sessions', { serviceId: ids.other, type: 'Bind' });
    const r = await as('admin')('DELETE', `/services/${ids.other}`);
    expect(r.status).toBe(200);
    const d = await db();
    expect(await d.networkResource.findUnique({ where: { id: ids.other } })).toBeNull();
    expect(await d.zitiSession.count({ where: { serviceId: ids.other } })).toBe(0);
  });
});

describe('posture responses', () => {
  it('single and bulk responses are accepted; malformed ones are 400', async () => {
    const one = await as('alice')('POST', '/posture-response', { id: 'os-check', typeId: 'OS', type: 'Linux', version: '6.1' });
    expect(one.status).toBe(201);
    expect(one.body.data).toEqual({ services: [] });
    const bulk = await as('alice')('POST', '/posture-response-bulk', [
      { id: 'mac', typeId: 'MAC', macAddresses: ['aa:bb:cc:dd:ee:ff'] },
      { id: 'dom', typeId: 'DOMAIN', domain: 'corp' },
    ]);
    expect(bulk.status).toBe(200);
    for (const [path, body] of [['/posture-response', { id: 'x', typeId: 'NOPE' }], ['/posture-response', { typeId: 'OS' }], ['/posture-response-bulk', [{ id: 'x' }]]] as const) {
      const r = await as('alice')('POST', path, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('COULD_NOT_VALIDATE');
    }
    expect((await ziti()('POST', '/posture-response', { id: 'x', typeId: 'OS' })).status).toBe(401);
  });

  it('refuses bulk bodies of more than 100 responses and oversized responses with Ziti’s 400', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `q${i}`, typeId: 'DOMAIN', domain: 'corp' }));
    expect((await as('alice')('POST', '/posture-response-bulk', many(100))).status).toBe(200);
    const over = await as('alice')('POST', '/posture-response-bulk', many(101));
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe('COULD_NOT_VALIDATE');
    expect(over.body.error.message).toContain('100');
    const fat = await as('alice')('POST', '/posture-response', { id: 'p', typeId: 'PROCESS', path: 'x'.repeat(20_000) });
    expect(fat.status).toBe(400);
    expect(fat.body.error.code).toBe('COULD_NOT_VALIDATE');
  });
});
