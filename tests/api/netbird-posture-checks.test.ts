// The NetBird posture checks API: every check kind, validation of versions, countries, ranges and
// processes, unique names, "used by a policy" protection, isolation, roles and audit.
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccount, newUser, testDb } from '../support/fixtures';
import { serialOf, slice } from '../support/groups-helpers';
import { netbird } from '../support/netbird-client';

let accountId = '';
let otherToken = '';
let api: ReturnType<typeof netbird>;

const everyCheck = {
  nb_version_check: { min_version: '0.28.0' },
  os_version_check: {
    android: { min_version: '13' },
    darwin: { min_version: '14.2.1' },
    ios: { min_version: '17.3.1' },
    linux: { min_kernel_version: '5.15.0-91-generic' },
    windows: { min_kernel_version: '10.0.22631' },
  },
  geo_location_check: { locations: [{ country_code: 'de', city_name: 'Berlin' }, { country_code: 'FR', city_name: '' }], action: 'allow' },
  peer_network_range_check: { ranges: ['192.168.1.0/24', '10.0.0.0/8', '2001:db8:1234:1a00::/56', '2.2.2.2/32'], action: 'deny' },
  process_check: {
    processes: [
      { linux_path: '/usr/local/bin/netbird', mac_path: '/Applications/NetBird.app/Contents/MacOS/netbird', windows_path: 'C:\\ProgramData\\NetBird\\netbird.exe' },
      { linux_path: '/usr/sbin/falcon-sensor', mac_path: null, windows_path: '' },
    ],
  },
};

const check = (name: string, checks: unknown = { nb_version_check: { min_version: '0.25.0' } }, description = '') => ({ name, description, checks });

beforeAll(async () => {
  const acct = await newAccount();
  const other = await newAccount();
  accountId = acct.account.id;
  otherToken = other.token;
  api = netbird(acct.token);
});

describe('creating and reading posture checks', () => {
  it('creates a check with every kind, normalised, and audits it without touching the serial', async () => {
    const serial = await serialOf(accountId);
    const r = await api('POST', '/api/posture-checks', check('Company devices', everyCheck, 'managed laptops only'));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      id: expect.stringMatching(/^[0-9a-v]{20}$/),
      name: 'Company devices',
      description: 'managed laptops only',
      checks: {
        ...everyCheck,
        geo_location_check: { locations: [{ country_code: 'DE', city_name: 'Berlin' }, { country_code: 'FR' }], action: 'allow' },
        process_check: { processes: [everyCheck.process_check.processes[0], { linux_path: '/usr/sbin/falcon-sensor' }] },
      },
    });
    expect(await serialOf(accountId)).toBe(serial);
    const db = await testDb();
    const ev = await db.auditEvent.findFirstOrThrow({ where: { accountId, targetId: r.body.id } });
    expect(ev).toMatchObject({ activityCode: 'posture.check.create', activity: 'Posture check created', source: 'netbird' });
    expect(JSON.parse(ev.meta)).toEqual({ name: 'Company devices' });

    expect((await api('GET', `/api/posture-checks/${r.body.id}`)).body).toEqual(r.body);
    const list = await api('GET', '/api/posture-checks');
    expect(list.status).toBe(200);
    expect(list.body).toContainEqual(r.body);
  });

  const single: [string, unknown][] = [
    ['an agent version', { nb_version_check: { min_version: 'v0.30.1' } }],
    ['one OS', { os_version_check: { linux: { min_kernel_version: '6.1' } } }],
    ['a location deny list', { geo_location_check: { locations: [{ country_code: 'XK' }], action: 'deny' } }],
    ['an IPv6 range', { peer_network_range_check: { ranges: ['fd00::/8'], action: 'allow' } }],
    ['one process on one OS', { process_check: { processes: [{ windows_path: 'C:\\Program Files\\Agent\\agent.exe' }] } }],
    ['other kinds set to null', { nb_version_check: { min_version: '1' }, os_version_check: null, process_check: null }],
  ];
  for (const [what, checks] of single) {
    it(`accepts ${what} alone`, async () => {
      const r = await api('POST', '/api/posture-checks', check(`only ${what}`, checks));
      expect(r.status).toBe(200);
      expect(Object.keys(r.body.checks)).toHaveLength(1);
    });
  }
});

describe('updating posture checks', () => {
  it('replaces name, description and checks, and audits', async () => {
    const c = (await api('POST', '/api/posture-checks', check('to update'))).body;
    const r = await api('PUT', `/api/posture-checks/${c.id}`, check('updated', { os_version_check: { ios: { min_version: '17' } } }, 'now'));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: c.id, name: 'updated', description: 'now', checks: { os_version_check: { ios: { min_version: '17' } } } });
    const db = await testDb();
    expect(await db.auditEvent.count({ where: { accountId, targetId: c.id, activityCode: 'posture.check.update' } })).toBe(1);
    expect((await api('GET', `/api/posture-checks/${c.id}`)).body).toEqual(r.body);
  });

  it('bumps the network serial only when a policy uses the check', async () => {
    const c = (await api('POST', '/api/posture-checks', check('serial'))).body;
    let serial = await serialOf(accountId);
    await api('PUT', `/api/posture-checks/${c.id}`, check('serial', { nb_version_check: { min_version: '0.26' } }));
    expect(await serialOf(accountId)).toBe(serial);
    await usePolicy(c.id, 'serial user');
    serial = await serialOf(accountId);
    await api('PUT', `/api/posture-checks/${c.id}`, check('serial', { nb_version_check: { min_version: '0.27' } }));
    expect(await serialOf(accountId)).toBe(serial + 1);
  });
});

async function usePolicy(checkId: string, name: string) {
  const all = (await api('GET', '/api/groups?name=All')).body[0].id;
  const r = await api('POST', '/api/policies', {
    name,
    enabled: true,
    source_posture_checks: [checkId],
    rules: [{ name: 'r', enabled: true, action: 'accept', bidirectional: true, protocol: 'all', sources: [all], destinations: [all] }],
  });
  expect(r.status).toBe(200);
  return r.body;
}

describe('names are unique per account', () => {
  it('answers 409 to a duplicate name on create and rename, writing nothing', async () => {
    const a = (await api('POST', '/api/posture-checks', check('unique-a'))).body;
    await api('POST', '/api/posture-checks', check('unique-b'));
    const before = await slice(accountId);
    const dup = await api('POST', '/api/posture-checks', check('unique-b'));
    expect(dup.status).toBe(409);
    expect(dup.body.message).toContain('unique-b');
    expect((await api('PUT', `/api/posture-checks/${a.id}`, check('unique-b'))).status).toBe(409);
    expect(await slice(accountId)).toEqual(before);
    expect((await api('PUT', `/api/posture-checks/${a.id}`, check('unique-a', { nb_version_check: { min_version: '2' } }))).status).toBe(200);
    expect((await netbird(otherToken)('POST', '/api/posture-checks', check('unique-a'))).status).toBe(200);
  });
});

describe('bad input writes nothing', () => {
  const nb = (min_version: unknown) => ({ nb_version_check: { min_version } });
  const geo = (locations: unknown, action: unknown = 'allow') => ({ geo_location_check: { locations, action } });
  const net = (ranges: unknown, action: unknown = 'allow') => ({ peer_network_range_check: { ranges, action } });
  const cases: [string, () => unknown, number][] = [
    ['malformed JSON', () => '{"name": "x",', 400],
    ['a number as name', () => ({ name: 3, description: '', checks: nb('1.0') }), 400],
    ['a missing name', () => ({ description: '', checks: nb('1.0') }), 400],
    ['a missing description', () => ({ name: 'x', checks: nb('1.0') }), 400],
    ['checks as a string', () => check('x', 'nb_version_check'), 400],
    ['a numeric version', () => check('x', nb(1.2)), 400],
    ['a version check without a version', () => check('x', { nb_version_check: {} }), 400],
    ['locations as an object', () => check('x', geo({ country_code: 'DE' })), 400],
    ['numeric ranges', () => check('x', net([10])), 400],
    ['processes as an object', () => check('x', { process_check: { processes: { linux_path: '/bin/x' } } }), 400],
    ['an empty name', () => check('  '), 422],
    ['no checks', () => ({ name: 'x', description: '' }), 422],
    ['an empty checks object', () => check('x', {}), 422],
    ['only null checks', () => check('x', { nb_version_check: null, geo_location_check: null }), 422],
    ['a version word', () => check('x', nb('latest')), 422],
    ['an empty version', () => check('x', nb('')), 422],
    ['a version with a double dot', () => check('x', nb('1..2')), 422],
    ['an OS check without any OS', () => check('x', { os_version_check: {} }), 422],
    ['a bad kernel version', () => check('x', { os_version_check: { linux: { min_kernel_version: 'five' } } }), 422],
    ['no locations', () => check('x', geo([])), 422],
    ['an unknown country code', () => check('x', geo([{ country_code: 'XX' }])), 422],
    ['a country name instead of a code', () => check('x', geo([{ country_code: 'Germany' }])), 422],
    ['a geo action other than allow/deny', () => check('x', geo([{ country_code: 'DE' }], 'block')), 422],
    ['no ranges', () => check('x', net([])), 422],
    ['a prefix too long for IPv4', () => check('x', net(['10.0.0.0/33'])), 422],
    ['an address without a prefix', () => check('x', net(['10.0.0.1'])), 422],
    ['an invalid IPv4 address', () => check('x', net(['300.1.1.1/8'])), 422],
    ['a prefix too long for IPv6', () => check('x', net(['fd00::/129'])), 422],
    ['a range action other than allow/deny', () => check('x', net(['10.0.0.0/8'], 'maybe')), 422],
    ['no processes', () => check('x', { process_check: { processes: [] } }), 422],
    ['a process without paths', () => check('x', { process_check: { processes: [{}] } }), 422],
    ['a process with only empty paths', () => check('x', { process_check: { processes: [{ linux_path: ' ', mac_path: '' }] } }), 422],
  ];
  for (const [what, body, status] of cases) {
    it(`POST answers ${status} to ${what}`, async () => {
      const before = await slice(accountId);
      const r = await api('POST', '/api/posture-checks', body());
      expect(r.status).toBe(status);
      expect(r.body.message.length).toBeGreaterThan(5);
      expect(await slice(accountId)).toEqual(before);
    });
  }

  it('PUT answers the same and leaves the check as it was', async () => {
    const c = (await api('POST', '/api/posture-checks', check('stays'))).body;
    const before = await slice(accountId);
    for (const [what, body, status] of cases) {
      const r = await api('PUT', `/api/posture-checks/${c.id}`, body());
      expect(r.status, what).toBe(status);
    }
    expect(await slice(accountId)).toEqual(before);
    expect((await api('GET', `/api/posture-checks/${c.id}`)).body).toEqual(c);
  });
});

describe('deleting posture checks', () => {
  it('deletes an unused check, answers {} and audits it', async () => {
    const c = (await api('POST', '/api/posture-checks', check('short-lived'))).body;
    const r = await api('DELETE', `/api/posture-checks/${c.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({});
    const db = await testDb();
    expect(await db.postureCheck.findUnique({ where: { id: c.id } })).toBeNull();
    expect(await db.auditEvent.count({ where: { accountId, targetId: c.id, activityCode: 'posture.check.delete' } })).toBe(1);
    expect((await api('GET', `/api/posture-checks/${c.id}`)).status).toBe(404);
  });

  it('refuses with 409 naming the policy while a policy uses the check', async () => {
    const c = (await api('POST', '/api/posture-checks', check('in use'))).body;
    const p = await usePolicy(c.id, 'Guarded access');
    const before = await slice(accountId);
    const r = await api('DELETE', `/api/posture-checks/${c.id}`);
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('Guarded access');
    expect(await slice(accountId)).toEqual(before);
    // Once the policy lets go of it, it can be deleted.
    expect((await api('DELETE', `/api/policies/${p.id}`)).status).toBe(200);
    expect((await api('DELETE', `/api/posture-checks/${c.id}`)).status).toBe(200);
  });
});

describe('account isolation and roles', () => {
  it("answers 404 to every method on another account's check and changes nothing", async () => {
    const theirs = (await netbird(otherToken)('POST', '/api/posture-checks', check('theirs'))).body;
    const db = await testDb();
    const before = await db.postureCheck.findUniqueOrThrow({ where: { id: theirs.id } });
    expect((await api('GET', `/api/posture-checks/${theirs.id}`)).status).toBe(404);
    expect((await api('PUT', `/api/posture-checks/${theirs.id}`, check('mine'))).status).toBe(404);
    expect((await api('DELETE', `/api/posture-checks/${theirs.id}`)).status).toBe(404);
    expect((await api('GET', '/api/posture-checks')).body.map((x: { id: string }) => x.id)).not.toContain(theirs.id);
    expect(await db.postureCheck.findUniqueOrThrow({ where: { id: theirs.id } })).toEqual(before);
  });

  it('lets an auditor read but not change checks', async () => {
    const auditor = netbird((await newUser(accountId, 'auditor')).token);
    const c = (await api('GET', '/api/posture-checks')).body[0];
    expect((await auditor('GET', '/api/posture-checks')).status).toBe(200);
    expect((await auditor('GET', `/api/posture-checks/${c.id}`)).status).toBe(200);
    const before = await slice(accountId);
    expect((await auditor('POST', '/api/posture-checks', check('auditor'))).status).toBe(403);
    expect((await auditor('PUT', `/api/posture-checks/${c.id}`, check('auditor'))).status).toBe(403);
    expect((await auditor('DELETE', `/api/posture-checks/${c.id}`)).status).toBe(403);
    expect(await slice(accountId)).toEqual(before);
  });

  it('refuses reads and changes to a regular user', async () => {
    const user = netbird((await newUser(accountId, 'user')).token);
    const c = (await api('GET', '/api/posture-checks')).body[0];
    const before = await slice(accountId);
    expect((await user('GET', '/api/posture-checks')).status).toBe(403);
    expect((await user('GET', `/api/posture-checks/${c.id}`)).status).toBe(403);
    expect((await user('POST', '/api/posture-checks', check('user'))).status).toBe(403);
    expect((await user('PUT', `/api/posture-checks/${c.id}`, check('user'))).status).toBe(403);
    expect((await user('DELETE', `/api/posture-checks/${c.id}`)).status).toBe(403);
    expect(await slice(accountId)).toEqual(before);
  });
});
